import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, todayInChina } from '../../common/dates';
import { runSql, runSqlOne } from '../../db/sql';
import type { ModuleDefinition, ModuleJob } from '../module';
import { foldItemDueSql, rebuildItemAggregatesSql } from './item-aggregates.queries';

/** Recomputes the maintained item counters from the items, in the caller's transaction. */
export async function rebuildItemAggregates(em: EntityManager): Promise<void> {
  await runSql(em, rebuildItemAggregatesSql());
}

/**
 * Days of overdue and due counters kept one by one: the dashboard's `asOf` may go back this far.
 * Older days are folded into one row per unit and kind, so the counters of the administration and
 * of a district stay a few hundred rows however many years of deadlines lie behind them.
 */
export const ITEM_DUE_DAYS_KEPT = 62;

/** Folds item_due's days before `before` (default: ITEM_DUE_DAYS_KEPT days before today in China); returns the rows folded. */
export async function foldItemDue(em: EntityManager, before: string = addDays(todayInChina(), -ITEM_DUE_DAYS_KEPT)): Promise<number> {
  return (await runSqlOne<{ folded: number }>(em, foldItemDueSql(before)))!.folded;
}

/** graphile-worker task name of the daily fold. */
export const FOLD_ITEM_DUE_JOB = 'fold-item-due';

const foldJob: ModuleJob = async (_payload, deps) => {
  const folded = await foldItemDue(deps.orm.em.fork() as unknown as EntityManager);
  deps.log.info({ folded }, 'item due days folded');
};

/** The catalogue's background jobs: the fold daily at 03:40 China time (19:40 UTC). */
export const catalogueJobs: NonNullable<ModuleDefinition['jobs']> = {
  tasks: { [FOLD_ITEM_DUE_JOB]: foldJob },
  crontab: [`40 19 * * * ${FOLD_ITEM_DUE_JOB}`],
};
