import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as PgEntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { Principal } from '../src/auth/principal';
import { Role } from '../src/auth/roles';
import {
  AutomaticMetric,
  computeAutomaticFigures,
  DEFAULT_GRADE_BANDS,
  IndicatorDimension,
  IndicatorMethod,
  Inspection,
  InspectionIndicator,
  InspectionScheme,
  InspectionScore,
  InspectionStatus,
  SchemeStatus,
  ScoringRuleKind,
} from '../src/modules/inspection';
import { applyScoringRule, computeInspectionTotal, gradeFor } from '../src/modules/inspection/scoring';
import { OrgUnit, User } from '../src/modules/organisation';
import type { SeedContext } from './seed-context';

const { CONTENT, FORM, RESOLUTION, MECHANISM } = IndicatorDimension;
const M = IndicatorMethod.MANUAL;
const A = IndicatorMethod.AUTOMATIC;
const linear = (zeroAt: number, fullAt: number) => ({ kind: ScoringRuleKind.LINEAR, zeroAt, fullAt });

interface IndicatorData {
  code: string;
  name: string;
  dimension: IndicatorDimension;
  maxScore: number;
  guidance: string;
  method: IndicatorMethod;
  metric?: AutomaticMetric;
  rule?: ReturnType<typeof linear>;
}

/**
 * 《2017年度天津海关政务公开考核评估指标》, built from the implementation plan's yearly check (检查评估):
 * 该公开的内容是否公布，该采取的形式是否到位，该解决的问题是否落实，运行机制是否协调.
 */
const TJ_2017: IndicatorData[] = [
  {
    code: 'NR-1',
    name: '规定动作公开情况',
    dimension: CONTENT,
    maxScore: 15,
    method: A,
    metric: AutomaticMetric.MANDATORY_CATEGORY_COVERAGE,
    rule: linear(0.5, 1),
    guidance: '机构职责、执法依据、行政程序时限收费、执法权限义务、廉政纪律、公开承诺六项内容是否全面公开。',
  },
  {
    code: 'NR-2',
    name: '按时公开情况',
    dimension: CONTENT,
    maxScore: 15,
    method: A,
    metric: AutomaticMetric.ON_TIME_PUBLICATION,
    rule: linear(0.6, 1),
    guidance: '公开事项自形成或变更之日起20个工作日内予以公开。',
  },
  {
    code: 'NR-3',
    name: '公开内容准确完整',
    dimension: CONTENT,
    maxScore: 10,
    method: M,
    guidance: '公开内容是否准确、完整，是否经法规处审核和保密审查，有无以内部规定代替法律法规。',
  },
  {
    code: 'XS-1',
    name: '公开形式到位情况',
    dimension: FORM,
    maxScore: 15,
    method: M,
    guidance: '公告栏（牌）、门户网站、关务公开手册、触摸屏、咨询电话、新闻发布等形式是否到位，通关现场是否设立意见箱、举报箱。',
  },
  {
    code: 'XS-2',
    name: '长期公开内容定期检查维护',
    dimension: FORM,
    maxScore: 10,
    method: A,
    metric: AutomaticMetric.STANDING_MAINTENANCE,
    rule: linear(0.6, 1),
    guidance: '对具有相对稳定性的公开内容进行长期公开并定期检查维护，确保公开的有效性。',
  },
  {
    code: 'LS-1',
    name: '问题整改落实情况',
    dimension: RESOLUTION,
    maxScore: 15,
    method: M,
    guidance: '社会反映和监督检查发现的问题是否落实整改，署名举报是否向举报人反馈查处结果。',
  },
  {
    code: 'JZ-1',
    name: '联络员配备情况',
    dimension: MECHANISM,
    maxScore: 5,
    method: A,
    metric: AutomaticMetric.LIAISON_COVERAGE,
    rule: linear(0.5, 1),
    guidance: '各处室、隶属海关是否配备在岗的政务公开联络员。',
  },
  {
    code: 'JZ-2',
    name: '统计数据按时报送',
    dimension: MECHANISM,
    maxScore: 5,
    method: A,
    metric: AutomaticMetric.STATISTICS_ON_TIME,
    rule: linear(0, 1),
    guidance: '上年度政务公开统计数据于1月31日前报送并经审核。',
  },
  {
    code: 'JZ-3',
    name: '运行机制协调情况',
    dimension: MECHANISM,
    maxScore: 10,
    method: M,
    guidance: '领导小组、两级公开、审核把关、督办落实、责任追究等机制是否协调运行。',
  },
];

/** 海关总署 2017 national scheme ranking the districts. */
const NATIONAL_2017: IndicatorData[] = [
  { code: 'QG-1', name: '主动公开目录建设', dimension: CONTENT, maxScore: 30, method: M, guidance: '信息公开目录是否建立并覆盖六项规定动作。' },
  { code: 'QG-2', name: '公开平台和形式', dimension: FORM, maxScore: 25, method: M, guidance: '门户网站、新媒体、咨询服务窗口等公开平台建设情况。' },
  {
    code: 'QG-3',
    name: '依申请公开办理和问题整改',
    dimension: RESOLUTION,
    maxScore: 25,
    method: M,
    guidance: '依申请公开是否依法按时答复，复议诉讼纠错及整改情况。',
  },
  { code: 'QG-4', name: '考核机制和年度报告', dimension: MECHANISM, maxScore: 20, method: M, guidance: '是否制定考核办法和评估指标，年度报告是否按时公布。' },
];

