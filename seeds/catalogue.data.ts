import { DisclosureChannel as Ch, DisclosureMode } from '../src/modules/catalogue/catalogue.enums';

/** A standard category of the implementation plan's six contents (天津海关关于进一步规范关务公开工作的实施方案, 三、基本内容). */
export interface StandardCategoryData {
  code: string;
  name: string;
  description: string;
  defaultMode: DisclosureMode;
  allowedLevels?: ('OFFICE' | 'DIVISION')[];
  reviewCycleMonths?: number;
  children?: StandardCategoryData[];
}

const S = DisclosureMode.STANDING;
const sub = (code: string, name: string, description: string, defaultMode = S): StandardCategoryData => ({ code, name, description, defaultMode });

/** The six contents with their numbered sub-items. Every one is 规定动作 (the plan says 确保以下六项内容得以全面公开). */
export const STANDARD_CATEGORIES: StandardCategoryData[] = [
  {
    code: 'C1',
    name: '机构职责与窗口',
    description: '公开海关各部门机构名称、职责权限、窗口（岗位）标识、举报电话和单位值班电话以及办事人员工号等。',
    defaultMode: S,
    reviewCycleMonths: 6,
  },
  {
    code: 'C2',
    name: '执法的法律依据',
    description: '公开海关执法的法律依据。',
    defaultMode: S,
    children: [
      sub('C2.1', '税费征收和减免', '海关征收和减免各类税、费的基本规定，办事时限及其法律依据。'),
      sub('C2.2', '通关管理', '海关对进出境货物、运输工具等进行通关管理的基本规定，办事时限及其法律依据。'),
      sub('C2.3', '实际监管', '海关对进出境货物、运输工具等进行实际监管的基本规定，办事时限及其法律依据。'),
      sub('C2.4', '旅客行李、邮递、快运物品监管', '海关对进出境旅客行李、邮递、快运物品监管基本规定，办事时限及其法律依据。'),
      sub('C2.5', '加工贸易和保税监管', '海关对加工贸易、保税货物监管的基本规定，办事时限及其法律依据。'),
      sub('C2.6', '特殊区域监管', '海关对经济技术开发区、保税区、出口加工区等区域监管的基本规定，办事时限及其法律依据。'),
      sub('C2.7', '企业及人员权利义务', '有关进出口经营、运输、递送、港站、仓储、加工、报关等企业及其经营人员、报关人员权利义务的规定及其法律依据。'),
      sub('C2.8', '知识产权海关保护', '知识产权海关保护的基本规定、扣留侵权嫌疑货物、有关费用的收取标准、侵权货物的处置、收发货人和权利人的权利义务。'),
      sub('C2.9', '海关统计数据咨询', '海关统计提供数据咨询的范围和形式。', DisclosureMode.PERIODIC),
    ],
  },
  {
    code: 'C3',
    name: '行政程序、时限和收费',
    description: '公开法律规定的海关行政程序。',
    defaultMode: S,
    children: [
      sub('C3.1', '通关作业和工作程序', '通关作业和其他职能管理工作程序，包括工作步骤、环节和手续。'),
      sub('C3.2', '行政审批时限', '行政审批的作业时限，包括法律、行政法规、规章规定的时限和办理有关事情的时间。'),
      sub('C3.3', '行政性收费项目', '海关行政性收费项目、标准和依据。'),
    ],
  },
  {
    code: 'C4',
    name: '执法权限与义务',
    description: '公开海关执法权限、应遵守的义务及其法律依据。',
    defaultMode: S,
    children: [
      sub('C4.1', '海关缉私', '海关缉私的职责权限、受案范围、办案程序以及涉案相关人员的权利义务等基本规定及其法律依据。'),
      sub('C4.2', '海关稽查', '海关稽查的职责权限、作业程序以及相对人的权利义务等基本规定及其法律依据。'),
      sub('C4.3', '行政复议和国家赔偿', '海关行政复议、国家赔偿的基本规定及其法律依据。'),
      sub('C4.4', '行政许可', '海关行政许可的项目名称、内容、设立依据、申请条件、申请时应提交的文件、办理程序、时限、收费标准等。'),
      sub('C4.5', '罚没物品处理', '海关罚没物品的处理程序、方式。'),
      sub('C4.6', '归类、化验、审价、原产地', '海关归类、化验、审价、原产地审定的职责权限、范围、工作程序及其法律依据。'),
    ],
  },
  {
    code: 'C5',
    name: '廉政纪律和投诉',
    description: '公开海关廉政纪律和投诉、惩处办法。',
    defaultMode: S,
    children: [
      sub('C5.1', '执法纪律和廉政勤政制度', '海关人员行政执法纪律和廉政勤政制度。'),
      sub('C5.2', '社会监督办法', '社会监督办法，包括举报、投诉的渠道，联络方式，对署名举报或留有联系方式的举报人反馈查处结果。'),
      sub('C5.3', '违规违纪处置和责任追究', '海关人员违规违纪的处置措施及责任追究制度。'),
    ],
  },
  { code: 'C6', name: '对外承诺', description: '公开海关各项对外承诺（关级公开）。', defaultMode: S, allowedLevels: ['OFFICE'] },
];

