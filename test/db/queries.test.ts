/**
 * SQL snapshots: every statement of every `src/modules/<domain>/*.queries.ts` file is rendered with
 * representative arguments into `test/db/queries/<domain>.<file>.sql`, committed, so a change to
 * any statement's text shows in review (as Immich keeps generated `queries/*.sql`).
 *
 * The test fails when a rendered text differs from the committed file, when a query function has
 * no case here, or when a queries file has no snapshot. After a deliberate change, rewrite the
 * files with `UPDATE_SQL_SNAPSHOTS=1 npx jest test/db/queries.test.ts` and commit them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join as joinPath, relative } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Principal } from '../../src/auth/principal';
import { Role, STAFF_ROLES } from '../../src/auth/roles';
import { pathScopeSql } from '../../src/auth/scope';
import { sql, type Sql } from '../../src/db/sql';
import * as attachment from '../../src/modules/attachment/attachment.queries';
import * as audit from '../../src/modules/audit/audit.queries';
import * as contact from '../../src/modules/contact/contact.queries';
import * as catalogue from '../../src/modules/catalogue/catalogue.queries';
import * as calendar from '../../src/modules/catalogue/calendar/holiday-calendar.queries';
import { DisclosureItemSort } from '../../src/modules/catalogue/catalogue.enums';
import * as items from '../../src/modules/catalogue/disclosure-item.queries';
import * as exportsQueries from '../../src/modules/exports/exports.queries';
import * as itemSearch from '../../src/modules/catalogue/item-search.queries';
import * as searchReindex from '../../src/modules/catalogue/search/search-reindex.queries';
import * as roleTasks from '../../src/modules/catalogue/role-tasks.queries';
import * as statisticsRoleTasks from '../../src/modules/statistics/statistics-role-tasks.queries';
import * as inspectionTasks from '../../src/modules/inspection/inspection-tasks.queries';
import * as requestsTasks from '../../src/modules/requests/requests-tasks.queries';
import * as appointmentReminders from '../../src/modules/notifications/appointment-reminders.queries';
import * as itemAggregates from '../../src/modules/catalogue/item-aggregates.queries';
import * as keyset from '../../src/modules/catalogue/item-keyset.queries';
import * as overview from '../../src/modules/dashboard/overview.queries';
import * as inspection from '../../src/modules/inspection/inspection.queries';
import * as coverage from '../../src/modules/liaison/liaison-coverage.queries';
import * as liaisonTasks from '../../src/modules/liaison/liaison-task.queries';
import * as organisation from '../../src/modules/organisation/organisation.queries';
import * as requests from '../../src/modules/requests/requests.queries';
import * as portal from '../../src/modules/portal/portal.queries';
import * as notifications from '../../src/modules/notifications/notifications.queries';
import * as reminders from '../../src/modules/notifications/reminders.queries';
import { reportingGrantsJson } from '../../src/modules/statistics/statistics.policy';
import * as statistics from '../../src/modules/statistics/statistics.queries';
import * as statAggregates from '../../src/modules/statistics/statistics-aggregates.queries';
import { MAIN_FIGURE_KEYS } from '../../src/modules/statistics/template-definitions';
import { TestApp } from '../helpers/app';

const ROOT = joinPath(__dirname, '../..');
const SNAPSHOTS = joinPath(__dirname, 'queries');
const UPDATE = !!process.env.UPDATE_SQL_SNAPSHOTS;

/** A caller with a cascading and a unit-only grant, for scope fragments. */
const staff = Principal.user(7, 'someone', 4, [
  { role: Role.OFFICE_ADMIN, unitId: 4, unitPath: '/1/4/', cascade: true },
  { role: Role.LIAISON, unitId: 9, unitPath: '/1/4/9/', cascade: false },
]);
const inScope = pathScopeSql(staff, STAFF_ROLES, sql`u.path`);
const actor = { userId: 7, username: 'someone', requestId: 'req-1' };
const inspector = Principal.user(7, 'tj-inspector', 3, [
  { role: Role.INSPECTOR, unitId: 3, unitPath: '/1/3/', cascade: true },
  { role: Role.LIAISON, unitId: 4, unitPath: '/1/3/4/', cascade: false },
]);

