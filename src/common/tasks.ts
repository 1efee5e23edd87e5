import { registerEnumType } from 'type-graphql';
import type { ServiceContext } from './context';

/** Kinds of work a liaison officer (联络员) is asked to do. */
export enum TaskKind {
  ITEM_OVERDUE = 'ITEM_OVERDUE',
  ITEM_RETURNED = 'ITEM_RETURNED',
  ITEM_MAINTENANCE_DUE = 'ITEM_MAINTENANCE_DUE',
  ITEM_PERIODIC_DUE = 'ITEM_PERIODIC_DUE',
  STATISTICS_NOT_SUBMITTED = 'STATISTICS_NOT_SUBMITTED',
  /** The holiday calendar of this or next year has not been entered (the central administration's task). */
  HOLIDAY_CALENDAR_MISSING = 'HOLIDAY_CALENDAR_MISSING',
  /** An item ruled DISCLOSE after a withholding request, to be submitted again. */
  ITEM_RESUBMIT_AFTER_DISCLOSE = 'ITEM_RESUBMIT_AFTER_DISCLOSE',
  /** Reviewers: an item in review waiting for your kind of review in its current round. */
  ITEM_REVIEW_PENDING = 'ITEM_REVIEW_PENDING',
  /** Publishers: an approved item you may publish. */
  ITEM_PUBLISH_PENDING = 'ITEM_PUBLISH_PENDING',
  /** OFFICE_ADMINs: a withholding request of a unit below yours to rule on. */
  WITHHOLDING_RULING_PENDING = 'WITHHOLDING_RULING_PENDING',
  /** OFFICE_ADMINs: statistics of a unit below yours submitted for acceptance. */
  STATISTICS_ACCEPTANCE_PENDING = 'STATISTICS_ACCEPTANCE_PENDING',
}
registerEnumType(TaskKind, { name: 'TaskKind' });

/** One task, pointing at the item or unit it is about. */
export interface TaskRecord {
  kind: TaskKind;
  /** Numeric id of the unit the task belongs to. */
  unitId: number;
  title: string;
  /** ISO date (YYYY-MM-DD) the work is due, if any. */
  dueDate: string | null;
  /** GraphQL type and global id of the object to open. */
  targetType: string;
  targetId: string;
  detail?: string | null;
}

/** A unit a liaison works for. */
export interface TaskUnit {
  id: number;
  path: string;
}

/**
 * Contributes tasks for the given units as of `today` (YYYY-MM-DD). Providers must answer in a
 * constant number of SQL statements whatever the number of units. A provider marked
 * `forEveryRole` ignores `units` (it is called with the liaison units, possibly none) and scopes
 * itself in SQL to the caller's own grants of the roles it serves.
 */
export type TaskProvider = ((ctx: ServiceContext, units: TaskUnit[], today: string) => Promise<TaskRecord[]>) & { forEveryRole?: boolean };

/** Marks a provider as serving its roles' holders (see TaskProvider). */
export function forEveryRole(provider: (ctx: ServiceContext, units: TaskUnit[], today: string) => Promise<TaskRecord[]>): TaskProvider {
  return Object.assign(provider, { forEveryRole: true });
}
