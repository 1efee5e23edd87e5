import DataLoader from 'dataloader';
import { Context, perRequest } from '../../common/context';
import { ContactCaseStep } from './contact-case.entity';
import { insertReporterReads } from './contact.queries';
import { toGlobalId } from '../../common/global-id';

/** Per-request batch loaders of the contact module: one SQL statement per batch. */
export class ContactLoaders {
  constructor(private readonly ctx: Context) {}

  /** Steps of cases by case id, oldest first (only for cases a scoped query produced). */
  readonly stepsByCase = new DataLoader<number, ContactCaseStep[]>(async (ids) => {
    const rows = await this.ctx.em.find(ContactCaseStep, { case: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
    const by = new Map<number, ContactCaseStep[]>(ids.map((id) => [id, []]));
    for (const r of rows) by.get(r.case.id)!.push(r);
    return ids.map((id) => by.get(id)!);
  });

  /**
   * Audits reads of reporters' personal data: every case whose reporter a request reads gets one
   * audit record, all written in one statement per batch (a page of cases). Keyed `id` + path.
   */
  readonly reporterRead = new DataLoader<{ caseId: number; scopePath: string }, true, number>(
    async (keys) => {
      await insertReporterReads(
        this.ctx.em,
        { userId: this.ctx.auth.userId, username: this.ctx.auth.username, requestId: this.ctx.requestId },
        keys.map((k) => ({ targetId: toGlobalId('ContactCase', k.caseId), scopePath: k.scopePath })),
      );
      return keys.map(() => true as const);
    },
    { cacheKeyFn: (k) => k.caseId },
  );
}

/** The request's contact loaders. */
export function contactLoaders(ctx: Context): ContactLoaders {
  return perRequest(ctx, ContactLoaders, () => new ContactLoaders(ctx));
}