/** Manual scores per unit code, in indicator order of the manual indicators; null leaves the inspection open. */
const TJ_INSPECTIONS: { unit: string; manual: number[]; finalize: boolean; comment: string; response?: string }[] = [
  { unit: 'TJ-BGS', manual: [10, 14, 14, 10], finalize: true, comment: '公开目录健全，门户网站发布及时', response: '按要求持续做好门户网站信息发布。' },
  { unit: 'TJ-ZXFW', manual: [9, 15, 13, 9], finalize: true, comment: '咨询服务窗口公开形式到位，咨询记录完整' },
  { unit: 'TJ-FGC', manual: [9, 12, 12, 9], finalize: true, comment: '法规审核把关到位，部分执法依据更新不及时', response: '已对过时的执法依据进行清理更新。' },
  { unit: 'TJ-XG', manual: [8, 11, 10, 8], finalize: true, comment: '通关现场公告栏内容需更新' },
  { unit: 'TJ-JSC', manual: [8, 12], finalize: false, comment: '触摸屏查询系统运行正常' },
];

const NATIONAL_INSPECTIONS: { unit: string; manual: number[] }[] = [
  { unit: 'TJ', manual: [28, 23, 22, 19] },
  { unit: 'HP', manual: [27, 23, 21, 18] },
  { unit: 'XN', manual: [24, 20, 20, 16] },
];

/** Demo inspection schemes and inspections: 天津海关 2017 (departments; some finalised, one open) and the national 2017 ranking. */
export class InspectionSeeder extends Seeder {
  async run(em: EntityManager, context: SeedContext): Promise<void> {
    const units = context.units ?? new Map((await em.find(OrgUnit, {})).map((u) => [u.code, u]));
    const root = units.get('GACC')!;
    const user = async (username: string) => (context.withDemoUsers ? ((await em.findOne(User, { username }))?.id ?? null) : null);
    // Automatic figures are computed as the centre would: scope is the whole tree.
    const auth = Principal.user(0, 'seed', root.id, [{ role: Role.CENTRAL_ADMIN, unitId: root.id, unitPath: root.path, cascade: true }]);
    const ctx = { em: em as PgEntityManager, auth, requestId: 'seed' };

    const makeScheme = async (issuer: OrgUnit, name: string, data: IndicatorData[]) => {
      const scheme = em.create(InspectionScheme, { issuerUnit: issuer, year: 2017, name, totalScore: 100, gradeBands: DEFAULT_GRADE_BANDS });
      const indicators = data.map((d, n) => em.create(InspectionIndicator, { scheme, ...d, metric: d.metric ?? null, rule: d.rule ?? null, sortOrder: n + 1 }));
      await em.flush();
      scheme.status = SchemeStatus.ACTIVE;
      scheme.activatedAt = new Date('2017-11-15T02:00:00Z');
      await em.flush();
      return { scheme, indicators };
    };

    const inspect = async (
      scheme: InspectionScheme,
      indicators: InspectionIndicator[],
      unit: OrgUnit,
      manual: number[],
      inspectorId: number | null,
      finalize: boolean,
      comment: string,
      response?: string,
    ) => {
      const inspection = em.create(Inspection, { scheme, unit, inspectorId, openedAt: new Date('2017-12-04T01:00:00Z') });
      await em.flush();
      const auto = indicators.filter((i) => i.method === A);
      const figures = await computeAutomaticFigures(ctx, em as PgEntityManager, unit, 2017, new Set(auto.map((i) => i.metric!)));
      let m = 0;
      const scores: (number | null)[] = [];
      for (const ind of indicators) {
        if (ind.method === A) {
          const f = figures.get(ind.metric!)!;
          const score = applyScoringRule(ind.rule!, f.rate, ind.maxScore);
          scores.push(score);
          em.create(InspectionScore, { inspection, indicator: ind, score, figures: f, scoredAt: new Date('2017-12-04T01:00:00Z') });
        } else {
          const score = manual[m++] ?? null;
          scores.push(score);
          em.create(InspectionScore, {
            inspection,
            indicator: ind,
            score,
            comment: score == null ? null : comment,
            evidence: score == null ? [] : ['2017年度关务公开检查记录'],
            scoredById: score == null ? null : inspectorId,
            scoredAt: score == null ? null : new Date('2017-12-06T03:00:00Z'),
          });
        }
      }
      await em.flush();
      if (finalize) {
        inspection.total = computeInspectionTotal(scores);
        inspection.grade = gradeFor(inspection.total, scheme.gradeBands);
        inspection.status = InspectionStatus.SUBMITTED;
        inspection.submittedAt = new Date('2017-12-08T08:00:00Z');
        if (response) {
          inspection.response = response;
          inspection.respondedAt = new Date('2017-12-12T08:00:00Z');
        }
        await em.flush();
        inspection.status = InspectionStatus.FINALIZED;
        inspection.finalizedAt = new Date('2017-12-20T08:00:00Z');
        inspection.finalizedById = inspectorId;
        await em.flush();
      }
    };

    const tj = await makeScheme(units.get('TJ')!, '2017年度天津海关政务公开考核评估指标', TJ_2017);
    const tjInspector = await user('tj-inspector');
    for (const i of TJ_INSPECTIONS) await inspect(tj.scheme, tj.indicators, units.get(i.unit)!, i.manual, tjInspector, i.finalize, i.comment, i.response);

    const national = await makeScheme(root, '2017年度海关政务公开考核评估（直属海关）', NATIONAL_2017);
    const admin = await user('admin');
    for (const i of NATIONAL_INSPECTIONS) await inspect(national.scheme, national.indicators, units.get(i.unit)!, i.manual, admin, true, '年度检查评估');
  }
}
