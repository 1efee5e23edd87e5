import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { TestApp } from '../helpers/app';
import { ok, REVIEW } from '../catalogue/helpers';
import { draftAndSubmit } from './helpers';

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>;
const clients: Client[] = [];
beforeAll(async () => {
  app = await TestApp.create();
  server = await app.listen();
});
afterAll(async () => {
  for (const c of clients) await c.dispose();
  await server.close();
  await app.close();
});

/** A graphql-ws client over a real socket, signed in with `token` (or none). */
function client(token: string | null, onClosed?: (code: number) => void): Client {
  const c = createClient({
    url: server.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (e) => onClosed?.((e as { code: number }).code) },
  });
  clients.push(c);
  return c;
}

/** Subscribes and collects every result; `ready` resolves once the server acknowledged the connection. */
function collect(c: Client, query: string) {
  const results: any[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  const unsubscribe = c.subscribe(
    { query },
    {
      next: (r) => {
        results.push(r);
        waiters.splice(0).forEach((w) => w());
      },
      error: (e) => {
        errors.push(e);
        waiters.splice(0).forEach((w) => w());
      },
      complete: () => undefined,
    },
  );
  return {
    results,
    errors,
    unsubscribe,
    /** Waits until `n` results (or an error) arrived, at most `ms`. */
    async wait(n: number, ms = 5000) {
      const deadline = Date.now() + ms;
      while (results.length < n && !errors.length && Date.now() < deadline) {
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    },
  };
}

/** Resolves once the client's socket is connected and acknowledged. */
function connected(c: Client): Promise<void> {
  return new Promise((resolve) => c.on('connected', () => resolve()));
}

const ADDED = `subscription { notificationAdded { id kind title targetType targetId } }`;

describe('notifications in real time over graphql-ws', () => {
  it('delivers each committed notification to its recipient only, and the task count', async () => {
    const legal = client(await app.tokenFor('tj-legal'));
    const author = client(await app.tokenFor('tj-office-liaison'));
    const legalReady = connected(legal);
    const authorReady = connected(author);
    const legalEvents = collect(legal, ADDED);
    const legalTasks = collect(legal, `subscription { taskCountChanged }`);
    const authorEvents = collect(author, ADDED);
    await Promise.all([legalReady, authorReady]);
    // The subscribe messages reach the server right after the connection is acknowledged.
    await new Promise((r) => setTimeout(r, 300));

    const itemId = await draftAndSubmit(app, '实时通知测试事项');
    await legalEvents.wait(1);
    await legalTasks.wait(1);
    expect(legalEvents.errors).toEqual([]);
    expect(legalEvents.results).toEqual([
      { data: { notificationAdded: expect.objectContaining({ kind: 'ITEM_SUBMITTED', title: '待审核：实时通知测试事项', targetId: itemId }) } },
    ]);
    expect(legalTasks.results).toEqual([{ data: { taskCountChanged: expect.any(Number) } }]);
    // The submitter is told nothing; then the return reaches it and not the reviewer.
    expect(authorEvents.results).toEqual([]);
    ok(await app.gql(REVIEW, { input: { itemId, decision: 'RETURN', comment: '请修改' } }, 'tj-legal'));
    await authorEvents.wait(1);
    expect(authorEvents.results.map((r) => r.data.notificationAdded.kind)).toEqual(['ITEM_RETURNED']);
    await new Promise((r) => setTimeout(r, 200));
    expect(legalEvents.results).toHaveLength(1);
  });

  it('hears notifications committed by another connection (another API instance) through LISTEN/NOTIFY, and none that rolled back', async () => {
    const secrecy = client(await app.tokenFor('tj-secrecy'));
    const ready = connected(secrecy);
    const events = collect(secrecy, ADDED);
    await ready;
    await new Promise((r) => setTimeout(r, 300));
    // Written by hand on a separate connection, as another instance would: first rolled back, then committed.
    const insert = `insert into notification (user_id, kind, title) select id, 'ITEM_SUBMITTED', $1 from app_user where username = 'tj-secrecy'`;
    await app.sql(`do $$ begin ${insert.replace('$1', "'回滚'")}; raise exception 'rollback'; end $$`).catch(() => undefined);
    await app.sql(insert, ['另一实例写入的通知']);
    await events.wait(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(events.results.map((r) => r.data.notificationAdded.title)).toEqual(['另一实例写入的通知']);
  });

  it('closes a connection without a valid token (4403) and refuses queries over the socket', async () => {
    const codes: number[] = [];
    const anonymous = client(null, (code) => codes.push(code));
    const events = collect(anonymous, ADDED);
    await events.wait(1, 2000);
    expect(codes).toContain(4403);

    const forged = client('not-a-token', (code) => codes.push(code));
    collect(forged, ADDED);
    await new Promise((r) => setTimeout(r, 500));
    expect(codes.filter((c) => c === 4403)).toHaveLength(2);

    const legal = client(await app.tokenFor('tj-legal'));
    const query = collect(legal, `{ unreadNotificationCount }`);
    await query.wait(1, 3000);
    expect(JSON.stringify(query.errors)).toContain('WebSocket 只用于订阅');
  });
});
