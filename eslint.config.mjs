// ESLint flat config: typescript-eslint's recommended rules over the TypeScript sources.
// Formatting is Prettier's business (npm run format:check), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', 'dist-bench/**', 'node_modules/**', 'bench/.cache/**', 'bench/.work/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // type-graphql and MikroORM take classes as `Function` (their own signatures); a narrower type buys nothing.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // `_`-prefixed names and rest-sibling omissions (`const { stacktrace: _s, ...rest } = …`) are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `let { id, version } = …` where only one is reassigned reads better than two statements.
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  {
    // Tests assert on untyped GraphQL JSON; migrations are frozen once applied and are not edited for style.
    files: ['test/**/*.ts', 'migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
  },
);
