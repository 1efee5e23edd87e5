import { Role } from '../src/auth/roles';
import { OrgUnitKind } from '../src/modules/organisation';

/** A unit of the demo tree: code, Chinese name, kind, children. */
export interface DemoUnit {
  code: string;
  name: string;
  kind: OrgUnitKind;
  children?: DemoUnit[];
}

const D = OrgUnitKind.DIVISION;
const S = OrgUnitKind.SECTION;
const O = OrgUnitKind.SUBORDINATE_OFFICE;

/**
 * The demo organisation, from the reference documents: Tianjin's implementation plan names its
 * departments (办公室, 监察室, 政工办, 法规处, 技术处, 财务处, 通关咨询服务中心); Huangpu's 2009 report
 * names 东莞海关 and its 办公室政务公开科; Xining's account its 领导小组 and functional departments.
 */
export const DEMO_TREE: DemoUnit = {
  code: 'GACC',
  name: '海关总署',
  kind: OrgUnitKind.ADMINISTRATION,
  children: [
    { code: 'GACC-BGT', name: '海关总署办公厅', kind: D, children: [{ code: 'GACC-BGT-ZWGK', name: '政务公开处', kind: S }] },
    {
      code: 'TJ',
      name: '天津海关',
      kind: OrgUnitKind.DISTRICT,
      children: [
        { code: 'TJ-BGS', name: '办公室', kind: D, children: [{ code: 'TJ-BGS-ZWGK', name: '政务公开科', kind: S }] },
        { code: 'TJ-JCS', name: '监察室', kind: D },
        { code: 'TJ-ZGB', name: '政工办', kind: D },
        { code: 'TJ-FGC', name: '法规处', kind: D },
        { code: 'TJ-JSC', name: '技术处', kind: D },
        { code: 'TJ-CWC', name: '财务处', kind: D },
        { code: 'TJ-ZXFW', name: '通关咨询服务中心', kind: D },
        {
          code: 'TJ-XG',
          name: '新港海关',
          kind: O,
          children: [
            { code: 'TJ-XG-ZHK', name: '综合科', kind: S },
            { code: 'TJ-XG-TGK', name: '通关科', kind: S },
          ],
        },
        { code: 'TJ-JCHG', name: '天津机场海关', kind: O, children: [{ code: 'TJ-JCHG-ZHK', name: '综合科', kind: S }] },
        { code: 'TJ-JSJ', name: '天津海关缉私局', kind: O },
      ],
    },
    {
      code: 'HP',
      name: '黄埔海关',
      kind: OrgUnitKind.DISTRICT,
      children: [
        { code: 'HP-BGS', name: '办公室', kind: D, children: [{ code: 'HP-BGS-ZWGK', name: '政务公开科', kind: S }] },
        { code: 'HP-FGC', name: '法规处', kind: D },
        { code: 'HP-JCS', name: '监察室', kind: D },
        {
          code: 'HP-DG',
          name: '东莞海关',
          kind: O,
          children: [
            { code: 'HP-DG-BGS', name: '办公室', kind: D },
            { code: 'HP-DG-LBCJC', name: '寮步车检场', kind: D },
          ],
        },
        { code: 'HP-XT', name: '新塘海关', kind: O },
        { code: 'HP-LG', name: '黄埔老港海关', kind: O },
        { code: 'HP-KFQ', name: '广州开发区海关', kind: O },
        { code: 'HP-JSJ', name: '黄埔海关缉私局', kind: O },
      ],
    },
    {
      code: 'XN',
      name: '西宁海关',
      kind: OrgUnitKind.DISTRICT,
      children: [
        { code: 'XN-BGS', name: '办公室', kind: D },
        { code: 'XN-FGC', name: '法规处', kind: D },
        { code: 'XN-JCS', name: '监察室', kind: D },
        { code: 'XN-CJB', name: '曹家堡机场海关', kind: O },
        { code: 'XN-GEM', name: '格尔木海关', kind: O },
      ],
    },
  ],
};

/** A demo user: username, display name, home unit, grants (role @ unit code, cascade). */
export interface DemoUser {
  username: string;
  displayName: string;
  unit: string;
  email: string;
  phone: string;
  grants: { role: Role; unit: string; cascade?: boolean }[];
}

