import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { LiaisonAppointment, LiaisonKind, OutsideOrganisationKind } from '../src/modules/liaison';
import { User } from '../src/modules/organisation';
import type { SeedContext } from './seed-context';

/** A demo appointment; `username` links a demo user (created only outside production). */
interface DemoAppointment {
  unit: string;
  kind: LiaisonKind;
  name: string;
  username?: string;
  organisation?: string;
  organisationKind?: OutsideOrganisationKind;
  start: string;
  end?: string;
  duties?: string;
  officePhone?: string;
  mobile?: string;
  email?: string;
  notes?: string;
}

const DEPT = LiaisonKind.DEPARTMENT;
const INV = LiaisonKind.INVITED;
const SUP = LiaisonKind.VOLUNTEER_SUPERVISOR;
const DEPT_DUTIES = '负责本部门政务公开事项的梳理、更新和报送，及时向政务公开办公室反馈信息';
const INV_DUTIES = '收集企业对关务公开的意见建议，参加座谈评议活动';
const SUP_DUTIES = '对海关政务公开工作进行社会监督，参加年度评议';

/**
 * A sample of the liaison network the documents describe (Huangpu 2009: about 200 volunteer supervisors
 * and over 300 liaisons; 特邀联络员 at some subordinate units). One deliberate gap per district:
 * 天津海关财务处, 黄埔老港海关, 格尔木海关. 天津海关通关咨询服务中心's liaison ends in December 2026.
 */