/** A demo item template; `{关}` is replaced by the district's name. */
export interface ItemTemplate {
  category: string;
  /** 'D' for the district itself (关级), or a division code suffix such as 'BGS' (处级). */
  owner: 'D' | 'BGS' | 'FGC' | 'JCS';
  title: string;
  body: string;
  legalBasis: string;
  channels: Ch[];
  mode?: DisclosureMode;
  cadence?: 'MONTHLY' | 'QUARTERLY' | 'YEARLY';
}

const P = Ch.PORTAL,
  N = Ch.NOTICE_BOARD,
  H = Ch.HANDBOOK,
  T = Ch.TOUCH_SCREEN,
  L = Ch.HOTLINE,
  SC = Ch.SERVICE_COUNTER;

/** One plausible item per mandatory leaf category, drawn from the reference documents. */
export const ITEM_TEMPLATES: ItemTemplate[] = [
  {
    category: 'C1',
    owner: 'BGS',
    title: '{关}机构设置、职责和咨询举报电话',
    body: '## 机构设置\n\n{关}内设办公室、监察室、法规处等部门。\n\n## 热线电话\n\n- 单位值班电话\n- 业务咨询电话\n- 监督举报电话\n- 通关110服务热线\n\n窗口（岗位）标识和办事人员工号在各现场公告栏公布。',
    legalBasis: '《中华人民共和国海关关务公开办法》',
    channels: [N, P, L, T],
  },
  {
    category: 'C2.1',
    owner: 'FGC',
    title: '进出口税费征收和减免的基本规定及办事时限',
    body: '海关依法征收关税、进口环节增值税和消费税。减免税申请自受理之日起按规定时限办结。',
    legalBasis: '《中华人民共和国海关法》《中华人民共和国进出口关税条例》',
    channels: [P, H],
  },
  {
    category: 'C2.2',
    owner: 'FGC',
    title: '进出境货物、运输工具通关管理规定',
    body: '进出境货物应当向海关如实申报，接受海关查验。通关指南见各通关现场网上服务大厅。',
    legalBasis: '《中华人民共和国海关法》',
    channels: [P, H, T],
  },
  {
    category: 'C2.3',
    owner: 'FGC',
    title: '进出境货物实际监管的基本规定',
    body: '海关对进出境货物、运输工具实施实际监管，查验、放行时限按规定执行。',
    legalBasis: '《中华人民共和国海关法》',
    channels: [P, H],
  },
  {
    category: 'C2.4',
    owner: 'FGC',
    title: '进出境旅客行李物品和邮递、快件监管规定',
    body: '进出境旅客应当按规定向海关申报行李物品；邮递、快运物品以自用、合理数量为限。',
    legalBasis: '《中华人民共和国海关对进出境旅客行李物品监管办法》',
    channels: [P, N, T],
  },
  {
    category: 'C2.5',
    owner: 'FGC',
    title: '加工贸易及保税货物监管规定',
    body: '加工贸易企业应当办理手册（账册）设立、核销手续；保税货物未经海关许可不得擅自处置。',
    legalBasis: '《中华人民共和国海关对加工贸易货物监管办法》',
    channels: [P, H],
  },
  {
    category: 'C2.6',
    owner: 'FGC',
    title: '保税区、出口加工区等特殊区域监管规定',
    body: '区域内企业应当建立符合海关监管要求的电子账册，货物进出区域按规定办理手续。',
    legalBasis: '《中华人民共和国海关对保税区的监管办法》',
    channels: [P, H],
  },
  {
    category: 'C2.7',
    owner: 'FGC',
    title: '报关企业和报关人员的权利义务',
    body: '报关企业及报关人员应当依法办理注册登记，如实申报，接受海关管理。',
    legalBasis: '《中华人民共和国海关对报关单位注册登记管理规定》',
    channels: [P, H, SC],
  },
  {
    category: 'C2.8',
    owner: 'FGC',
    title: '知识产权海关保护备案与侵权货物扣留',
    body: '知识产权权利人可向海关总署申请备案；申请扣留侵权嫌疑货物应当提供担保。侵权货物依法处置。',
    legalBasis: '《中华人民共和国知识产权海关保护条例》',
    channels: [P, H],
  },
  {
    category: 'C2.9',
    owner: 'BGS',
    title: '海关统计数据咨询服务的范围和形式',
    body: '海关统计部门按月发布进出口统计数据，提供统计咨询服务。',
    legalBasis: '《中华人民共和国海关统计条例》',
    channels: [P],
    mode: DisclosureMode.PERIODIC,
    cadence: 'MONTHLY',
  },
  {
    category: 'C3.1',
    owner: 'D',
    title: '{关}通关指南',
    body: '## 通关作业流程\n\n申报 → 审单 → 查验 → 征税 → 放行。\n\n各现场设咨询台，每日安排专人接待来人来访。',
    legalBasis: '《中华人民共和国海关法》',
    channels: [P, N, H, T, SC],
  },
  {
    category: 'C3.2',
    owner: 'D',
    title: '行政审批作业时限',
    body: '各项行政审批事项的法定时限和承诺办理时限一览。',
    legalBasis: '《中华人民共和国行政许可法》',
    channels: [P, H],
  },
  {
    category: 'C3.3',
    owner: 'BGS',
    title: '海关行政性收费项目、标准和依据',
    body: '海关行政性收费项目、收费标准及其依据一览；未列入的项目一律不得收取。',
    legalBasis: '国家发展改革委、财政部有关收费文件',
    channels: [P, N, H],
  },
  {
    category: 'C4.1',
    owner: 'D',
    title: '海关缉私的职责权限、受案范围和办案程序',
    body: '缉私局依法查处走私犯罪案件和走私行为，涉案人员依法享有陈述、申辩等权利。',
    legalBasis: '《中华人民共和国海关行政处罚实施条例》',
    channels: [P, H],
  },
  {
    category: 'C4.2',
    owner: 'D',
    title: '海关稽查的职责权限和作业程序',
    body: '海关在规定期限内对与进出口货物直接有关的企业实施稽查；被稽查人享有相应权利。',
    legalBasis: '《中华人民共和国海关稽查条例》',
    channels: [P, H],
  },
  {
    category: 'C4.3',
    owner: 'FGC',
    title: '行政复议和国家赔偿办理指南',
    body: '公民、法人或者其他组织认为海关具体行政行为侵犯其合法权益的，可以依法申请行政复议。',
    legalBasis: '《中华人民共和国行政复议法》《中华人民共和国国家赔偿法》',
    channels: [P, H, SC],
  },
  {
    category: 'C4.4',
    owner: 'FGC',
    title: '海关行政许可项目一览（名称、依据、条件、材料、程序、时限、收费）',
    body: '| 项目 | 依据 | 时限 |\n| --- | --- | --- |\n| 报关企业注册登记 | 海关法 | 20个工作日 |\n| 保税仓库设立审批 | 海关法 | 20个工作日 |',
    legalBasis: '《中华人民共和国行政许可法》《中华人民共和国海关实施〈行政许可法〉办法》',
    channels: [P, H, T, SC],
  },
  {
    category: 'C4.5',
    owner: 'D',
    title: '罚没物品的处理程序和方式',
    body: '罚没物品依法拍卖、变卖或者销毁，处理结果按规定公开。',
    legalBasis: '《罚没财物管理办法》',
    channels: [P],
  },
  {
    category: 'C4.6',
    owner: 'D',
    title: '归类、化验、审价、原产地审定工作程序',
    body: '商品归类、化验、审价、原产地审定的职责权限、范围和工作程序。',
    legalBasis: '《中华人民共和国海关审定进出口货物完税价格办法》',
    channels: [P, H],
  },
  {
    category: 'C5.1',
    owner: 'JCS',
    title: '海关人员行政执法纪律和廉政勤政制度',
    body: '海关工作人员“六不准”等廉政纪律；执法中不得以权谋私、吃拿卡要。',
    legalBasis: '《海关工作人员廉政纪律规定》',
    channels: [N, P, H],
  },
  {
    category: 'C5.2',
    owner: 'JCS',
    title: '关长信箱、举报投诉渠道和联络方式',
    body: '社会各界可通过关长信箱、信访、举报电话和咨询投诉窗口反映问题。对署名举报或留有联系方式的举报人，反馈查处结果。',
    legalBasis: '《信访条例》',
    channels: [N, P, L],
  },
  {
    category: 'C5.3',
    owner: 'JCS',
    title: '海关人员违规违纪处置和责任追究制度',
    body: '对违反执法纪律和廉政规定的人员，依照有关规定追究责任。',
    legalBasis: '《海关工作人员违规违纪处分规定》',
    channels: [N, P],
  },
  {
    category: 'C6',
    owner: 'D',
    title: '{关}对外服务承诺',
    body: '落实“首问负责”和“限时答复”：简单问题立即办、复杂问题限时办、重大问题限期办。',
    legalBasis: '《中华人民共和国海关关务公开办法》',
    channels: [N, P, H, SC],
  },
];
