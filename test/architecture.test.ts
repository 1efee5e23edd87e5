import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..');

/** Every .ts file under `dir` (relative to the repository root). */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** The repository-relative targets of a file's relative imports, exports-from, require() and import() calls. */
function importsOf(file: string): { specifier: string; target: string }[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((s) => s.startsWith('.'))
    .map((specifier) => ({
      specifier,
      target: relative(ROOT, resolve(ROOT, dirname(file), specifier))
        .split(sep)
        .join('/'),
    }));
}

/** `file imports specifier` for each import of a file under one of `from` that lands under one of `forbidden`. */
function violations(from: string[], forbidden: string[]): string[] {
  return from
    .flatMap((dir) => sourceFiles(dir))
    .flatMap((file) =>
      importsOf(file)
        .filter(({ target }) => forbidden.some((f) => target === f || target.startsWith(`${f}/`)))
        .map(({ specifier }) => `${file.split(sep).join('/')} imports ${specifier}`),
    );
}

describe('import boundaries (STYLE.md: the request context is defined below the transport)', () => {
  it('nothing under src/modules, src/auth, src/common or src/db imports src/graphql', () => {
    expect(violations(['src/modules', 'src/auth', 'src/common', 'src/db'], ['src/graphql'])).toEqual([]);
  });

  it('src/db does not import seeds/ (the caller passes the seeder in)', () => {
    expect(violations(['src/db'], ['seeds'])).toEqual([]);
  });

  it('sees the imports it polices', () => {
    // Guards the test itself: a file known to import src/graphql and seeds/ is reported.
    expect(violations(['src'], ['src/graphql'])).toContain('src/main.ts imports ./graphql/schema');
    expect(violations(['src'], ['seeds'])).toContain('src/main.ts imports ../seeds/DatabaseSeeder');
  });
});

describe('room sizes', () => {
  /** Services grow by accretion; past this a service is split along its aggregates (reads, workflow, rules), see docs/STYLE.md. */
  const SERVICE_MAX_LINES = 320;

  it(`keeps every service file under ${SERVICE_MAX_LINES} lines`, () => {
    const big = sourceFiles('src')
      .filter((f) => f.endsWith('.service.ts'))
      .map((f) => ({ file: f.split(sep).join('/'), lines: readFileSync(join(ROOT, f), 'utf8').split('\n').length }))
      .filter((f) => f.lines > SERVICE_MAX_LINES)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(big).toEqual([]);
  });
});
