import type { EntityManager } from '@mikro-orm/postgresql';
import { msg, NotFoundError, ValidationError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { OrgUnit } from '../organisation';
import { AnnualStatistics, AnnualStatisticsSave, StatisticsService, StatisticsStatus, StatisticsTemplateService } from '../statistics';
import { ContactFiguresArgs, contactFiguresSchema, FillStatisticsFromContactInput, fillStatisticsSchema } from './contact.inputs';
import { ContactFigureRow, selectCaseCounts, selectContactFigures, selectHandlingRates } from './contact.queries';
import { ContactCaseCounts, ContactFigures, ContactStatisticsFill } from './contact.types';
import type { Principal } from '../../auth/principal';

/** The note a cell filled from the records carries (备注). */
export const FROM_RECORDS_NOTE = '由咨询投诉记录计算';

/** Customs-template cells and how each comes from the figures (null: nothing to write). */
const CELLS: [key: string, read: (f: ContactFigures) => number | null][] = [
  ['consultations.total', (f) => f.consultationsTotal],
  ['consultations.phone', (f) => f.consultationsByPhone],
  ['consultations.visit', (f) => f.consultationsAtCounter],
  ['consultations.online', (f) => f.consultationsOnline],
  ['consultations.problemsResolved', (f) => f.difficultQuestionsResolved],
  ['consultations.complaints', (f) => f.complaints],
  ['consultations.satisfaction', (f) => f.satisfactionRate],
];

function toFigures(unitId: number, year: number, wholeSubtree: boolean, r: ContactFigureRow): ContactFigures {
  const f: ContactFigures = {
    unitId,
    year,
    includesSubordinateOffices: wholeSubtree,
    consultationsTotal: r.consultations_total,
    consultationsByPhone: r.consultations_phone,
    consultationsAtCounter: r.consultations_counter,
    consultationsOnline: r.consultations_online,
    consultationsOther: r.consultations_other,
    consultationsEscalated: r.consultations_escalated,
    difficultQuestionsResolved: r.difficult_resolved,
    complaints: r.complaints,
    tipOffs: r.tip_offs,
    suggestions: r.suggestions,
    followUps: r.follow_ups,
    satisfactionRate: r.follow_ups ? Math.round((1000 * r.satisfied) / r.follow_ups) / 10 : null,
    cells: {},
  };
  f.cells = Object.fromEntries(CELLS.map(([k, read]) => [k, read(f)]));
  return f;
}

/** Figures computed from the contact records, and filling statistics drafts with them. */
export class ContactFiguresService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The figures of a unit and year: staff of the unit (any role) only. */
  async figures(raw: ContactFiguresArgs): Promise<ContactFigures> {
    const args = parseInput(contactFiguresSchema, raw, 'args');
    const unit = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(args.unitId, 'OrgUnit', 'unitId') });
    if (!unit || !this.ctx.auth.isStaffOf(unit.path)) throw new NotFoundError('OrgUnit');
    const whole = !!args.includeSubordinateOffices;
    return toFigures(unit.id, args.year, whole, await selectContactFigures(this.ctx.em, unit.id, args.year, whole));
  }

  /**
   * Writes the computed cells into the unit's working statistics for the year through the
   * statistics service's own save (same checks, scope, audit and correction rules), keeping every
   * other cell; each written cell's note says it came from the records.
   */
  async fillStatistics(raw: FillStatisticsFromContactInput): Promise<ContactStatisticsFill> {
    const input = parseInput(fillStatisticsSchema, raw);
    const figures = await this.figures({ unitId: input.unitId, year: input.year });
    const statistics = new StatisticsService(this.ctx);
    const template = await new StatisticsTemplateService(this.ctx).templateFor(input.year);
    if (!template || !template.definition.cells.some((c) => c.key === 'consultations.total')) {
      throw ValidationError.field('input.year', msg('contact.noConsultationCells', { year: input.year, template: template?.code ?? '—' }));
    }
    const revisions = await statistics.forUnit(input.unitId, input.year);
    const base: AnnualStatistics | undefined = revisions.find((r) => r.status !== StatisticsStatus.SUPERSEDED);
    const merged: Record<string, unknown> = { ...(base?.figures ?? {}) };
    const notes: Record<string, string> = { ...(base?.notes ?? {}) };
    const filledCells: string[] = [];
    for (const [key, value] of Object.entries(figures.cells)) {
      if (value === null) continue;
      merged[key] = value;
      const note = notes[key];
      notes[key] = !note ? FROM_RECORDS_NOTE : note.includes(FROM_RECORDS_NOTE) ? note : `${note}（${FROM_RECORDS_NOTE}）`.slice(0, 500);
      filledCells.push(key);
    }
    const saved = await new AnnualStatisticsSave(this.ctx).save({
      unitId: input.unitId,
      year: input.year,
      templateCode: template.code,
      figures: merged,
      notes,
      correctionReason: input.correctionReason ?? null,
      expectedVersion: input.expectedVersion ?? null,
    });
    return { statistics: saved, filledCells, figures };
  }
}

/** Open, overdue and escalated cases of a subtree that the caller may see (for the overview). */
export function contactCaseCounts(em: EntityManager, auth: Principal, subtreePath: string, today: string): Promise<ContactCaseCounts> {
  return selectCaseCounts(em, auth, subtreePath, today);
}

/** On-time handling and feedback of the cases of a subtree received in a year (for inspection indicators). */
export async function contactHandlingRates(em: EntityManager, subtreePath: string, year: number, asOf: string) {
  const r = await selectHandlingRates(em, subtreePath, year, asOf);
  return { due: r.due, onTime: r.on_time, namedClosed: r.named_closed, fedBack: r.fed_back };
}
