import { addMonths } from '../../src/modules/catalogue/calendar/working-days';
import { todayInChina } from '../../src/common/dates';
import { codes, TestApp } from '../helpers/app';
import { rawId } from '../helpers/factories';
import { toGlobalId } from '../../src/common/global-id';
import { make } from '../helpers/factories';
import { ok, REVIEW } from './helpers';
import { draftAndSubmit } from '../notifications/helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const CONFIRM = `mutation($id: ID!, $v: Int) { confirmMaintenance(id: $id, expectedVersion: $v) { id status nextMaintenanceDate version currentReviewRound revisions { action } } }`;
const ROUND = `query($id: ID!) { disclosureItem(id: $id) { status currentReviewRound missingReviews } }`;

async function liveStandingItem(extra: Record<string, unknown> = {}): Promise<{ id: string; raw: number }> {
  await make.item(app, {
    unit: 'TJ-BGS',
    status: 'PUBLISHED',
    mode: 'STANDING',
    isPublic: true,
    deadline: '2026-02-10',
    publishedAt: '2026-02-01T10:00:00+08:00',
    nextMaintenance: '2026-03-01',
    ...extra,
  });
  const [{ id }] = await app.sql(`select max(id) as id from disclosure_item`);
  return { id: toGlobalId('DisclosureItem', id), raw: id };
}

describe('confirmMaintenance (checked, still valid)', () => {
  it('moves the next maintenance date one review cycle on from today, without a new review round, as a revision', async () => {
    const { id, raw } = await liveStandingItem();
    const [{ version, review_round }] = await app.sql(`select version, review_round from disclosure_item where id = $1`, [raw]);
    const res = ok(await app.gql(CONFIRM, { id, v: version }, 'tj-office-liaison')).confirmMaintenance;
    // Category C1 is checked every 6 months.
    expect(res).toMatchObject({
      status: 'PUBLISHED',
      nextMaintenanceDate: addMonths(todayInChina(), 6),
      version: version + 1,
      currentReviewRound: review_round,
    });
    expect(res.revisions.map((r: { action: string }) => r.action)).toEqual(['confirmMaintenance']);
    const [row] = await app.sql(`select is_public, status from disclosure_item where id = $1`, [raw]);
    expect(row).toEqual({ is_public: true, status: 'PUBLISHED' });
    const [{ n }] = await app.sql(
      `select count(*)::int as n from audit_record where action = 'catalogue.confirmMaintenanceDisclosureItem' and target_id = $1`,
      [id],
    );
    expect(n).toBe(1);
  });

  it('refuses items that are not live STANDING items, staff of other units and stale versions, writing nothing', async () => {
    const { id: adHoc, raw: adHocRaw } = await liveStandingItem({ mode: 'AD_HOC', nextMaintenance: null });
    const refused = await app.gql(CONFIRM, { id: adHoc }, 'tj-office-liaison');
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions!.fields).toEqual([{ field: 'id', message: '只有长期公开（STANDING）的事项需要定期检查维护' }]);
    const { id: draft } = await liveStandingItem({ status: 'DRAFT', isPublic: false, publishedAt: null });
    expect(codes(await app.gql(CONFIRM, { id: draft }, 'tj-office-liaison'))).toEqual(['BAD_USER_INPUT']);
    const { id, raw } = await liveStandingItem();
    expect(codes(await app.gql(CONFIRM, { id }, 'tj-legal'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(CONFIRM, { id }, 'dg-liaison'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(CONFIRM, { id, v: 999 }, 'tj-office-liaison'))).toEqual(['CONFLICT']);
    const rows = await app.sql(`select next_maintenance_date::text as d from disclosure_item where id = any($1::int[])`, [[raw, adHocRaw]]);
    expect(rows.every((r) => r.d === null || r.d === '2026-03-01')).toBe(true);
    const [{ n }] = await app.sql(`select count(*)::int as n from disclosure_revision where item_id = $1`, [raw]);
    expect(n).toBe(0);
  });
});

describe('an item’s current review round', () => {
  it('shows which reviews of the round are still missing', async () => {
    const id = await draftAndSubmit(app, '审核轮次测试');
    expect(ok(await app.gql(ROUND, { id }, 'tj-office-liaison')).disclosureItem).toEqual({
      status: 'IN_REVIEW',
      currentReviewRound: 1,
      missingReviews: ['LEGAL', 'SECRECY'],
    });
    ok(await app.gql(REVIEW, { input: { itemId: id, decision: 'PASS', comment: '同意' } }, 'tj-legal'));
    expect(ok(await app.gql(ROUND, { id }, 'tj-office-liaison')).disclosureItem.missingReviews).toEqual(['SECRECY']);
    ok(await app.gql(REVIEW, { input: { itemId: id, decision: 'PASS', comment: '不涉密' } }, 'tj-secrecy'));
    expect(ok(await app.gql(ROUND, { id }, 'tj-office-liaison')).disclosureItem).toEqual({ status: 'APPROVED', currentReviewRound: 1, missingReviews: [] });
    expect(rawId(id)).toBeGreaterThan(0);
  });
});
