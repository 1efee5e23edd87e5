import { AsyncLocalStorage } from 'node:async_hooks';

/** Set while a transaction's work runs; `open` turns false when it ends (work it left behind may outlive it). */
const holding = new AsyncLocalStorage<{ open: boolean }>();

/** Raised when code inside a transaction asks the pool for a second connection. */
export class SecondConnectionError extends Error {
  constructor() {
    super(
      "A second pooled connection was requested inside a transaction: use the transaction's EntityManager (runSql(em, …), em.find, ...) for everything it runs",
    );
    this.name = 'SecondConnectionError';
  }
}

/** Runs a transaction's work marked as holding a connection: `guardPool` refuses it any other. */
export function holdingConnection<T>(work: () => Promise<T>): Promise<T> {
  const marker = { open: true };
  return holding.run(marker, async () => {
    try {
      return await work();
    } finally {
      marker.open = false;
    }
  });
}

interface PoolClient {
  acquireConnection(): Promise<unknown>;
}

/**
 * Makes the pool refuse a connection to code that already holds one in a transaction.
 *
 * Such code waits for a connection that only another waiting request can free: with as many
 * concurrent transactions as the pool has connections, every request froze until the acquire
 * timeout. Failing at once makes the mistake show on the first test that runs the code, on a
 * quiet machine, instead of as a freeze under load. Queries inside a knex transaction go through
 * its own client, whose acquireConnection hands out the transaction's connection and is not
 * this one.
 */
export function guardPool(client: PoolClient): void {
  const acquire = client.acquireConnection;
  client.acquireConnection = function guardedAcquire(this: PoolClient) {
    if (holding.getStore()?.open) return Promise.reject(new SecondConnectionError());
    return acquire.call(this);
  };
}