/** The demo users of DESIGN.md section 10. */
export const DEMO_USERS: DemoUser[] = [
  {
    username: 'admin',
    displayName: '总署管理员',
    unit: 'GACC-BGT',
    email: 'admin@demo.customs.gov.cn',
    phone: '010-65194114',
    grants: [{ role: Role.CENTRAL_ADMIN, unit: 'GACC' }],
  },
  {
    username: 'tj-admin',
    displayName: '天津海关政务公开办公室',
    unit: 'TJ-BGS',
    email: 'tj-admin@demo.customs.gov.cn',
    phone: '022-84201114',
    grants: [{ role: Role.OFFICE_ADMIN, unit: 'TJ' }],
  },
  {
    username: 'tj-publisher',
    displayName: '天津海关关级发布员',
    unit: 'TJ-BGS',
    email: 'tj-publisher@demo.customs.gov.cn',
    phone: '022-84201115',
    grants: [{ role: Role.OFFICE_PUBLISHER, unit: 'TJ' }],
  },
  {
    username: 'tj-legal',
    displayName: '天津海关法规处审核员',
    unit: 'TJ-FGC',
    email: 'tj-legal@demo.customs.gov.cn',
    phone: '022-84201116',
    grants: [{ role: Role.LEGAL_REVIEWER, unit: 'TJ' }],
  },
  {
    username: 'tj-secrecy',
    displayName: '天津海关保密审查员',
    unit: 'TJ-BGS',
    email: 'tj-secrecy@demo.customs.gov.cn',
    phone: '022-84201117',
    grants: [{ role: Role.SECRECY_REVIEWER, unit: 'TJ' }],
  },
  {
    username: 'tj-office-publisher',
    displayName: '天津海关办公室处级发布员',
    unit: 'TJ-BGS',
    email: 'tj-office-publisher@demo.customs.gov.cn',
    phone: '022-84201118',
    grants: [{ role: Role.DIVISION_PUBLISHER, unit: 'TJ-BGS' }],
  },
  {
    username: 'tj-office-liaison',
    displayName: '天津海关办公室联络员',
    unit: 'TJ-BGS',
    email: 'tj-office-liaison@demo.customs.gov.cn',
    phone: '13800000001',
    grants: [{ role: Role.LIAISON, unit: 'TJ-BGS' }],
  },
  {
    username: 'tj-inspector',
    displayName: '天津海关监察室检查员',
    unit: 'TJ-JCS',
    email: 'tj-inspector@demo.customs.gov.cn',
    phone: '022-84201119',
    grants: [{ role: Role.INSPECTOR, unit: 'TJ' }],
  },
  {
    username: 'hp-admin',
    displayName: '黄埔海关政务公开科',
    unit: 'HP-BGS',
    email: 'hp-admin@demo.customs.gov.cn',
    phone: '020-82130926',
    grants: [{ role: Role.OFFICE_ADMIN, unit: 'HP' }],
  },
  {
    username: 'hp-publisher',
    displayName: '黄埔海关关级发布员',
    unit: 'HP-BGS',
    email: 'hp-publisher@demo.customs.gov.cn',
    phone: '020-82130927',
    grants: [{ role: Role.OFFICE_PUBLISHER, unit: 'HP' }],
  },
  {
    username: 'hp-legal',
    displayName: '黄埔海关法规处审核员',
    unit: 'HP-FGC',
    email: 'hp-legal@demo.customs.gov.cn',
    phone: '020-82130928',
    grants: [{ role: Role.LEGAL_REVIEWER, unit: 'HP' }],
  },
  {
    username: 'hp-secrecy',
    displayName: '黄埔海关保密审查员',
    unit: 'HP-BGS',
    email: 'hp-secrecy@demo.customs.gov.cn',
    phone: '020-82130929',
    grants: [{ role: Role.SECRECY_REVIEWER, unit: 'HP' }],
  },
  {
    username: 'dg-liaison',
    displayName: '东莞海关联络员',
    unit: 'HP-DG',
    email: 'dg-liaison@demo.customs.gov.cn',
    phone: '13800000002',
    grants: [{ role: Role.LIAISON, unit: 'HP-DG' }],
  },
  {
    username: 'xn-admin',
    displayName: '西宁海关关务公开领导小组办公室',
    unit: 'XN-BGS',
    email: 'xn-admin@demo.customs.gov.cn',
    phone: '0971-8111111',
    grants: [{ role: Role.OFFICE_ADMIN, unit: 'XN' }],
  },
];