export const DEMO_APPOINTMENTS: DemoAppointment[] = [
  // 天津海关
  {
    unit: 'TJ-BGS',
    kind: DEPT,
    name: '天津海关办公室联络员',
    username: 'tj-office-liaison',
    start: '2025-01-01',
    duties: DEPT_DUTIES,
    officePhone: '022-84201120',
    mobile: '13800000001',
    email: 'tj-office-liaison@demo.customs.gov.cn',
  },
  { unit: 'TJ-JCS', kind: DEPT, name: '王立新', start: '2025-01-01', duties: DEPT_DUTIES, officePhone: '022-84201131', mobile: '13902210031' },
  {
    unit: 'TJ-ZGB',
    kind: DEPT,
    name: '李娜',
    start: '2025-03-01',
    duties: DEPT_DUTIES,
    officePhone: '022-84201132',
    mobile: '13902210032',
    email: 'lina@demo.customs.gov.cn',
  },
  {
    unit: 'TJ-FGC',
    kind: DEPT,
    name: '张伟',
    start: '2024-07-01',
    duties: `${DEPT_DUTIES}；协助法规处审核`,
    officePhone: '022-84201133',
    mobile: '13902210033',
  },
  {
    unit: 'TJ-JSC',
    kind: DEPT,
    name: '陈静',
    start: '2023-01-01',
    end: '2025-12-31',
    duties: DEPT_DUTIES,
    officePhone: '022-84201134',
    notes: '2026年起调任，由赵磊接任',
  },
  { unit: 'TJ-JSC', kind: DEPT, name: '赵磊', start: '2026-01-01', duties: DEPT_DUTIES, officePhone: '022-84201134', mobile: '13902210034' },
  {
    unit: 'TJ-ZXFW',
    kind: DEPT,
    name: '刘洋',
    start: '2024-12-16',
    end: '2026-12-15',
    duties: `${DEPT_DUTIES}；维护触摸屏和咨询电话公开内容`,
    officePhone: '022-84201135',
    mobile: '13902210035',
    notes: '任期两年，需提前确定接任人选',
  },
  { unit: 'TJ-XG', kind: DEPT, name: '孙强', start: '2025-01-01', duties: DEPT_DUTIES, officePhone: '022-25701001', mobile: '13902210036' },
  { unit: 'TJ-JCHG', kind: DEPT, name: '周敏', start: '2025-06-01', duties: DEPT_DUTIES, officePhone: '022-24902001', mobile: '13902210037' },
  { unit: 'TJ-JSJ', kind: DEPT, name: '吴昊', start: '2025-01-01', duties: DEPT_DUTIES, officePhone: '022-84209001' },
  {
    unit: 'TJ-XG',
    kind: INV,
    name: '高建华',
    organisation: '天津滨海国际物流有限公司',
    organisationKind: OutsideOrganisationKind.ENTERPRISE,
    start: '2025-04-01',
    end: '2027-03-31',
    duties: INV_DUTIES,
    officePhone: '022-25709988',
    mobile: '13602220001',
    email: 'gaojh@example.com',
  },
  {
    unit: 'TJ',
    kind: SUP,
    name: '冯丽萍',
    organisation: '天津市滨海新区人民政府办公室',
    organisationKind: OutsideOrganisationKind.LOCAL_GOVERNMENT,
    start: '2025-01-01',
    end: '2026-12-31',
    duties: SUP_DUTIES,
    officePhone: '022-66890000',
    mobile: '13602220002',
  },
  {
    unit: 'TJ',
    kind: SUP,
    name: '郑凯',
    organisation: '天津市报关协会',
    organisationKind: OutsideOrganisationKind.TRADE_ASSOCIATION,
    start: '2025-01-01',
    end: '2026-12-31',
    duties: SUP_DUTIES,
    mobile: '13602220003',
    notes: '协会秘书长',
  },
  // 黄埔海关（含东莞海关）
  {
    unit: 'HP-BGS',
    kind: DEPT,
    name: '周婷',
    start: '2009-03-01',
    duties: `${DEPT_DUTIES}；政务公开科日常联络`,
    officePhone: '020-82130928',
    mobile: '13902000101',
  },
  { unit: 'HP-FGC', kind: DEPT, name: '黄志明', start: '2024-01-01', duties: DEPT_DUTIES, officePhone: '020-82130931', mobile: '13902000102' },
  { unit: 'HP-JCS', kind: DEPT, name: '何丽', start: '2024-01-01', duties: DEPT_DUTIES, officePhone: '020-82130932' },
  {
    unit: 'HP-DG',
    kind: DEPT,
    name: '东莞海关联络员',
    username: 'dg-liaison',
    start: '2025-01-01',
    duties: DEPT_DUTIES,
    officePhone: '0769-22405000',
    mobile: '13800000002',
    email: 'dg-liaison@demo.customs.gov.cn',
  },
  { unit: 'HP-DG-BGS', kind: DEPT, name: '梁嘉欣', start: '2025-01-01', duties: DEPT_DUTIES, officePhone: '0769-22405001', mobile: '13902000104' },
  {
    unit: 'HP-DG-LBCJC',
    kind: DEPT,
    name: '陈国栋',
    start: '2025-01-01',
    duties: `${DEPT_DUTIES}；车检场公开栏维护`,
    officePhone: '0769-83301234',
    mobile: '13902000105',
  },
  { unit: 'HP-XT', kind: DEPT, name: '林晓东', start: '2025-01-01', duties: DEPT_DUTIES, officePhone: '020-82785001' },
  { unit: 'HP-KFQ', kind: DEPT, name: '谢文华', start: '2025-01-01', duties: DEPT_DUTIES, officePhone: '020-82215001', mobile: '13902000107' },
  { unit: 'HP-JSJ', kind: DEPT, name: '罗斌', start: '2025-01-01', duties: DEPT_DUTIES, officePhone: '020-82130950' },
  {
    unit: 'HP-LG',
    kind: DEPT,
    name: '邓海',
    start: '2022-01-01',
    end: '2026-06-30',
    duties: DEPT_DUTIES,
    officePhone: '020-82385001',
    notes: '已退休，待补选',
  },
  {
    unit: 'HP-DG',
    kind: INV,
    name: '叶志坚',
    organisation: '东莞市某电子科技有限公司',
    organisationKind: OutsideOrganisationKind.ENTERPRISE,
    start: '2025-01-01',
    end: '2026-12-31',
    duties: INV_DUTIES,
    mobile: '13712300001',
  },
  {
    unit: 'HP-DG',
    kind: INV,
    name: '莫雪芬',
    organisation: '东莞市进出口企业协会',
    organisationKind: OutsideOrganisationKind.TRADE_ASSOCIATION,
    start: '2025-01-01',
    end: '2026-12-31',
    duties: INV_DUTIES,
    officePhone: '0769-22112233',
    email: 'moxf@example.org',
  },
  {
    unit: 'HP',
    kind: SUP,
    name: '钟伟强',
    organisation: '广州开发区管理委员会',
    organisationKind: OutsideOrganisationKind.LOCAL_GOVERNMENT,
    start: '2025-01-01',
    end: '2026-12-31',
    duties: SUP_DUTIES,
    officePhone: '020-82111111',
  },
  {
    unit: 'HP',
    kind: SUP,
    name: '袁丽华',
    organisation: '广东省报关协会',
    organisationKind: OutsideOrganisationKind.TRADE_ASSOCIATION,
    start: '2025-01-01',
    end: '2026-12-31',
    duties: SUP_DUTIES,
    mobile: '13712300003',
  },
  {
    unit: 'HP',
    kind: SUP,
    name: '蔡明辉',
    organisation: '广州某汽车零部件有限公司',
    organisationKind: OutsideOrganisationKind.ENTERPRISE,
    start: '2025-01-01',
    end: '2026-12-31',
    duties: SUP_DUTIES,
    mobile: '13712300004',
  },
  {
    unit: 'HP-DG',
    kind: SUP,
    name: '邱国华',
    organisation: '东莞市某家具出口企业',
    organisationKind: OutsideOrganisationKind.ENTERPRISE,
    start: '2025-01-01',
    end: '2026-12-31',
    duties: SUP_DUTIES,
    mobile: '13712300005',
    notes: '每季度参加座谈',
  },
  // 西宁海关
  {
    unit: 'XN-BGS',
    kind: DEPT,
    name: '马晓梅',
    start: '2025-01-01',
    duties: `${DEPT_DUTIES}；关务公开领导小组办公室联络`,
    officePhone: '0971-8111112',
    mobile: '13897000001',
  },
  { unit: 'XN-FGC', kind: DEPT, name: '韩永福', start: '2025-01-01', duties: DEPT_DUTIES, officePhone: '0971-8111113' },
  { unit: 'XN-JCS', kind: DEPT, name: '祁建国', start: '2025-01-01', duties: DEPT_DUTIES, officePhone: '0971-8111114', mobile: '13897000003' },
  { unit: 'XN-CJB', kind: DEPT, name: '李海燕', start: '2025-01-01', duties: DEPT_DUTIES, officePhone: '0971-8138001', mobile: '13897000004' },
  {
    unit: 'XN',
    kind: SUP,
    name: '才让',
    organisation: '青海省商务厅',
    organisationKind: OutsideOrganisationKind.LOCAL_GOVERNMENT,
    start: '2025-01-01',
    end: '2026-12-31',
    duties: SUP_DUTIES,
    officePhone: '0971-6300000',
  },
  {
    unit: 'XN',
    kind: SUP,
    name: '杨春梅',
    organisation: '西宁某藏毯出口企业',
    organisationKind: OutsideOrganisationKind.ENTERPRISE,
    start: '2025-01-01',
    end: '2026-12-31',
    duties: SUP_DUTIES,
    mobile: '13897000006',
  },
];

/** Demo liaison appointments; user links only where the demo users exist. */
export class LiaisonSeeder extends Seeder {
  async run(em: EntityManager, context: SeedContext): Promise<void> {
    const units = context.units;
    if (!units) throw new Error('LiaisonSeeder needs the units made by OrganisationSeeder');
    const usernames = DEMO_APPOINTMENTS.flatMap((d) => (d.username ? [d.username] : []));
    const users = context.withDemoUsers ? await em.find(User, { username: { $in: usernames } }) : [];
    const userByName = new Map(users.map((u) => [u.username, u]));
    for (const d of DEMO_APPOINTMENTS) {
      const user = d.username ? userByName.get(d.username) : undefined;
      em.create(LiaisonAppointment, {
        user: user?.id ?? null,
        personName: user?.displayName ?? d.name,
        organisation: d.organisation ?? null,
        organisationKind: d.organisationKind ?? null,
        unit: units.get(d.unit)!.id,
        kind: d.kind,
        startDate: d.start,
        endDate: d.end ?? null,
        duties: d.duties ?? null,
        officePhone: d.officePhone ?? null,
        mobile: d.mobile ?? null,
        email: d.email ?? null,
        notes: d.notes ?? null,
      });
    }
    await em.flush();
  }
}
