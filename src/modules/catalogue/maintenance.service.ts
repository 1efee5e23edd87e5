import { ForbiddenError, ValidationError } from '../../common/errors';
import { todayInChina } from '../../common/dates';
import { assertVersion, inTransaction } from '../../common/transaction';
import type { ServiceContext } from '../../common/context';
import { addMonths } from './calendar/working-days';
import { CatalogueCategory } from './catalogue-category.entity';
import { DisclosureMode, ItemStatus, WithholdingStatus } from './catalogue.enums';
import { canAuthor, canPublish } from './catalogue.policy';
import { DisclosureItem } from './disclosure-item.entity';
import { itemSnapshot, ItemWrites } from './disclosure-item.writes';

/** Refusals of confirmMaintenance, in Chinese (to move into the message catalogue with the others). */
export const maintenanceMessages = {
  forbidden: (unit: string) => `只有${unit}的联络员或发布人员可以确认长期公开内容仍然有效`,
  notStanding: '只有长期公开（STANDING）的事项需要定期检查维护',
  notLive: '只有已公开且没有待审修改的事项可以确认仍然有效：有修改的事项请提交审核',
  withheld: '该事项有待裁定或已裁定暂不公开的申请，不能确认',
} as const;

/**
 * "Checked, still valid" (定期检查维护) for a live STANDING item: its next maintenance date moves a
 * category review cycle on from today, without a new review round (the published text does not
 * change), recorded as a revision and audited like every other change.
 */
export class MaintenanceService {
  private readonly writes: ItemWrites;
  constructor(private readonly ctx: ServiceContext) {
    this.writes = new ItemWrites(ctx);
  }

  async confirmMaintenance(globalId: string, expectedVersion?: number | null): Promise<DisclosureItem> {
    return inTransaction(this.ctx.em, async (em) => {
      const { item, unit } = await this.writes.loadForWrite(em, globalId);
      if (!canAuthor(this.ctx.auth, unit.path) && !canPublish(this.ctx.auth, item.level, unit.path))
        throw new ForbiddenError(maintenanceMessages.forbidden(unit.name));
      if (item.mode !== DisclosureMode.STANDING) throw ValidationError.field('id', maintenanceMessages.notStanding);
      if (item.withholdingStatus === WithholdingStatus.PENDING || item.withholdingStatus === WithholdingStatus.WITHHOLD)
        throw ValidationError.field('id', maintenanceMessages.withheld);
      if (item.status !== ItemStatus.PUBLISHED || !item.isPublic) throw ValidationError.field('id', maintenanceMessages.notLive);
      assertVersion(item.version, expectedVersion, 'The item');
      const category = await em.findOneOrFail(CatalogueCategory, { id: item.category.id });
      const before = itemSnapshot(item);
      item.nextMaintenanceDate = addMonths(todayInChina(), category.reviewCycleMonths);
      await em.flush();
      await this.writes.record(em, item, 'confirmMaintenance', before);
      return item;
    });
  }
}
