import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { holdingConnection } from '../db/connection-guard';
import { ConflictError } from './errors';
import { throwIfDeadlinePassed } from './unavailable';

/**
 * Runs a mutation in one transaction: the change and its audit record commit together or not
 * at all. Concurrent-edit and uniqueness failures from the database become CONFLICT. Everything
 * `work` runs must go through the `em` it is given: the pool refuses it a second connection.
 */
export async function inTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional((tem) =>
      holdingConnection(async () => {
        const result = await work(tem as EntityManager);
        // The caller was already told the request failed: what it wrote must not commit.
        throwIfDeadlinePassed(em);
        return result;
      }),
    );
  } catch (err) {
    if (err instanceof OptimisticLockError) {
      throw new ConflictError('The row was changed by someone else; reload it and try again');
    }
    if (err instanceof UniqueConstraintViolationException) {
      throw new ConflictError(`A row with the same unique value already exists (${constraintName(err)})`);
    }
    throw err;
  }
}

/** Refuses a change based on a stale read. */
export function assertVersion(actual: number, expected: number | null | undefined, what: string): void {
  if (expected != null && actual !== expected) {
    throw new ConflictError(`${what} is at version ${actual}, not ${expected}: it was changed by someone else; reload it and try again`);
  }
}

function constraintName(err: UniqueConstraintViolationException): string {
  const m = /constraint "([^"]+)"/.exec(err.message);
  return m ? m[1] : 'unique constraint';
}
