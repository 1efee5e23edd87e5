import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { CatalogueCategory, DisclosureItem, DisclosureMode, ItemStatus, ReviewDecision, ReviewKind, WithholdingStatus } from '../src/modules/catalogue';
import { CHINA_HOLIDAYS } from '../src/modules/catalogue/calendar/holidays.data';
import { HolidayDay } from '../src/modules/catalogue/calendar/holiday-day.entity';
import { DisclosureReview } from '../src/modules/catalogue/disclosure-review.entity';
import { DisclosureRevision } from '../src/modules/catalogue/disclosure-revision.entity';
import { itemSnapshot } from '../src/modules/catalogue/disclosure-item.writes';
import { PUBLISH_WITHIN_WORKING_DAYS } from '../src/modules/catalogue/disclosure-workflow.service';
import { addDays, addMonths, addWorkingDays, calendarFromDays, todayInChina } from '../src/modules/catalogue/calendar/working-days';
import { CADENCE_MONTHS, Cadence } from '../src/modules/catalogue/catalogue.enums';
import { levelOfKind, OrgUnit, User } from '../src/modules/organisation';
import { ITEM_TEMPLATES, STANDARD_CATEGORIES, StandardCategoryData } from './catalogue.data';
import type { SeedContext } from './seed-context';

/** The demo districts and the state each item template index lands in (all states are represented). */
const DISTRICTS = ['TJ', 'HP', 'XN'];
type SeedState = ItemStatus | 'WITHHOLDING_PENDING' | 'OVERDUE_DRAFT';
const STATE_CYCLE: SeedState[] = [
  ItemStatus.PUBLISHED,
  ItemStatus.PUBLISHED,
  ItemStatus.DRAFT,
  ItemStatus.PUBLISHED,
  ItemStatus.IN_REVIEW,
  ItemStatus.PUBLISHED,
  ItemStatus.APPROVED,
  ItemStatus.PUBLISHED,
  ItemStatus.RETURNED,
  ItemStatus.PUBLISHED,
  ItemStatus.RETIRED,
  'WITHHOLDING_PENDING',
  ItemStatus.PUBLISHED,
  'OVERDUE_DRAFT',
];

