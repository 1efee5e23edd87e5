import type { EntityManager } from '@mikro-orm/postgresql';
import { readModels } from '../../db/read-model';
import { runSql } from '../../db/sql';
import type { ServiceContext } from '../../common/context';
import { templatesSql } from './statistics.queries';
import { StatisticsTemplate } from './statistics-template.entity';

/**
 * Installed template versions per database connection (one per ORM instance, so the cache lives
 * as long as the ORM). Templates are data that only migrations install (no API changes them), so
 * they are read once; they are read models (src/db/read-model.ts), never flushed.
 */
const installed = new WeakMap<object, Promise<StatisticsTemplate[]>>();

/** Every installed template version, read once per process and database. */
function installedTemplates(em: EntityManager): Promise<StatisticsTemplate[]> {
  const key = em.getConnection();
  let cached = installed.get(key);
  if (!cached) {
    cached = runSql(em, templatesSql()).then((rows) => readModels(em, StatisticsTemplate, rows));
    cached.catch(() => installed.delete(key));
    installed.set(key, cached);
  }
  return cached;
}

/** The statistics templates: which version applies to a year, looked up without the database once read. */
export class StatisticsTemplateService {
  constructor(private readonly ctx: Pick<ServiceContext, 'em'>) {}

  /** Every template version, by code and version. */
  templates(): Promise<StatisticsTemplate[]> {
    return this.ctx.em.find(StatisticsTemplate, {}, { orderBy: { code: 'asc', version: 'desc' } });
  }

  /** The newest template version that applies to `year` (of `code`, when given); null when none does. */
  async templateFor(year: number, code?: string | null): Promise<StatisticsTemplate | null> {
    const all = await installedTemplates(this.ctx.em);
    return (
      all
        .filter((t) => t.yearFrom <= year && (t.yearTo == null || t.yearTo >= year) && (!code || t.code === code))
        .sort((a, b) => b.yearFrom - a.yearFrom || b.version - a.version)[0] ?? null
    );
  }

  /** The newest version of `code`, whatever years it applies to; null when there is no such template. */
  async newestOf(code: string): Promise<StatisticsTemplate | null> {
    return (await installedTemplates(this.ctx.em)).filter((t) => t.code === code).sort((a, b) => b.version - a.version)[0] ?? null;
  }

  /** An installed template version by id; null when there is none. */
  async byId(id: number): Promise<StatisticsTemplate | null> {
    return (await installedTemplates(this.ctx.em)).find((t) => t.id === id) ?? null;
  }
}
