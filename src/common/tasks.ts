import { registerEnumType } from 'type-graphql';
import type { Principal } from '../auth/principal';
import type { Role } from '../auth/roles';
import type { PathReach } from '../auth/scope';
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
  /** Publishers (OFFICE_PUBLISHER, OFFICE_ADMIN): an annual report approved by both reviews, to publish. */
  REPORT_PUBLICATION_PENDING = 'REPORT_PUBLICATION_PENDING',
  /** INSPECTORs: an open inspection of a unit below theirs to score and submit. */
  INSPECTION_SCORING_PENDING = 'INSPECTION_SCORING_PENDING',
  /** Inspected units' OFFICE_ADMINs: a submitted inspection awaiting their response (整改说明). */
  INSPECTION_RESPONSE_PENDING = 'INSPECTION_RESPONSE_PENDING',
  /** Handlers of a disclosure body (LIAISON, OFFICE_ADMIN): a request for disclosure whose statutory deadline is near or past. */
  REQUEST_DEADLINE_APPROACHING = 'REQUEST_DEADLINE_APPROACHING',
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
  /** The year the target is about (statistics, reports), where it matters. */
  year?: number | null;
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
export type TaskProvider = ((ctx: ServiceContext, units: TaskUnit[], today: string) => Promise<TaskRecord[]>) & {
  forEveryRole?: boolean;
  /** The kinds it can return, when declared: `myTasks(kinds:)` skips a provider none of whose kinds is asked for. */
  kinds?: readonly TaskKind[];
};

/** Marks a provider as serving its roles' holders (see TaskProvider), optionally declaring its kinds. */
export function forEveryRole(
  provider: (ctx: ServiceContext, units: TaskUnit[], today: string) => Promise<TaskRecord[]>,
  kinds?: readonly TaskKind[],
): TaskProvider {
  return Object.assign(provider, { forEveryRole: true, ...(kinds ? { kinds } : {}) });
}

/**
 * Where the caller's own grants of `roles` reach: not the roles CENTRAL_ADMIN implies, which would
 * make every review, publication and request in the country its to-do list.
 */
export function ownReach(auth: Principal, roles: readonly Role[]): PathReach[] {
  return auth.grants.filter((g) => roles.includes(g.role)).map((g) => ({ path: g.unitPath, subtree: g.cascade }));
}