/** The standard catalogue, the holiday calendars of 2024–2026 and demo items of every demo district. */
export class CatalogueSeeder extends Seeder {
  async run(em: EntityManager, context: SeedContext): Promise<void> {
    // Holiday calendar.
    const allDays = Object.entries(CHINA_HOLIDAYS).flatMap(([year, days]) => days.map((d) => ({ ...d, year: Number(year) })));
    for (const d of allDays) em.create(HolidayDay, d as never);
    const calendar = calendarFromDays(allDays);

    // Standard categories, parents before children.
    const byCode = new Map<string, CatalogueCategory>();
    let order = 0;
    const add = (data: StandardCategoryData, parent: CatalogueCategory | null) => {
      const c = em.create(CatalogueCategory, {
        code: data.code,
        name: data.name,
        description: data.description,
        parent,
        mandatory: true,
        defaultMode: data.defaultMode,
        allowedLevels: data.allowedLevels ?? parent?.allowedLevels ?? ['OFFICE', 'DIVISION'],
        reviewCycleMonths: data.reviewCycleMonths ?? parent?.reviewCycleMonths ?? 12,
        sortOrder: order++,
      } as never) as CatalogueCategory;
      byCode.set(data.code, c);
      return c;
    };
    for (const top of STANDARD_CATEGORIES) {
      const parent = add(top, null);
      for (const child of top.children ?? []) add(child, parent);
    }
    await em.flush();

    const units = context.units;
    if (!units) return;
    const users = context.withDemoUsers ? await em.find(User, { username: { $in: ['tj-legal', 'tj-secrecy', 'admin', 'tj-office-liaison'] } }) : [];
    const user = (name: string) => users.find((u) => u.username === name) ?? null;
    const today = todayInChina();

    let n = 0;
    for (const districtCode of DISTRICTS) {
      const district = units.get(districtCode)!;
      ITEM_TEMPLATES.forEach((t, index) => {
        const owner: OrgUnit = t.owner === 'D' ? district : (units.get(`${districtCode}-${t.owner}`) ?? district);
        const category = byCode.get(t.category)!;
        const state = STATE_CYCLE[(index + n) % STATE_CYCLE.length];
        const title = t.title.replaceAll('{关}', district.name);
        const body = t.body.replaceAll('{关}', district.name);
        const published = state === ItemStatus.PUBLISHED || state === ItemStatus.RETIRED || state === 'WITHHOLDING_PENDING';
        // Published items were formed months ago; drafts recently (one is long overdue).
        const formedDate = published ? addDays(today, -(60 + index * 11)) : state === 'OVERDUE_DRAFT' ? addDays(today, -70) : addDays(today, -3);
        const publishDeadline = addWorkingDays(formedDate, PUBLISH_WITHIN_WORKING_DAYS, calendar);
        const publishedDate = published ? addDays(formedDate, 7) : null;
        const mode = t.mode ?? category.defaultMode;
        const base = publishedDate ?? formedDate;
        const status = state === 'WITHHOLDING_PENDING' ? ItemStatus.PUBLISHED : state === 'OVERDUE_DRAFT' ? ItemStatus.DRAFT : state;
        const item = em.create(DisclosureItem, {
          category: category.id,
          ownerUnit: owner.id,
          level: levelOfKind(owner.kind),
          mode,
          cadence: (t.cadence as Cadence | undefined) ?? null,
          channels: t.channels,
          title,
          body,
          legalBasis: t.legalBasis,
          formedDate,
          publishDeadline,
          nextMaintenanceDate: mode === DisclosureMode.STANDING ? addMonths(base, category.reviewCycleMonths) : null,
          nextDueDate: mode === DisclosureMode.PERIODIC && t.cadence ? addMonths(base, CADENCE_MONTHS[t.cadence as Cadence]) : null,
          status,
          reviewRound: status === ItemStatus.DRAFT ? 0 : 1,
          isPublic: state === ItemStatus.PUBLISHED,
          publishedAt: publishedDate ? new Date(`${publishedDate}T10:00:00+08:00`) : null,
          publishedVersion: published ? 1 : null,
          pubTitle: published ? title : null,
          pubBody: published ? body : null,
          pubCategory: published ? category.id : null,
          pubLegalBasis: published ? t.legalBasis : null,
          pubChannels: published ? t.channels : null,
          internalNotes: state === 'OVERDUE_DRAFT' ? '材料待业务部门补充，已超过公开时限' : null,
          createdBy: user('tj-office-liaison')?.id ?? null,
        } as never) as DisclosureItem;
        if (state === 'WITHHOLDING_PENDING') {
          Object.assign(item, {
            mode: DisclosureMode.WITHHELD,
            modeBeforeWithholding: mode,
            withholdingStatus: WithholdingStatus.PENDING,
            withholdingReason: '涉及正在调查处理的案件，公开可能影响执法，报上级机关裁定',
            withholdingRequestedAt: new Date(),
          });
        }
        const legal = districtCode === 'TJ' ? user('tj-legal') : user('admin');
        const secrecy = districtCode === 'TJ' ? user('tj-secrecy') : user('admin');
        if (legal && secrecy && status !== ItemStatus.DRAFT) {
          const reviews: [User, ReviewKind, ReviewDecision, string][] =
            status === ItemStatus.RETURNED
              ? [[legal, ReviewKind.LEGAL, ReviewDecision.RETURN, '法律依据引用不完整，请补充条款']]
              : status === ItemStatus.IN_REVIEW
                ? [[legal, ReviewKind.LEGAL, ReviewDecision.PASS, '经审核，同意公开']]
                : [
                    [legal, ReviewKind.LEGAL, ReviewDecision.PASS, '经审核，同意公开'],
                    [secrecy, ReviewKind.SECRECY, ReviewDecision.PASS, '不涉及国家秘密和工作秘密'],
                  ];
          for (const [reviewer, kind, decision, comment] of reviews) {
            em.create(DisclosureReview, { item, round: 1, kind, decision, comment, reviewer, reviewerUsername: reviewer.username });
          }
        }
      });
      n += 1;
    }
    await em.flush();
    // One revision per item: the seeded state is its first saved version.
    const items = await em.find(DisclosureItem, {});
    for (const item of items) {
      em.create(DisclosureRevision, { item, version: item.version, action: 'seed', snapshot: itemSnapshot(item) });
    }
    await em.flush();
  }
}
