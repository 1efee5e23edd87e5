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
 * constant number of SQL statements whatever the number of units.
 */
export type TaskProvider = (ctx: ServiceContext, units: TaskUnit[], today: string) => Promise<TaskRecord[]>;
