import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays } from '../../common/dates';
import { msg, ProblemList, ValidationError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import { addWorkingDays, loadWorkCalendar } from '../catalogue';
import { OrgUnit, OrgUnitKind } from '../organisation';
import type { ContactCase } from './contact-case.entity';
import { ContactLevel, HandlingMode } from './contact.enums';
import type { CasePolicyFacts } from './contact.policy';

/* What every way of registering and handling a case shares: its starting level, due date, audit snapshot and input checks. */

/** The level a case starts at, from the kind of the unit it is about. */
export function initialLevelOf(kind: OrgUnitKind): ContactLevel {
  if (kind === OrgUnitKind.SECTION) return ContactLevel.SECTION;
  if (kind === OrgUnitKind.DIVISION || kind === OrgUnitKind.SUBORDINATE_OFFICE) return ContactLevel.DIVISION;
  return ContactLevel.DISTRICT_OFFICE;
}

/** Snapshot of a case for the audit trail: no personal data of the reporter, only whether one is named. */
export function caseSnapshot(c: ContactCase): Record<string, unknown> {
  return {
    unitId: c.unit.id,
    handlingUnitId: c.handlingUnit.id,
    kind: c.kind,
    channel: c.channel,
    restricted: c.restricted,
    anonymous: c.anonymous,
    receivedOn: c.receivedOn,
    handlingMode: c.handlingMode,
    timeLimitDays: c.timeLimitDays ?? null,
    dueOn: c.dueOn,
    level: c.level,
    escalations: c.escalations,
    status: c.status,
    ownerId: c.owner?.id ?? null,
    closedOn: c.closedOn ?? null,
    feedbackOn: c.feedbackOn ?? null,
    feedbackMethod: c.feedbackMethod ?? null,
    followUpOn: c.followUpOn ?? null,
    satisfaction: c.satisfaction ?? null,
    version: c.version,
  };
}

/** The policy's facts of a case whose unit and handling unit are loaded. */
export function factsOf(c: ContactCase): CasePolicyFacts {
  return { restricted: c.restricted, unitPath: c.unit.getEntity().path, handlingUnitPath: c.handlingUnit.getEntity().path, ownerId: c.owner?.id ?? null };
}

/** When a case received on `receivedOn` is due under a handling mode. */
export async function dueDateOf(
  em: EntityManager,
  receivedOn: string,
  mode: HandlingMode,
  workingDays?: number | null,
  dueOn?: string | null,
): Promise<string> {
  if (mode === HandlingMode.IMMEDIATE) return receivedOn;
  if (mode === HandlingMode.BY_DATE) return dueOn!;
  // Two weeks of holidays at most per month: three calendar days per working day is ample.
  const calendar = await loadWorkCalendar(em, receivedOn, addDays(receivedOn, workingDays! * 3 + 30));
  return addWorkingDays(receivedOn, workingDays!, calendar);
}

/** A unit by global id, or a field error naming `field`. */
export async function unitOrFail(em: EntityManager, globalId: string, field: string): Promise<OrgUnit> {
  const unit = await em.findOne(OrgUnit, { id: decodeIntId(globalId, 'OrgUnit', field) });
  if (!unit) throw ValidationError.field(field, msg('organisation.notAUnit'));
  return unit;
}

/** Cases handled by staff: registering, escalating, closing and following up (the log is contact-log.service.ts). */

/** Mode-specific fields: a time limit for TIME_LIMITED only, a date (not before receipt) for BY_DATE only. */
export function checkHandlingMode(
  problems: ProblemList,
  mode: HandlingMode,
  days: number | null | undefined,
  dueOn: string | null | undefined,
  receivedOn: string,
): void {
  if (mode === HandlingMode.TIME_LIMITED) problems.check(days != null, 'input.timeLimitWorkingDays', msg('contact.timeLimitRequired'));
  else problems.check(days == null, 'input.timeLimitWorkingDays', msg('contact.timeLimitOnly'));
  if (mode === HandlingMode.BY_DATE) {
    problems.check(dueOn != null, 'input.dueOn', msg('contact.dueOnRequired'));
    if (dueOn) problems.check(dueOn >= receivedOn, 'input.dueOn', msg('contact.beforeReceipt', { date: receivedOn }));
  } else problems.check(dueOn == null, 'input.dueOn', msg('contact.dueOnOnly'));
}

/** Contact and organisation belong to a named reporter. */
export function checkReporter(problems: ProblemList, name?: string | null, contact?: string | null, organisation?: string | null): void {
  if (!name) {
    problems.check(!contact, 'input.reporterContact', msg('contact.namedReporterOnly'));
    problems.check(!organisation, 'input.reporterOrganisation', msg('contact.namedReporterOnly'));
  }
}
