import type { EntityManager } from '@mikro-orm/postgresql';
import { readModels } from '../../db/read-model';
import { runSql } from '../../db/sql';
import type { ServiceContext } from '../../common/context';
import { templatesSql } from './statistics.queries';
import { StatisticsTemplate, TemplateStatus } from './statistics-template.entity';
import type { TemplateDefinition } from './template-definitions';

interface Installed {
  all: StatisticsTemplate[];
  /** Main template id + year → the definition with the supplements that apply that year, built once. */
  merged: Map<string, TemplateDefinition>;
}

/**
 * Installed template versions per database connection (one per ORM instance, so the cache lives
 * as long as the ORM). Templates change only through migrations and the central admin's template
 * mutations, which call `forgetInstalledTemplates` after their transaction commits; they are read
 * models (src/db/read-model.ts), never flushed.
 */
const installed = new WeakMap<object, Promise<Installed>>();

function installedTemplates(em: EntityManager): Promise<Installed> {
  const key = em.getConnection();
  let cached = installed.get(key);
  if (!cached) {
    cached = runSql(em, templatesSql()).then((rows) => ({ all: readModels(em, StatisticsTemplate, rows), merged: new Map() }));
    cached.catch(() => installed.delete(key));
    installed.set(key, cached);
  }
  return cached;
}

/** Drops the cached templates of this database, so the next read sees a template created or activated. */
export function forgetInstalledTemplates(em: EntityManager): void {
  installed.delete(em.getConnection());
}

const applies = (t: StatisticsTemplate, year: number) => t.status === TemplateStatus.ACTIVE && t.yearFrom <= year && (t.yearTo == null || t.yearTo >= year);
const newestFirst = (a: StatisticsTemplate, b: StatisticsTemplate) => b.yearFrom - a.yearFrom || b.version - a.version;

/** The statistics templates: which version applies to a year, looked up without the database once read. */
export class StatisticsTemplateService {
  constructor(private readonly ctx: Pick<ServiceContext, 'em'>) {}

  /** Every template version, by code and version. */
  templates(): Promise<StatisticsTemplate[]> {
    return this.ctx.em.find(StatisticsTemplate, {}, { orderBy: { code: 'asc', version: 'desc' } });
  }

  /**
   * The newest active main template version that applies to `year` (of `code`, when given); null
   * when none does. Supplements are never the template of a submission: they ride with their main one.
   */
  async templateFor(year: number, code?: string | null): Promise<StatisticsTemplate | null> {
    const { all } = await installedTemplates(this.ctx.em);
    return all.filter((t) => !t.definition.supplementTo && applies(t, year) && (!code || t.code === code)).sort(newestFirst)[0] ?? null;
  }

  /** The newest version of `code`, whatever years it applies to; null when there is no such template. */
  async newestOf(code: string): Promise<StatisticsTemplate | null> {
    return (await installedTemplates(this.ctx.em)).all.filter((t) => t.code === code).sort((a, b) => b.version - a.version)[0] ?? null;
  }

  /** An installed template version by id; null when there is none. */
  async byId(id: number): Promise<StatisticsTemplate | null> {
    return (await installedTemplates(this.ctx.em)).all.find((t) => t.id === id) ?? null;
  }

  /** The active supplements (newest version of each code) that apply to `year` alongside `main`. */
  async supplementsFor(main: StatisticsTemplate, year: number): Promise<StatisticsTemplate[]> {
    const { all } = await installedTemplates(this.ctx.em);
    const newest = new Map<string, StatisticsTemplate>();
    for (const t of all.filter((x) => x.definition.supplementTo === main.code && applies(x, year)).sort(newestFirst))
      if (!newest.has(t.code)) newest.set(t.code, t);
    return [...newest.values()];
  }

  /**
   * What a year's statistics on `main` are checked and rendered against: its definition plus the
   * cells, tables and rules of the supplements that apply that year (the same object for the same
   * pair, so per-definition caches keep working). Without supplements, the main definition itself.
   */
  async definitionFor(main: StatisticsTemplate, year: number): Promise<TemplateDefinition> {
    const cache = await installedTemplates(this.ctx.em);
    const supplements = await this.supplementsFor(main, year);
    if (!supplements.length) return main.definition;
    const key = `${main.id}:${supplements.map((s) => s.id).join(',')}`;
    let def = cache.merged.get(key);
    if (!def) {
      const d = main.definition;
      const known = new Set(d.cells.map((c) => c.key));
      def = {
        ...d,
        tables: [...d.tables, ...supplements.flatMap((s) => s.definition.tables)],
        // A supplement cell the main template already has stays the main template's.
        cells: [...d.cells, ...supplements.flatMap((s) => s.definition.cells.filter((c) => !known.has(c.key)))],
        rules: [...d.rules, ...supplements.flatMap((s) => s.definition.rules)],
      };
      cache.merged.set(key, def);
    }
    return def;
  }
}
