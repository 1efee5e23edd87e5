import type { Principal } from '../../auth/principal';
import type { Sql } from '../../db/sql';
import { itemStaffReach } from './catalogue.policy';
import { categorySetSql, type ItemListFilter } from './disclosure-item.queries';
import { itemCounterTotalSql } from './item-aggregates.queries';

/**
 * The item list's total from the maintained counters, when its filter is one they can answer:
 * units (a subtree or a unit's own items), category, level, status and the staff-only narrowing.
 * Null when another filter is set (channel, mode, publication dates, search, the dashboard's
 * drill-downs): the list then counts its rows.
 */
export function itemCounterTotal(f: ItemListFilter, auth: Principal): Sql | null {
  const countable =
    !f.channel &&
    !f.mode &&
    !f.publishedFrom &&
    !f.publishedTo &&
    !f.searchMatch &&
    f.overdue == null &&
    f.maintenanceDue == null &&
    f.withholdingPending == null;
  if (!countable) return null;
  return itemCounterTotalSql(
    {
      unitId: f.unitId,
      includeSubunits: f.includeSubunits,
      categories: f.categoryId != null ? categorySetSql(f.categoryId, f.includeSubcategories) : null,
      level: f.level,
      statuses: f.statuses,
      staffOnly: f.staffOnly,
    },
    itemStaffReach(auth),
  );
}