type Cases = Record<string, (em: EntityManager) => Sql>;

/** Per queries file: its module, and cases named `<function>` or `<function> (<variant>)`. */
const FILES: { file: string; module: Record<string, unknown>; cases: Cases }[] = [
  {
    file: 'catalogue/disclosure-item.queries.ts',
    module: items,
    cases: {
      itemActionFactsSql: () => items.itemActionFactsSql([1, 2, 3], 7),
      'itemListWhere (dashboard drill-downs)': () =>
        items.itemListWhere({ inScope, overdue: true, maintenanceDue: false, withholdingPending: true, asOf: '2026-06-15' }),
      'itemListWhere (every filter)': () =>
        items.itemListWhere({
          inScope,
          unitId: 4,
          includeSubunits: true,
          categoryId: 2,
          includeSubcategories: true,
          level: 'DISTRICT',
          channel: 'PORTAL',
          mode: 'STANDING',
          statuses: ['DRAFT', 'RETURNED'],
          publishedFrom: '2024-01-01',
          publishedTo: '2024-12-31',
          searchMatch: itemSearch.itemSearchMatchSql(inScope, "'指南'", null),
        }),
      'itemListWhere (anonymous, unit only, category only)': () =>
        items.itemListWhere({
          inScope: sql`false`,
          unitId: 4,
          includeSubunits: false,
          categoryId: 2,
          includeSubcategories: false,
        }),
      'itemPageSql (anonymous, public page, total from the counters)': (em) =>
        items.itemPageSql(em, true, {
          where: items.itemListWhere({ inScope: sql`false`, unitId: 4, categoryId: 2 }),
          order: keyset.itemKeysetOrderSql(DisclosureItemSort.PUBLISHED_DESC),
          limit: 21,
          keyText: keyset.itemKeysetTextSql(DisclosureItemSort.PUBLISHED_DESC),
          total: itemAggregates.itemCounterTotalSql({ unitId: 4, categories: items.categorySetSql(2) }, []),
        }),
      'itemPageSql (anonymous, after a cursor, no total)': (em) =>
        items.itemPageSql(em, true, {
          where: items.itemListWhere({ inScope: sql`false` }),
          order: keyset.itemKeysetOrderSql(DisclosureItemSort.PUBLISHED_DESC),
          limit: 51,
          after: keyset.itemKeysetAfterSql(DisclosureItemSort.PUBLISHED_DESC, '2026-03-01T02:00:00.123456Z', 812),
          keyText: keyset.itemKeysetTextSql(DisclosureItemSort.PUBLISHED_DESC),
          total: null,
        }),
      'itemPageSql (staff, by deadline, counted total)': (em) => {
        const where = items.itemListWhere({ inScope, statuses: ['DRAFT'], channel: 'PORTAL' });
        return items.itemPageSql(em, false, {
          where,
          order: keyset.itemKeysetOrderSql(DisclosureItemSort.DEADLINE_ASC),
          limit: 51,
          after: keyset.itemKeysetAfterSql(DisclosureItemSort.DEADLINE_ASC, '2026-05-20', 77),
          keyText: keyset.itemKeysetTextSql(DisclosureItemSort.DEADLINE_ASC),
          total: items.itemCountSql(where),
        });
      },
      'itemPageSql (anonymous, search by relevance)': (em) =>
        items.itemPageSql(em, true, {
          where: items.itemListWhere({ inScope: sql`false`, searchMatch: itemSearch.itemSearchMatchSql(sql`false`, "'举报' & '电话'", null) }),
          order: itemSearch.itemSearchOrderSql(sql`false`, "'举报' & '电话'"),
          limit: 21,
          offset: 20,
          total: 'window',
        }),
      'categorySetSql (with sub-categories)': () => items.categorySetSql(2),
      'categorySetSql (one category)': () => items.categorySetSql(2, false),
      'itemPageSql (anonymous, search over many matches)': (em) =>
        items.itemPageSql(em, true, {
          where: items.itemListWhere({ inScope: sql`false`, searchMatch: itemSearch.itemSearchMatchSql(sql`false`, "'举报' & '电话'", null) }),
          order: itemSearch.itemSearchOrderSql(sql`false`, "'举报' & '电话'"),
          limit: 21,
          offset: 0,
          pageRows: itemSearch.itemSearchRecentPageSql(
            items.itemListWhere({ inScope: sql`false`, searchMatch: itemSearch.itemSearchMatchSql(sql`false`, "'举报' & '电话'", null, false) }),
            "'举报' & '电话'",
            100,
            21,
            0,
          ),
          total: null,
        }),
      itemCountSql: () => items.itemCountSql(items.itemListWhere({ inScope })),
      unitExistsSql: () => items.unitExistsSql(4),
      visibleItemSql: () => items.visibleItemSql(12, inScope),
    },
  },
  {
    file: 'exports/exports.queries.ts',
    module: exportsQueries,
    cases: {
      statisticsExportBatchSql: () => exportsQueries.statisticsExportBatchSql('/1/4/', inScope, 2024, '/1/4/9/', 500),
    },
  },
  {
    file: 'catalogue/item-search.queries.ts',
    module: itemSearch,
    cases: {
      'itemSearchMatchSql (words)': () => itemSearch.itemSearchMatchSql(inScope, "('知识产权' | '知识' & '产权') & '保护'", null),
      'itemSearchMatchSql (words or substring)': () => itemSearch.itemSearchMatchSql(inScope, "'12360'", '%12360%'),
      'itemSearchMatchSql (substring only)': () => itemSearch.itemSearchMatchSql(inScope, null, '%？%'),
      'itemSearchOrderSql (by rank)': () => itemSearch.itemSearchOrderSql(inScope, "'举报' & '电话'"),
      'itemSearchOrderSql (no words: by date)': () => itemSearch.itemSearchOrderSql(inScope, null),
      'itemSearchMatchSql (words, as a row filter)': () => itemSearch.itemSearchMatchSql(sql`false`, "'举报' & '电话'", null, false),
      itemSearchCountSql: () =>
        itemSearch.itemSearchCountSql(
          items.itemListWhere({ inScope: sql`false`, searchMatch: itemSearch.itemSearchMatchSql(sql`false`, "'举报' & '电话'", null) }),
          "'举报' & '电话'",
          1000,
        ),
      itemSearchRecentPageSql: () =>
        itemSearch.itemSearchRecentPageSql(
          items.itemListWhere({ inScope: sql`false`, searchMatch: itemSearch.itemSearchMatchSql(sql`false`, "'举报' & '电话'", null, false) }),
          "'举报' & '电话'",
          100,
          21,
          0,
        ),
    },
  },
  {
    file: 'catalogue/search/search-reindex.queries.ts',
    module: searchReindex,
    cases: {
      reindexProgressSql: () => searchReindex.reindexProgressSql('disclosure_item'),
      reindexStartSql: () => searchReindex.reindexStartSql('disclosure_item'),
      reindexAdvanceSql: () => searchReindex.reindexAdvanceSql('disclosure_item', 500, 500, 12),
      reindexFinishSql: () => searchReindex.reindexFinishSql('disclosure_item'),
      reindexLockTimeoutSql: () => searchReindex.reindexLockTimeoutSql(),
      itemTextBatchSql: () => searchReindex.itemTextBatchSql(0, 500),
      itemVectorsWriteSql: () => searchReindex.itemVectorsWriteSql([1, 2], ['735', '736'], ["'举报':1A"], [null, "'电话':1A"]),
    },
  },
  {
    file: 'catalogue/catalogue.queries.ts',
    module: catalogue,
    cases: {
      catalogueTreeSql: () => catalogue.catalogueTreeSql(4, true),
      categoriesWithAncestorsSql: () => catalogue.categoriesWithAncestorsSql([1, 2, 3]),
      itemBodiesSql: () => catalogue.itemBodiesSql([1, 2, 3]),
      itemOverdueSql: () => catalogue.itemOverdueSql('2024-06-30'),
      itemMaintenanceDueSql: () => catalogue.itemMaintenanceDueSql('2024-06-30'),
      itemPeriodicDueSql: () => catalogue.itemPeriodicDueSql('2024-06-30'),
      itemReturnedSql: () => catalogue.itemReturnedSql(),
      itemWithholdingPendingSql: () => catalogue.itemWithholdingPendingSql(),
      itemResubmitAfterDiscloseSql: () => catalogue.itemResubmitAfterDiscloseSql(),
      'itemTasksSql (overdue)': () => catalogue.itemTasksSql(catalogue.ITEM_TASK_COLUMNS.overdue, [4, 9], catalogue.itemOverdueSql('2024-06-30')),
      'itemTasksSql (returned)': () => catalogue.itemTasksSql(catalogue.ITEM_TASK_COLUMNS.returned, [4, 9], catalogue.itemReturnedSql()),
      'itemTasksSql (maintenance due)': () =>
        catalogue.itemTasksSql(catalogue.ITEM_TASK_COLUMNS.maintenanceDue, [4], catalogue.itemMaintenanceDueSql('2024-07-14')),
      'itemTasksSql (periodic due)': () => catalogue.itemTasksSql(catalogue.ITEM_TASK_COLUMNS.periodicDue, [4], catalogue.itemPeriodicDueSql('2024-07-14')),
    },
  },
  {
    file: 'catalogue/calendar/holiday-calendar.queries.ts',
    module: calendar,
    cases: {
      holidayCalendarSql: () => calendar.holidayCalendarSql(),
    },
  },
  {
    file: 'dashboard/overview.queries.ts',
    module: overview,
    cases: {
      itemCountersSql: () => overview.itemCountersSql(4, 2024, '2024-06-30'),
    },
  },
  {
    file: 'liaison/liaison-coverage.queries.ts',
    module: coverage,
    cases: {
      coverageOnDaySql: () => coverage.coverageOnDaySql(4, '2024-06-30'),
      coverageOnDaysSql: () => coverage.coverageOnDaysSql(4, ['2024-06-30', '2023-12-31']),
      rebuildLiaisonAggregatesSql: () => coverage.rebuildLiaisonAggregatesSql(),
      appointmentsEndingSql: () => coverage.appointmentsEndingSql('/1/4/%', '2024-06-30', '2024-07-30'),
    },
  },
  {
    file: 'liaison/liaison-task.queries.ts',
    module: liaisonTasks,
    cases: {
      appointedUnitsSql: () => liaisonTasks.appointedUnitsSql(7, '2024-06-30'),
      unitPathsSql: () => liaisonTasks.unitPathsSql([4, 9]),
    },
  },
  {
    file: 'catalogue/role-tasks.queries.ts',
    module: roleTasks,
    cases: {
      reviewPendingSql: () => roleTasks.reviewPendingSql(pathScopeSql(staff, [Role.OFFICE_ADMIN], sql`u.path`), sql`false`),
      publishPendingSql: () => roleTasks.publishPendingSql(sql`false`, pathScopeSql(staff, [Role.LIAISON], sql`u.path`)),
      withholdingRulingPendingSql: () => roleTasks.withholdingRulingPendingSql(pathScopeSql(staff, [Role.OFFICE_ADMIN], roleTasks.PARENT_PATH)),
    },
  },
  {
    file: 'statistics/statistics-role-tasks.queries.ts',
    module: statisticsRoleTasks,
    cases: {
      statisticsAcceptancePendingSql: () => statisticsRoleTasks.statisticsAcceptancePendingSql((parent) => pathScopeSql(staff, [Role.OFFICE_ADMIN], parent)),
      reportPublicationPendingSql: () => statisticsRoleTasks.reportPublicationPendingSql(pathScopeSql(staff, [Role.OFFICE_ADMIN], sql`u.path`)),
    },
  },
  {
    file: 'inspection/inspection-tasks.queries.ts',
    module: inspectionTasks,
    cases: {
      inspectionScoringPendingSql: () =>
        inspectionTasks.inspectionScoringPendingSql(pathScopeSql(inspector, [Role.INSPECTOR], sql`u.path`), ['/1/3/', '/1/3/4/']),
      inspectionResponsePendingSql: () => inspectionTasks.inspectionResponsePendingSql(pathScopeSql(staff, [Role.OFFICE_ADMIN], sql`u.path`)),
    },
  },
  {
    file: 'requests/requests-tasks.queries.ts',
    module: requestsTasks,
    cases: {
      requestDeadlinePendingSql: () =>
        requestsTasks.requestDeadlinePendingSql(pathScopeSql(staff, [Role.OFFICE_ADMIN, Role.LIAISON], sql`b.path`), '2026-06-22'),
    },
  },
  {
    file: 'notifications/appointment-reminders.queries.ts',
    module: appointmentReminders,
    cases: {
      insertAppointmentEndingSql: () =>
        appointmentReminders.insertAppointmentEndingSql('2026-06-15', '2026-07-15', { title: '{{person}}', body: '{{unit}} {{date}}' }),
    },
  },
  {
    file: 'notifications/notifications.queries.ts',
    module: notifications,
    cases: {
      insertNotificationsSql: () =>
        notifications.insertNotificationsSql(
          {
            kind: 'ITEM_SUBMITTED',
            title: '待审核：事项',
            body: '请审核',
            params: { title: '事项', unit: '天津海关', round: 1 },
            targetType: 'DisclosureItem',
            targetId: 'RGlzY2xvc3VyZUl0ZW06MQ',
            unitId: 9,
            dedupeKey: null,
          },
          [
            { role: Role.LEGAL_REVIEWER, path: '/1/4/9/' },
            { role: Role.SECRECY_REVIEWER, path: '/1/4/9/' },
          ],
          [12],
          [7],
        ),
      insertRemindersSql: () =>
        notifications.insertRemindersSql(
          'REMINDER_ITEM_OVERDUE',
          { title: '已逾期：{{title}}', body: '应于{{date}}前公开' },
          reminders.itemsDueSql(catalogue.itemOverdueSql('2026-06-15'), 'publish_deadline'),
          '2026-06-15',
        ),
      unreadCountSql: () => notifications.unreadCountSql(7),
      markReadSql: () => notifications.markReadSql(7, ['1', '2']),
      upsertEmailSettingSql: () => notifications.upsertEmailSettingSql(7, true, 'en'),
      emailSettingSql: () => notifications.emailSettingSql(7),
      emailDeliverySql: () => notifications.emailDeliverySql('5'),
      markEmailedSql: () => notifications.markEmailedSql('5'),
    },
  },
  {
    file: 'notifications/reminders.queries.ts',
    module: reminders,
    cases: {
      itemsDueSql: () => reminders.itemsDueSql(catalogue.itemMaintenanceDueSql('2026-06-15'), 'next_maintenance_date'),
      statisticsMissingSql: () => reminders.statisticsMissingSql(2025, '2026-01-31'),
    },
  },
  {
    file: 'inspection/inspection.queries.ts',
    module: inspection,
    cases: {
      'schemeRankingSql (in scope)': () => inspection.schemeRankingSql(3, pathScopeSql(staff, [Role.OFFICE_ADMIN], sql`r.path`)),
      indicatorTotalsSql: () => inspection.indicatorTotalsSql(3),
      latestFinalisedSql: () => inspection.latestFinalisedSql(3, 9),
      scoreTotalSql: () => inspection.scoreTotalSql(5),
      inspectionRanksSql: () => inspection.inspectionRanksSql([5, 6]),
      inspectionsByStatusSql: () => inspection.inspectionsByStatusSql('/1/4/%', 2024),
      subtreeResultsSql: () => inspection.subtreeResultsSql('/1/4/', '/1/4/%', 2024),
      inspectionActionFactsSql: () => inspection.inspectionActionFactsSql([5, 6]),
      automaticMetricsSql: () =>
        inspection.automaticMetricsSql({
          subtree: '/1/4/%',
          asOf: '2024-06-30',
          from: '2024-01-01',
          statYear: 2023,
          submitBy: '2024-01-31',
          acceptBy: '2024-03-31',
        }),
    },
  },
  {
    file: 'organisation/organisation.queries.ts',
    module: organisation,
    cases: {
      nextUnitIdSql: () => organisation.nextUnitIdSql(),
      unitsByIdSql: () => organisation.unitsByIdSql([4, 9]),
      unitsByParentSql: () => organisation.unitsByParentSql([4]),
      moveSubtreeSql: () => organisation.moveSubtreeSql({ unitId: 9, parentId: 5, oldPath: '/1/4/9/', newPath: '/1/5/9/', depthDelta: 0 }),
      principalSql: () => organisation.principalSql(7),
    },
  },
  {
    file: 'attachment/attachment.queries.ts',
    module: attachment,
    cases: {
      attachmentAccessSql: () => attachment.attachmentAccessSql('6f1c2a8e-0d4b-4c1e-9a43-2f6b1d7e8c90'),
      'ownerAttachmentsSql (items)': () => attachment.ownerAttachmentsSql('item_id', [4, 9], [9]),
      'ownerAttachmentsSql (reports)': () => attachment.ownerAttachmentsSql('report_id', [2], []),
      deleteStalePendingSql: () => attachment.deleteStalePendingSql(new Date('2026-12-01T00:00:00Z')),
      referencedHashesSql: () => attachment.referencedHashesSql(['a'.repeat(64)]),
    },
  },
  {
    file: 'portal/portal.queries.ts',
    module: portal,
    cases: {
      'publishedReportsSql (every filter)': () => portal.publishedReportsSql({ unitId: 4, year: 2017 }, 21, 20),
      'publishedReportsSql (unit alone)': () => portal.publishedReportsSql({ unitId: 4, includeSubunits: false }, 21, 0),
      'publishedReportsSql (none)': () => portal.publishedReportsSql({}, 5000, 0),
      'feedItemsSql (category)': () => portal.feedItemsSql(4, 12, 50),
      'feedItemsSql (unit)': () => portal.feedItemsSql(4, null, 50),
    },
  },
  {
    file: 'statistics/statistics.queries.ts',
    module: statistics,
    cases: {
      saveDraftSql: (em) =>
        statistics.saveDraftSql(em, {
          actor,
          unitId: 9,
          year: 2024,
          templateId: 2,
          figuresJson: '{}',
          notesJson: '{}',
          sourcesJson: '{}',
          reason: null,
          expectedVersion: null,
          grantsJson: reportingGrantsJson(staff),
          carriedJson: '[]',
          scope: 'OWN',
          contributorIds: [],
        }),
      templatesSql: () => statistics.templatesSql(),
      unitPathAndNameSql: () => statistics.unitPathAndNameSql(9),
      acceptedFiguresSql: () =>
        statistics.acceptedFiguresSql([
          { unitId: 9, year: 2023 },
          { unitId: 4, year: 2023 },
        ]),
      notSubmittedSql: () => statistics.notSubmittedSql([4, 9], 2023),
      unitPathsSql: () => statistics.unitPathsSql([4, 9]),
      expectedToReportSql: () => sql`select 1 from org_unit u where ${statistics.expectedToReportSql('u')}`,
      reportingStatesSql: () => statistics.reportingStatesSql(4, 2023),
      childStatesSql: () => statistics.childStatesSql(4, 2024),
      statisticsActionFactsSql: () => statistics.statisticsActionFactsSql([1, 2]),
      reportActionFactsSql: () => statistics.reportActionFactsSql([1, 2]),
    },
  },
  {
    file: 'statistics/statistics-aggregates.queries.ts',
    module: statAggregates,
    cases: {
      rollupTotalsSql: () => statAggregates.rollupTotalsSql({ unitId: 4, year: 2023, templateCode: 'GOV-2021' }),
      acceptedInSubtreeSql: () => statAggregates.acceptedInSubtreeSql(4, 2023),
      mainFigureTotalsSql: () => statAggregates.mainFigureTotalsSql(4, [2024, 2023], MAIN_FIGURE_KEYS),
      rebuildStatAggregatesSql: () => statAggregates.rebuildStatAggregatesSql(),
    },
  },
  {
    file: 'catalogue/item-aggregates.queries.ts',
    module: itemAggregates,
    cases: {
      rebuildItemAggregatesSql: () => itemAggregates.rebuildItemAggregatesSql(),
      foldItemDueSql: () => itemAggregates.foldItemDueSql('2026-10-01'),
      'itemCounterTotalSql (anonymous, whole tree)': () => itemAggregates.itemCounterTotalSql({}, []),
      'itemCounterTotalSql (staff, subtree, category, level)': () =>
        itemAggregates.itemCounterTotalSql({ unitId: 4, categories: sql`(select 2)`, level: 'OFFICE' }, [
          { path: '/1/4/', subtree: true },
          { path: '/1/9/', subtree: false },
        ]),
      'itemCounterTotalSql (staff, own items, statuses)': () =>
        itemAggregates.itemCounterTotalSql({ unitId: 4, includeSubunits: false, statuses: ['DRAFT'] }, [{ path: '/1/4/', subtree: true }]),
    },
  },
  {
    file: 'catalogue/item-keyset.queries.ts',
    module: keyset,
    cases: {
      'itemKeysetOrderSql (published, newest first)': () => keyset.itemKeysetOrderSql(DisclosureItemSort.PUBLISHED_DESC),
      'itemKeysetOrderSql (published, oldest first)': () => keyset.itemKeysetOrderSql(DisclosureItemSort.PUBLISHED_ASC),
      'itemKeysetOrderSql (deadline)': () => keyset.itemKeysetOrderSql(DisclosureItemSort.DEADLINE_ASC),
      'itemKeysetTextSql (published)': () => keyset.itemKeysetTextSql(DisclosureItemSort.PUBLISHED_ASC),
      'itemKeysetTextSql (deadline)': () => keyset.itemKeysetTextSql(DisclosureItemSort.DEADLINE_ASC),
      'itemKeysetAfterSql (newest first)': () => keyset.itemKeysetAfterSql(DisclosureItemSort.PUBLISHED_DESC, '2026-03-01T02:00:00.123456Z', 812),
      'itemKeysetAfterSql (oldest first, unpublished row)': () => keyset.itemKeysetAfterSql(DisclosureItemSort.PUBLISHED_ASC, null, 812),
      'itemKeysetAfterSql (deadline)': () => keyset.itemKeysetAfterSql(DisclosureItemSort.DEADLINE_ASC, '2026-05-20', 77),
    },
  },
  {
    file: 'audit/audit.queries.ts',
    module: audit,
    cases: {
      auditInsertSql: () =>
        audit.auditInsertSql(actor, { action: 'x.change', targetType: 'Thing' }, sql`changed`, {
          targetId: sql`changed.id::text`,
          scopePath: sql`changed.path`,
          before: sql`null`,
          after: sql`to_jsonb(changed)`,
        }),
      userByLoginSql: () => audit.userByLoginSql('tj-admin'),
    },
  },
  {
    // Each exported runner executes the `contactSql` builder of the same name.
    file: 'requests/requests.queries.ts',
    module: requests,
    cases: {
      selectRegisterCounts: () => requests.requestsSql.selectRegisterCounts(3, 2025),
      selectAppealCounts: () => requests.requestsSql.selectAppealCounts(3, 2025),
      selectFees: () => requests.requestsSql.selectFees(3, 2025),
      selectCatalogueCounts: () => requests.requestsSql.selectCatalogueCounts(3, 2017),
      selectRequestOverview: () => requests.requestsSql.selectRequestOverview(staff, '/1/4/', '2026-11-30', '2026-12-07'),
      'selectRequestOverview (anonymous)': () => requests.requestsSql.selectRequestOverview(Principal.anonymous(), '/1/4/', '2026-11-30', '2026-12-07'),
      selectConcludedByOutcome: () => requests.requestsSql.selectConcludedByOutcome(staff, '/1/4/', 2026),
      selectOnTimeReplies: () => requests.requestsSql.selectOnTimeReplies('/1/4/', 2026, '2026-11-30'),
      insertApplicantReads: () => requests.requestsSql.insertApplicantReads(actor, [{ targetId: 'RGlzY2xvc3VyZVJlcXVlc3Q6MQ', scopePath: '/1/4/' }]),
    },
  },
  {
    file: 'contact/contact.queries.ts',
    module: contact,
    cases: {
      upsertTallies: () => contact.contactSql.upsertTallies(5, 7, [{ date: '2008-01-02', channel: 'PHONE', count: 40 }]),
      selectContactFigures: () => contact.contactSql.selectContactFigures(3, 2008, false),
      selectCaseCounts: () => contact.contactSql.selectCaseCounts(inspector, '/1/3/', '2026-11-30'),
      'selectCaseCounts (anonymous)': () => contact.contactSql.selectCaseCounts(Principal.anonymous(), '/1/3/', '2026-11-30'),
      selectHandlingRates: () => contact.contactSql.selectHandlingRates('/1/3/', 2008, '2008-12-31'),
      insertReporterReads: () =>
        contact.contactSql.insertReporterReads({ userId: 7, username: 'tj-inspector', requestId: 'r1' }, [{ targetId: 'Q', scopePath: '/1/3/' }]),
      selectLevelUnits: () => contact.contactSql.selectLevelUnits(12),
    },
  },
];

