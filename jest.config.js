/** Integration tests run against one embedded PostgreSQL per run (see test/global-setup.ts). */
const ESM_ONLY = ['htmlparser2', 'domhandler', 'domutils', 'entities', 'dom-serializer', 'domelementtype'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // sanitize-html requires htmlparser2 and its family, which are ESM-only: Node 20 loads them
    // with require(esm), jest's sandbox cannot, so jest compiles them to CommonJS.
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
  maxWorkers: 2,
};
