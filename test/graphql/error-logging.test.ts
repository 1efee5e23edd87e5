import { Writable } from 'node:stream';
import pino from 'pino';
import { parseEnv } from '../../src/config/env';
import { buildAppSchema } from '../../src/graphql/schema';
import { cacheSizesOf, createApp } from '../../src/graphql/server';
import { TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

/** The real Express app with a logger whose lines the test reads. */
async function serveWithCapturedLog() {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const log = pino({ level: 'info' }, sink);
  const config = parseEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
  const { app: express, apollo } = await createApp({ config, orm: app.orm, schema: await buildAppSchema(), tokens: app.tokens, log });
  const server = express.listen(0);
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    lines,
    apollo,
    close: async () => {
      await new Promise((r) => server.close(r));
      await apollo.stop();
    },
  };
}

describe('unexpected errors', () => {
  it('are masked for the client, keep their path, and are logged in full with the request id, on both execution paths', async () => {
    const s = await serveWithCapturedLog();
    // A fault below the API: the table a resolver reads is gone, so the driver throws a plain Error.
    await app.sql('alter table org_unit rename to org_unit_gone');
    try {
      // A document's first run goes through graphql-js, its second through its graphql-jit compilation.
      for (const requestId of ['req-edge-js', 'req-edge-jit']) {
        const res = await fetch(`${s.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': requestId },
          body: JSON.stringify({ query: '{ orgUnits(first: 1) { totalCount } }' }),
        });
        const body: any = await res.json();
        expect(body.errors).toEqual([
          {
            message: '服务器内部错误',
            path: ['orgUnits'],
            locations: [{ line: 1, column: 3 }],
            extensions: { code: 'INTERNAL_SERVER_ERROR', messageKey: 'transport.internal' },
          },
        ]);
        expect(JSON.stringify(body)).not.toMatch(/org_unit/);
      }
      expect(cacheSizesOf(s.apollo).compiledOperations).toBe(1);
      const logged = s.lines.filter((l) => l.msg === 'unexpected error');
      expect(logged.map((l) => l.requestId)).toEqual(['req-edge-js', 'req-edge-jit']);
      for (const line of logged) {
        expect(line).toMatchObject({ level: 50, path: ['orgUnits'] });
        expect(line.err.message).toMatch(/org_unit/);
        expect(line.err.stack).toEqual(expect.any(String));
      }
    } finally {
      await app.sql('alter table org_unit_gone rename to org_unit');
      await s.close();
    }
  });

  it('are not logged when the error is the client’s (BAD_USER_INPUT, NOT_FOUND)', async () => {
    const s = await serveWithCapturedLog();
    try {
      const post = (query: string) =>
        fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      expect(((await (await post('{ orgUnits(first: 1000) { totalCount } }')).json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(s.lines.filter((l) => l.level >= 50)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