/** Functions a queries file exports that build SQL (the helpers that are not statements are listed here). */
const NOT_STATEMENTS = new Set(['cellColumn', 'subtreePattern', 'snapshot']);

function queriesFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = joinPath(dir, d.name);
    if (d.isDirectory()) return queriesFiles(path);
    return d.name.endsWith('.queries.ts') ? [relative(joinPath(ROOT, 'src/modules'), path)] : [];
  });
}

function render(em: EntityManager, cases: Cases): string {
  const parts = Object.entries(cases).map(([name, build]) => {
    const q = build(em);
    // Parameters are numbered in order; their count is part of the snapshot.
    const text = q.text
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trim();
    return `-- ${name}\n-- ${q.values.length} parameter(s)\n${text};\n`;
  });
  return parts.join('\n');
}

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

describe('SQL snapshots', () => {
  it('cover every queries file and every statement function in it', () => {
    expect(queriesFiles(joinPath(ROOT, 'src/modules')).sort()).toEqual(FILES.map((f) => f.file).sort());
    for (const { file, module, cases } of FILES) {
      const functions = Object.entries(module)
        .filter(([name, v]) => typeof v === 'function' && !NOT_STATEMENTS.has(name))
        .map(([name]) => name);
      const covered = new Set(Object.keys(cases).map((c) => c.split(' ')[0]));
      expect({ file, missing: functions.filter((f) => !covered.has(f)) }).toEqual({ file, missing: [] });
    }
  });

  it.each(FILES.map((f) => [f.file, f] as const))('%s matches its committed snapshot', (file, { cases }) => {
    const target = joinPath(SNAPSHOTS, `${file.replace(/\//g, '.').replace(/\.queries\.ts$/, '')}.sql`);
    const rendered = `-- Generated by test/db/queries.test.ts from src/modules/${file}; UPDATE_SQL_SNAPSHOTS=1 rewrites it.\n\n${render(app.em(), cases)}`;
    if (UPDATE || !existsSync(target)) {
      if (!UPDATE) throw new Error(`no snapshot ${relative(ROOT, target)}: run with UPDATE_SQL_SNAPSHOTS=1 and commit it`);
      mkdirSync(SNAPSHOTS, { recursive: true });
      writeFileSync(target, rendered);
    }
    expect(rendered).toBe(readFileSync(target, 'utf8'));
  });
});
