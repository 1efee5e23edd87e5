import { msg, ValidationError } from '../../common/errors';
import { enforce } from '../../common/refusal';
import { inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { DisclosureMode, ItemStatus, WithholdingRuling, WithholdingStatus } from './catalogue.enums';
import { RuleOnWithholdingInput, ruleSchema } from './catalogue.inputs';
import { readOneItemActionFacts } from './item-actions';
import { canRequestItemWithholding, canRuleOnItemWithholding } from './item-actions.policy';
import { DisclosureItem } from './disclosure-item.entity';
import { itemSnapshot, ItemWrites } from './disclosure-item.writes';

/**
 * Withholding (暂不宜公开): a unit asks its superior unit to keep an item from the public, and the
 * superior unit's OFFICE_ADMIN rules to disclose or withhold it.
 */
export class WithholdingService {
  private readonly writes: ItemWrites;
  constructor(private readonly ctx: ServiceContext) {
    this.writes = new ItemWrites(ctx);
  }

  /**
   * Files an item as not fit for disclosure now (暂不宜公开) with the superior unit: for whoever may
   * draft or publish it (its LIAISON, its publishers) and its OFFICE_ADMINs, not every staff role.
   * A live item stays public while the request is pending; it only stops the next publication.
   */
  async requestWithholding(globalId: string, reason: string): Promise<DisclosureItem> {
    const trimmed = reason?.trim() ?? '';
    if (!trimmed) throw ValidationError.field('reason', msg('common.notEmpty'));
    if (trimmed.length > 4000) throw ValidationError.field('reason', msg('common.maxLength', { max: 4000 }));
    return inTransaction(this.ctx.em, async (em) => {
      const { item } = await this.writes.loadForWrite(em, globalId, 'itemId');
      enforce(canRequestItemWithholding(this.ctx.auth, await readOneItemActionFacts(em, item.id, this.ctx.auth)));
      const before = itemSnapshot(item);
      item.modeBeforeWithholding = item.mode;
      item.mode = DisclosureMode.WITHHELD;
      item.withholdingStatus = WithholdingStatus.PENDING;
      item.withholdingReason = trimmed;
      item.withholdingRequestedAt = new Date();
      item.withholdingRequestedBy = this.ctx.auth.userId as never;
      item.withholdingRulingReason = null;
      item.withholdingRuledAt = null;
      item.withholdingRuledBy = null;
      // Pending: a live item stays public (the superior has not ruled yet); publication is blocked.
      await em.flush();
      await this.writes.record(em, item, 'requestWithholding', before);
      return item;
    });
  }

  /** The superior unit's OFFICE_ADMIN rules on a pending withholding request. */
  async ruleOnWithholding(raw: RuleOnWithholdingInput): Promise<DisclosureItem> {
    const input = parseInput(ruleSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { item } = await this.writes.loadForWrite(em, input.itemId, 'input.itemId');
      enforce(canRuleOnItemWithholding(this.ctx.auth, await readOneItemActionFacts(em, item.id, this.ctx.auth)));
      const before = itemSnapshot(item);
      item.withholdingStatus = input.ruling === WithholdingRuling.DISCLOSE ? WithholdingStatus.DISCLOSE : WithholdingStatus.WITHHOLD;
      item.withholdingRulingReason = input.reasons;
      item.withholdingRuledAt = new Date();
      item.withholdingRuledBy = this.ctx.auth.userId as never;
      if (input.ruling === WithholdingRuling.DISCLOSE) {
        item.mode = item.modeBeforeWithholding && item.modeBeforeWithholding !== DisclosureMode.WITHHELD ? item.modeBeforeWithholding : DisclosureMode.AD_HOC;
        item.isPublic = item.publishedVersion != null && item.status !== ItemStatus.RETIRED;
      } else {
        // Upheld: only now does a live item leave the public catalogue.
        item.isPublic = false;
      }
      await em.flush();
      await this.writes.record(em, item, `ruleOnWithholding.${input.ruling}`, before);
      return item;
    });
  }
}
