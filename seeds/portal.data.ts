import { ContactPhoneKind } from '../src/modules/portal';

/** One unit's published contact directory, by unit code. */
export interface UnitContactData {
  address?: string;
  postcode?: string;
  officeHours?: string;
  website?: string;
  email?: string;
  phones: { kind: ContactPhoneKind; number: string; label?: string }[];
}

const WEEKDAYS = '周一至周五 上午 8:30—12:00，下午 14:00—17:30（法定节假日除外）';

/**
 * Contact directories of the demo units. Sources, where the reference documents give them:
 * - 黄埔海关: the 2009 report's closing note (地址 保金路 36 号, 邮编 510730, 联系电话 020-82130926;
 *   the report says 广州市经济技术开发区, today's district name is 黄埔区), and its 海关 110 hotline.
 * - 天津海关: the 2017 report's footer (天津市和平区营口道 2 号, 邮编 300041, 电话 022-84201114) and its
 *   12360 hotline.
 * Everything else (office hours, websites, mailboxes, the other units' numbers and 西宁海关's
 * address) is PLAUSIBLE DEMO DATA made up in the documents' style, not taken from them.
 */
export const UNIT_CONTACTS: Record<string, UnitContactData> = {
  GACC: {
    address: '北京市东城区建国门内大街 6 号',
    postcode: '100730',
    officeHours: WEEKDAYS,
    website: 'http://www.customs.gov.cn',
    phones: [{ kind: ContactPhoneKind.CLEARANCE_HOTLINE, number: '12360', label: '海关服务热线' }],
  },
  TJ: {
    address: '天津市和平区营口道 2 号',
    postcode: '300041',
    officeHours: WEEKDAYS,
    website: 'http://tianjin.customs.gov.cn',
    email: 'zwgk@tianjin.customs.gov.cn',
    phones: [
      { kind: ContactPhoneKind.DUTY, number: '022-84201114', label: '总机' },
      { kind: ContactPhoneKind.CLEARANCE_HOTLINE, number: '12360', label: '天津海关 12360 热线' },
      { kind: ContactPhoneKind.CONSULTATION, number: '022-84201360', label: '通关咨询服务中心' },
      { kind: ContactPhoneKind.REPORTING, number: '022-84201234', label: '廉政举报' },
      { kind: ContactPhoneKind.DISCLOSURE, number: '022-84201100', label: '办公室政务公开科' },
    ],
  },
  'TJ-ZXFW': {
    address: '天津市和平区营口道 2 号 通关咨询服务中心',
    postcode: '300041',
    officeHours: WEEKDAYS,
    phones: [{ kind: ContactPhoneKind.CONSULTATION, number: '022-84201360', label: '咨询窗口' }],
  },
  HP: {
    address: '广州市黄埔区保金路 36 号',
    postcode: '510730',
    officeHours: WEEKDAYS,
    website: 'http://huangpu.customs.gov.cn',
    email: 'zwgk@huangpu.customs.gov.cn',
    phones: [
      { kind: ContactPhoneKind.DISCLOSURE, number: '020-82130926', label: '办公室（政务公开）' },
      { kind: ContactPhoneKind.CLEARANCE_HOTLINE, number: '020-82130110', label: '海关 110 服务热线' },
      { kind: ContactPhoneKind.CONSULTATION, number: '020-82130360', label: '咨询投诉办公室' },
      { kind: ContactPhoneKind.REPORTING, number: '020-82130999', label: '走私、廉政举报' },
    ],
  },
  'HP-DG': {
    address: '东莞市南城区莞太路东莞海关大楼',
    postcode: '523000',
    officeHours: WEEKDAYS,
    phones: [
      { kind: ContactPhoneKind.DUTY, number: '0769-22410000', label: '值班室' },
      { kind: ContactPhoneKind.CONSULTATION, number: '0769-22410360', label: '咨询投诉专线' },
    ],
  },
  XN: {
    address: '青海省西宁市城西区五四西路',
    postcode: '810008',
    officeHours: WEEKDAYS,
    website: 'http://xining.customs.gov.cn',
    phones: [
      { kind: ContactPhoneKind.CONSULTATION, number: '0971-6300360', label: '业务咨询' },
      { kind: ContactPhoneKind.REPORTING, number: '0971-6300110', label: '举报电话' },
    ],
  },
};
