import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * Chinese first, from one catalogue: user-facing text of these folders comes from src/i18n, never
 * from a string literal in the code. A Chinese (CJK) string literal here is taken for a message
 * that escaped the catalogue, unless it is
 * - the `description` of a GraphQL type, field or enum value (SDL documentation naming the
 *   Chinese term of the regulation), or
 * - listed in ALLOWED below with the reason it is domain data rather than a message.
 * English messages cannot be told from identifiers this way; reviews keep those in the catalogue.
 */
const ROOT = join(__dirname, '../..');
const GUARDED = [
  'src/modules/requests',
  'src/modules/contact',
  'src/modules/portal',
  'src/modules/notifications',
  'src/modules/attachment',
  'src/modules/exports',
  'src/auth',
  'src/graphql',
  'src/http',
];
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

/** Files or single literals that may hold Chinese, and why. `literal` absent: every literal of the file. */
const ALLOWED: { file: string; literal?: string; reason: string }[] = [
  {
    file: 'src/modules/requests/requests.enums.ts',
    reason: 'the reasons of the outcomes as worded in the statistics table (政府信息公开工作年度报告 table 3), quoted into notices to applicants',
  },
  {
    file: 'src/modules/requests/request-documents.ts',
    reason:
      'the notices issued to applicants (答复书, 告知书): official documents whose wording is prescribed and which are issued in Chinese whatever the staff’s language',
  },
  {
    file: 'src/modules/requests/request-workflow.service.ts',
    literal: '申请人撤回申请',
    reason: 'stored as the conclusion note of a withdrawn request (register data, quoted in its documents)',
  },
  { file: 'src/modules/requests/request-workflow.service.ts', literal: '元', reason: 'stored as the note of a fee event (register data: the amount in yuan)' },
  {
    file: 'src/modules/requests/request-statistics.fill.ts',
    reason: 'notes stored in statistics cells (由依申请公开登记计算, 更正：…), data of the submitted figures',
  },
  { file: 'src/modules/contact/contact-figures.service.ts', reason: 'the note stored in statistics cells (由咨询投诉记录计算), data of the submitted figures' },
  { file: 'src/modules/attachment/file-name.ts', literal: '附件', reason: 'the stored file name of an upload that came without a usable name' },
  {
    file: 'src/modules/exports/table-writer.ts',
    literal: '表',
    reason: 'a spreadsheet sheet name when the given one sanitises to nothing (a file name, not a message)',
  },
];

function sourceFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    // Unit tests beside the code hold Chinese test data; they are never served.
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** The Chinese string and template literals of a file that are not GraphQL descriptions, with their lines. */
function chineseLiterals(file: string): { line: number; text: string; value: string }[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string; value: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) {
      const text = node.getText(source);
      const parent = node.parent;
      const isDescription = ts.isPropertyAssignment(parent) && parent.name.getText(source) === 'description';
      if (CJK.test(text) && !isDescription) {
        const value = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…') : node.text;
        found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text, value });
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no Chinese string literals outside the message catalogue', () => {
  const files = GUARDED.flatMap(sourceFiles);

  it('finds the guarded source files', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('src/modules/requests/request.service.ts');
  });

  it('has every Chinese literal of the guarded folders in the catalogue, or allowed with a reason', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const rel = relative(ROOT, join(ROOT, file));
      for (const lit of chineseLiterals(rel)) {
        const allowed = ALLOWED.some((a) => a.file === rel && (a.literal === undefined || lit.value.includes(a.literal)));
        if (!allowed) offenders.push(`${rel}:${lit.line} ${lit.text.slice(0, 100)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('allows nothing that is no longer there (the list stays exact)', () => {
    const stale = ALLOWED.filter((a) => !chineseLiterals(a.file).some((lit) => a.literal === undefined || lit.value.includes(a.literal)));
    expect(stale).toEqual([]);
  });

  it('catches a literal message, and lets a GraphQL description pass', () => {
    // The scanner itself, on a file written for the purpose.
    const sample = ts.createSourceFile(
      'sample.ts',
      "throw new ForbiddenError('只有管理员可以'); @Field({ description: '政务公开' }) x; const m = `未找到${what}`;",
      ts.ScriptTarget.Latest,
      true,
    );
    const texts: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) {
        const parent = node.parent;
        if (CJK.test(node.getText(sample)) && !(ts.isPropertyAssignment(parent) && parent.name.getText(sample) === 'description'))
          texts.push(node.getText(sample));
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sample);
    expect(texts).toEqual(["'只有管理员可以'", '`未找到${what}`']);
  });
});
