import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Principal } from '../../auth/principal';
import { perRequest, type Context } from '../../common/context';
import type { Refusal } from '../../common/refusal';
import { runSql } from '../../db/sql';
import type { PublishingLevel } from '../organisation';
import { ItemStatus, ReviewKind, WithholdingStatus } from './catalogue.enums';
import { itemActionFactsSql } from './disclosure-item.queries';
import {
  canPublishItem,
  canRequestItemWithholding,
  canRetireItem,
  canReviewItem,
  canRuleOnItemWithholding,
  canSubmitItem,
  canUpdateItem,
  type ItemActionFacts,
  type RoundReview,
} from './item-actions.policy';

interface FactsRow {
  id: number;
  status: ItemStatus;
  level: PublishingLevel;
  withholding_status: WithholdingStatus | null;
  published_version: number | null;
  created_by_id: number | null;
  owner_path: string;
  owner_name: string;
  round_reviews: RoundReview[];
  caller_wrote: string | null;
}

function toFacts(r: FactsRow): ItemActionFacts {
  return {
    status: r.status,
    level: r.level,
    withholdingStatus: r.withholding_status,
    publishedVersion: r.published_version,
    createdById: r.created_by_id,
    ownerPath: r.owner_path,
    ownerName: r.owner_name,
    roundReviews: r.round_reviews,
    callerWrote: r.caller_wrote === 'submit' ? 'submit' : r.caller_wrote ? 'write' : null,
  };
}

/** The action facts of items for the caller, by item id (one statement). */
export async function readItemActionFacts(em: EntityManager, itemIds: readonly number[], auth: Principal): Promise<Map<number, ItemActionFacts>> {
  const rows = await runSql<FactsRow>(em, itemActionFactsSql(itemIds, auth.userId));
  return new Map(rows.map((r) => [r.id, toFacts(r)]));
}

/** The action facts of one item (inside a mutation's transaction, after the item is locked). */
export async function readOneItemActionFacts(em: EntityManager, itemId: number, auth: Principal): Promise<ItemActionFacts> {
  const facts = (await readItemActionFacts(em, [itemId], auth)).get(itemId);
  if (!facts) throw new Error(`disclosure item ${itemId} vanished under its lock`);
  return facts;
}

/** What the caller may do with an item now (DisclosureItem.viewerCan): each the absence of the mutation's refusal. */
export interface ItemViewerCan {
  update: boolean;
  submit: boolean;
  reviewLegal: boolean;
  reviewSecrecy: boolean;
  publish: boolean;
  retire: boolean;
  requestWithholding: boolean;
  ruleOnWithholding: boolean;
}

const ok = (r: Refusal) => r === null;

/** Every action's verdict from one set of facts. */
export function itemViewerCan(auth: Principal, f: ItemActionFacts): ItemViewerCan {
  return {
    update: ok(canUpdateItem(auth, f)),
    submit: ok(canSubmitItem(auth, f)),
    reviewLegal: ok(canReviewItem(auth, f, ReviewKind.LEGAL)),
    reviewSecrecy: ok(canReviewItem(auth, f, ReviewKind.SECRECY)),
    publish: ok(canPublishItem(auth, f)),
    retire: ok(canRetireItem(auth, f)),
    requestWithholding: ok(canRequestItemWithholding(auth, f)),
    ruleOnWithholding: ok(canRuleOnItemWithholding(auth, f)),
  };
}

/** Nothing allowed (callers who are not staff of the owner unit). */
export const NOTHING_ALLOWED: ItemViewerCan = {
  update: false,
  submit: false,
  reviewLegal: false,
  reviewSecrecy: false,
  publish: false,
  retire: false,
  requestWithholding: false,
  ruleOnWithholding: false,
};

/** Per-request loader of item action facts for the caller: a page of items costs one statement. */
export function itemActionFactsLoader(ctx: Context): DataLoader<number, ItemActionFacts | null> {
  return perRequest(
    ctx,
    itemActionFactsLoader,
    () =>
      new DataLoader<number, ItemActionFacts | null>(async (ids) => {
        const facts = await readItemActionFacts(ctx.em, ids, ctx.auth);
        return ids.map((id) => facts.get(id) ?? null);
      }),
  );
}
