import DataLoader from 'dataloader';
import { Context, perRequest } from '../../common/context';
import { toGlobalId } from '../../common/global-id';
import type { OrgUnit } from '../organisation';
import { acceptsRequests } from './request-bodies.service';
import { DisclosureBodySetting, RequestDocument, RequestEvent } from './request.entity';
import { insertApplicantReads } from './requests.queries';

/** Per-request batch loaders of the requests module: one SQL statement per batch. */
export class RequestLoaders {
  constructor(private readonly ctx: Context) {}

  /** Events of requests by request id, oldest first (only for requests a scoped query produced). */
  readonly eventsByRequest = new DataLoader<number, RequestEvent[]>(async (ids) => {
    const rows = await this.ctx.em.find(RequestEvent, { request: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
    const by = new Map<number, RequestEvent[]>(ids.map((id) => [id, []]));
    for (const r of rows) by.get(r.request.id)!.push(r);
    return ids.map((id) => by.get(id)!);
  });

  /** Documents of requests by request id, oldest first. */
  readonly documentsByRequest = new DataLoader<number, RequestDocument[]>(async (ids) => {
    const rows = await this.ctx.em.find(RequestDocument, { request: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
    const by = new Map<number, RequestDocument[]>(ids.map((id) => [id, []]));
    for (const r of rows) by.get(r.request.id)!.push(r);
    return ids.map((id) => by.get(id)!);
  });

  /** Whether units receive requests, from their settings (one statement per batch). */
  readonly acceptsRequests = new DataLoader<OrgUnit, boolean, number>(
    async (units) => {
      const settings = await this.ctx.em.find(DisclosureBodySetting, { unitId: { $in: units.map((u) => u.id) } });
      const by = new Map(settings.map((s) => [s.unitId, s]));
      return units.map((u) => acceptsRequests(u, by.get(u.id)));
    },
    { cacheKeyFn: (u) => u.id },
  );

  /**
   * Audits reads of applicants' personal data (the applicant, and the documents that name them):
   * one audit record per request a response reads them of, one statement per batch (a page).
   */
  readonly applicantRead = new DataLoader<{ requestId: number; scopePath: string }, true, number>(
    async (keys) => {
      await insertApplicantReads(
        this.ctx.em,
        { userId: this.ctx.auth.userId, username: this.ctx.auth.username, requestId: this.ctx.requestId },
        keys.map((k) => ({ targetId: toGlobalId('DisclosureRequest', k.requestId), scopePath: k.scopePath })),
      );
      return keys.map(() => true as const);
    },
    { cacheKeyFn: (k) => k.requestId },
  );
}

/** The request's loaders of the requests module. */
export function requestLoaders(ctx: Context): RequestLoaders {
  return perRequest(ctx, RequestLoaders, () => new RequestLoaders(ctx));
}
