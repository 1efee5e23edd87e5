import { createHash } from 'node:crypto';
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { Figures } from './statistics.checks';
import type { RowDef, SectionKey, TableDef, TemplateDefinition } from './template-definitions';

/** What a report is rendered from: accepted figures, the template, the unit's text sections. */
export interface ReportInput {
  unitName: string;
  year: number;
  /** The report's own title; default: the template's `reportTitle`, else the national wording. */
  title?: string | null;
  /** The report's own section headings ('' = none); when any is set, sections without text are left out. */
  sectionTitles?: Partial<Record<SectionKey, string>>;
  templateName: string;
  definition: TemplateDefinition;
  figures: Figures | null;
  notes: Record<string, string>;
  sections: Partial<Record<SectionKey, string>>;
}

/** Escapes text for HTML (user text never becomes markup). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** User text inside a Markdown table cell: escaped, pipes and line breaks neutralised. */
function cellText(s: string): string {
  return escapeHtml(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** What a report shows for a row the template has but the unit never reported. */
export const NOT_REPORTED = '未报告';

const reported = (figures: Figures | null, key: string) => figures?.[key] !== undefined && figures?.[key] !== null;

function value(figures: Figures | null, key: string | undefined): string {
  if (!key || !figures) return '';
  const v = figures[key];
  if (v === undefined || v === null) return '—';
  return typeof v === 'number' ? String(v) : cellText(v);
}

/**
 * LIST tables: a block (heading and its rows) with nothing reported is one line, 未报告, not a
 * column of dashes in a block the unit's report never had; a row not reported in a reported
 * block says 未报告 too.
 */
function listTable(t: TableDef, input: ReportInput): string[] {
  const units = new Map(input.definition.cells.map((c) => [c.key, c.unit ?? '']));
  const lines = ['| 指标名称 | 单位 | 统计数 | 备注 |', '| --- | --- | ---: | --- |'];
  const blocks: { heading: RowDef | null; rows: RowDef[] }[] = [];
  for (const row of t.rows) {
    if (!row.cells[0] || !blocks.length) blocks.push({ heading: row.cells[0] ? null : row, rows: row.cells[0] ? [row] : [] });
    else blocks[blocks.length - 1].rows.push(row);
  }
  for (const { heading, rows } of blocks) {
    const anyReported = rows.some((r) => reported(input.figures, r.cells[0]));
    if (heading) lines.push(`| **${heading.label}** |  | ${input.figures && !anyReported ? NOT_REPORTED : ''} |  |`);
    if (input.figures && !anyReported && heading) continue;
    for (const row of rows) {
      const key = row.cells[0];
      const shown = input.figures && !reported(input.figures, key) ? NOT_REPORTED : value(input.figures, key);
      lines.push(`| ${row.label} | ${units.get(key) ?? ''} | ${shown} | ${input.notes[key] ? cellText(input.notes[key]) : ''} |`);
    }
  }
  return lines;
}

/** GRID tables: a row with no cell reported says 未报告 once; a blank cell in a reported row stays a dash. */
function gridTable(t: TableDef, input: ReportInput): string[] {
  const header = t.columns.map((c) => (c.group ? `${c.group}·${c.label}` : c.label));
  const lines = [`| 项目 | ${header.join(' | ')} |`, `| --- | ${t.columns.map(() => '---:').join(' | ')} |`];
  for (const row of t.rows as RowDef[]) {
    const none = input.figures && row.cells.length && !row.cells.some((k) => reported(input.figures, k));
    const cells = none ? t.columns.map((_, i) => (i === 0 ? NOT_REPORTED : '')) : t.columns.map((_, i) => value(input.figures, row.cells[i]));
    lines.push(`| ${row.cells.length ? row.label : `**${row.label}**`} | ${cells.join(' | ')} |`);
  }
  return lines;
}

/** The report's title: its own, else the template's pattern, else the national wording. */
export function reportTitle(input: Pick<ReportInput, 'title' | 'unitName' | 'year' | 'definition'>): string {
  if (input.title?.trim()) return input.title.trim();
  const pattern = input.definition.reportTitle ?? '{unit}{year}年度政府信息公开工作报告';
  return pattern.replace('{unit}', input.unitName).replace('{year}', String(input.year));
}

function renderTable(t: TableDef, input: ReportInput, title: string): string[] {
  return [`**${title}**`, '', ...(t.layout === 'LIST' ? listTable(t, input) : gridTable(t, input)), ''];
}

/**
 * The report as Markdown: title, the six sections (each followed by its tables, as in the
 * national format), then any appendix table (as in the Huangpu 2009 report). Section text is
 * the unit's Markdown with HTML escaped.
 */
export function renderMarkdown(input: ReportInput): string {
  const out: string[] = [`# ${escapeHtml(reportTitle(input))}`, ''];
  if (!input.figures) out.push('> 本年度统计数据尚未审核通过。', '');
  const own = input.sectionTitles ?? {};
  const ownLayout = Object.keys(own).length > 0;
  for (const section of input.definition.sections) {
    const text = input.sections[section.key]?.trim();
    const tables = input.definition.tables.filter((x) => x.section === section.key);
    if (ownLayout && !text && !tables.length) continue;
    const heading = own[section.key] ?? section.title;
    if (heading) out.push(`## ${escapeHtml(heading)}`, '');
    out.push(text ? escapeHtml(text) : '（无）', '');
    for (const t of tables) out.push(...renderTable(t, input, t.title));
  }
  const appendix = input.definition.tables.filter((t) => t.section === 'APPENDIX');
  if (appendix.length) {
    out.push('## 附表', '');
    for (const t of appendix) out.push(...renderTable(t, input, `${escapeHtml(input.unitName)}${t.title}（${input.year}年度）`));
  }
  return out.join('\n');
}

/**
 * What rendered report HTML may contain: the tags Markdown produces, links and images with
 * http(s) (links also mailto) or relative URLs. Everything else (script, style, iframe, event
 * handlers, style attributes, javascript:/data:/vbscript: URLs in any spelling) is dropped.
 * sanitize-html decodes entities and strips control characters and whitespace before it checks
 * a scheme, which is where hand-written filters fail.
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'pre',
    'code',
    'strong',
    'em',
    'del',
    's',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], th: ['align'], td: ['align'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  // '//host/x' is another site, not a relative address.
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Links the public follows leave without telling where they came from, and cannot reach back.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

/** Rendered Markdown reduced to the allow-list above (the only way user text reaches a report page as HTML). */
export function sanitizeReportHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** The report page's only stylesheet; the Content-Security-Policy admits it by its hash, nothing else inline. */
export const REPORT_STYLE = `
body { font-family: "Songti SC", "SimSun", serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.7; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #444; padding: 0.25rem 0.5rem; }
th { background: #f2f2f2; }
`;

/** CSP source for REPORT_STYLE (`'sha256-…'`). */
export const REPORT_STYLE_CSP_SOURCE = `'sha256-${createHash('sha256').update(REPORT_STYLE).digest('base64')}'`;

/** A standalone HTML page of the report: the Markdown rendered, then sanitised. */
export function renderHtml(input: ReportInput, markdown = renderMarkdown(input)): string {
  const body = sanitizeReportHtml(marked.parse(markdown, { async: false, gfm: true }) as string);
  const title = escapeHtml(reportTitle(input));
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
