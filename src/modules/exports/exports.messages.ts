import { msg, type Msg } from '../../common/errors';
import type { Translate } from '../../i18n';
import { exportsZhCN } from '../../i18n/exports.zh-CN';

/** The errors of the exports, as catalogue keys (texts in src/i18n/exports.*.ts). */
export const messages = {
  loginRequired: msg('exports.loginRequired'),
  badYear: msg('exports.badYear'),
  missingUnit: msg('exports.missingUnit'),
  missingScheme: msg('exports.missingScheme'),
  notStaff: (unit: string): Msg => msg('exports.notStaff', { unit }),
  noTemplate: (year: number): Msg => msg('exports.noTemplate', { year }),
};

type Header = keyof typeof exportsZhCN.header;

/** The headers, sheet names and state labels of an export file, in the language of `t` (the request's). */
export function fileTexts(t: Translate) {
  const header = Object.fromEntries(Object.keys(exportsZhCN.header).map((key) => [key, t(`exports.header.${key}`)])) as Record<Header, string>;
  return {
    header,
    /** A template cell's column: its label, with its unit of measure when it has one. */
    cell: (label: string, unit: string | null | undefined) => (unit ? t('exports.cellWithUnit', { label, unit }) : label),
    sheet: {
      statistics: (year: number) => t('exports.sheet.statistics', { year }),
      rollup: t('exports.sheet.rollup'),
      children: t('exports.sheet.children'),
      ranking: t('exports.sheet.ranking'),
    },
    state: (state: string) => t(`exports.state.${state}`, { defaultValue: state }),
  };
}
