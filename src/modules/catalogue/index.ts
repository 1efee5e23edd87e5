import { DisclosureItemActionsResolver } from './item-actions.resolver';
import { decodeIntId } from '../../common/global-id';
import type { ModuleDefinition } from '../module';
import { ItemMaintenanceResolver } from './maintenance.resolver';
import { CatalogueCategory } from './catalogue-category.entity';
import { HolidayCalendarResolver, HolidayDay } from './calendar';
import { CatalogueCategoryResolver } from './catalogue.resolver';
import { catalogueRules } from './catalogue.rules';
import { catalogueTaskProviders } from './catalogue.tasks';
import { holidayCalendarMissing } from './calendar/holiday-calendar.warnings';
import { DisclosureItem } from './disclosure-item.entity';
import { DisclosureItemResolver } from './disclosure-item.resolver';
import { DisclosureItemService } from './disclosure-item.service';
import { DisclosureItemConnectionResolver } from './item-search.resolver';
import { DisclosureReview } from './disclosure-review.entity';
import { DisclosureRevision } from './disclosure-revision.entity';
import { catalogueJobs } from './item-aggregates';

export { CatalogueCategory } from './catalogue-category.entity';
export { DisclosureItem } from './disclosure-item.entity';
export { ReviewRecord } from './review-record';
export { DisclosureItemService } from './disclosure-item.service';
export { DisclosureWorkflowService, PUBLISH_WITHIN_WORKING_DAYS } from './disclosure-workflow.service';
export { WithholdingService } from './withholding.service';
export { canAuthor, canPublish, isItemStaff } from './catalogue.policy';
export { CatalogueService } from './catalogue.service';
export {
  HolidayCalendarCache,
  HolidayCalendarService,
  HolidayKind,
  loadWorkCalendar,
  registerHolidayCalendarCache,
  unregisterHolidayCalendarCache,
  addWorkingDays,
  isWorkingDay,
  todayInChina,
  missingCalendarYearsAround,
  dueDates,
  REQUEST_WARNING_WORKING_DAYS,
  TASK_WORKING_DAYS,
  workingDaysAfter,
} from './calendar';
export * from './catalogue.enums';

/** The disclosure catalogue: categories, items and their two-level publishing workflow, the holiday calendar. */
export const catalogueModule: ModuleDefinition = {
  name: 'catalogue',
  entities: [CatalogueCategory, DisclosureItem, DisclosureReview, DisclosureRevision, HolidayDay],
  resolvers: [
    CatalogueCategoryResolver,
    HolidayCalendarResolver,
    DisclosureItemResolver,
    DisclosureItemConnectionResolver,
    DisclosureItemActionsResolver,
    ItemMaintenanceResolver,
  ],
  rules: catalogueRules,
  nodes: {
    CatalogueCategory: (ctx, id) => ctx.em.findOne(CatalogueCategory, { id: decodeIntId(id, 'CatalogueCategory') }),
    DisclosureItem: (ctx, id) => new DisclosureItemService(ctx).findVisible(decodeIntId(id, 'DisclosureItem')),
  },
  taskProviders: [...catalogueTaskProviders, holidayCalendarMissing],
  jobs: catalogueJobs,
};
export { TASK_LOOKAHEAD_DAYS } from './catalogue.tasks';
export { itemMaintenanceDueSql, itemOverdueSql, itemPeriodicDueSql, itemWithholdingPendingSql } from './catalogue.queries';
export { foldItemDue, rebuildItemAggregates, ITEM_DUE_DAYS_KEPT } from './item-aggregates';
