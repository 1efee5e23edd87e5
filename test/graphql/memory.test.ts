import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createHash, randomBytes } from 'node:crypto';
import { TestApp } from '../helpers/app';
import { COMPILED_OPERATIONS } from '../../src/graphql/jit-executor';
import { DOCUMENT_STORE, PERSISTED_QUERIES } from '../../src/graphql/bounded-cache';

// A full collection on demand, without starting jest with --expose-gc: V8 exposes `gc` to
// contexts created after the flag is set.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const ALIASES = 8;
/** A document no one has sent before: random aliases of `__typename` (no SQL, ~230 characters). */
const distinctDocument = () => {
  const a = `a${randomBytes(6).toString('hex')}`;
  return `{ ${Array.from({ length: ALIASES }, (_, i) => `${a}_${i}: __typename`).join(' ')} }`;
};

const sizes = () => app.cacheSizes();

const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe('memory kept per distinct document', () => {
  it('compiles an operation the second time its document runs, and answers the same both times', async () => {
    const query = distinctDocument();
    const before = sizes().compiledOperations;
    const first = await app.gql(query);
    expect(sizes().compiledOperations).toBe(before);
    const second = await app.gql(query);
    expect(sizes().compiledOperations).toBe(before + 1);
    const third = await app.gql(query);
    expect(first.errors).toBeUndefined();
    expect(second).toEqual(first);
    expect(third).toEqual(first);
  });

  /** Sends `n` distinct documents, each `times` times, and checks every answer. */
  const send = async (n: number, times: number) => {
    for (let i = 0; i < n; i++) {
      const query = distinctDocument();
      for (let t = 0; t < times; t++) {
        const res = await app.gql(query);
        if (res.errors || Object.keys(res.data ?? {}).length !== ALIASES) throw new Error(JSON.stringify(res));
      }
    }
  };

  // Unbounded (Apollo's default document store, one compiled operation per document, V8's
  // compilation cache) the heap grew by 30–90 KB per document.
  it('levels off under 10,000 distinct documents, with the document store bounded', async () => {
    await send(2000, 1);
    const at2k = heapAfterGc();
    await send(8000, 1);
    const at10k = heapAfterGc();
    expect(app.cacheSizes().documents).toBeLessThanOrEqual(DOCUMENT_STORE.maxEntries);
    expect((at10k - at2k) / 1e6).toBeLessThan(8);
  }, 300_000);

  it('levels off when every distinct document is sent twice (so each is compiled), with compiled operations bounded', async () => {
    await send(COMPILED_OPERATIONS * 2, 2);
    const before = heapAfterGc();
    await send(COMPILED_OPERATIONS * 4, 2);
    const after = heapAfterGc();
    expect(app.cacheSizes().compiledOperations).toBe(COMPILED_OPERATIONS);
    expect((after - before) / 1e6).toBeLessThan(8);
  }, 300_000);

  it('keeps persisted query texts (APQ) bounded too', async () => {
    const server = await app.listen();
    try {
      const register = async (i: number) => {
        const query = `{ apq${i}: __typename }`;
        const sha256Hash = createHash('sha256').update(query).digest('hex');
        const res = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
        });
        expect(await res.json()).toEqual({ data: { [`apq${i}`]: 'Query' } });
      };
      const total = PERSISTED_QUERIES.maxEntries + 100;
      for (let i = 0; i < total; i += 20) await Promise.all(Array.from({ length: Math.min(20, total - i) }, (_, k) => register(i + k)));
      expect(server.cacheSizes().persistedQueries).toBe(PERSISTED_QUERIES.maxEntries);
    } finally {
      await server.close();
    }
  }, 120_000);
});
