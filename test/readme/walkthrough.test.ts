import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp } from '../helpers/app';

/**
 * Runs the README's "A day in the life of a district", block by block, in order, as the user each
 * block names: the README's GraphQL is what runs here, so it stays true.
 */
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

interface Step {
  as: string | undefined;
  query: string;
}

function walkthrough(): Step[] {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const start = readme.indexOf('## A day in the life of a district');
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 5);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map(([, block]) => {
    const first = block.split('\n')[0];
    const who = /^# as ([a-z0-9-]+)/.exec(first)?.[1];
    if (!who && !first.startsWith('# anonymous')) throw new Error(`a walkthrough block names no caller: ${first}`);
    return { as: who, query: block };
  });
}

describe('README: a day in the life of a district', () => {
  it('runs every block in order on the demo world, and each does what the README says', async () => {
    const steps = walkthrough();
    expect(steps).toHaveLength(13);
    const vars: Record<string, unknown> = {};
    const data: Record<string, any>[] = [];
    for (const [i, step] of steps.entries()) {
      const res = await app.gql(step.query, vars, step.as);
      if (res.errors) throw new Error(`block ${i + 1} (${step.query.split('\n')[1]}): ${JSON.stringify(res.errors)}`);
      const d = res.data!;
      data.push(d);
      // Later blocks' variables, from earlier answers (as a client would take them).
      if (d.orgUnit) vars.unitId = d.orgUnit.id;
      if (d.catalogueCategories) vars.categoryId = d.catalogueCategories.find((c: { code: string }) => c.code === 'C1').id;
      if (d.createUser) vars.userId = d.createUser.id;
      if (d.createDisclosureItem) vars.itemId = d.createDisclosureItem.id;
    }
    const [lookup, , grant, appoint, login, draft, submit, legalDesk, legal, secrecy, publisherDesk, publish, done] = data;
    expect(lookup.orgUnit.name).toBe('监察室');
    expect(grant.assignRole.role).toBe('LIAISON');
    expect(appoint.appointLiaison).toMatchObject({ personName: '监察室联络员', active: true });
    expect(login.login).toMatchObject({ mustChangePassword: false, user: { displayName: '监察室联络员' } });
    expect(draft.createDisclosureItem.status).toBe('DRAFT');
    expect(submit.submitForReview.status).toBe('IN_REVIEW');
    expect(legalDesk.notifications.nodes).toContainEqual({ kind: 'ITEM_SUBMITTED', title: '待审核：监察室举报电话', targetId: vars.itemId });
    expect(legalDesk.unreadNotificationCount).toBeGreaterThanOrEqual(1);
    expect(legalDesk.myTasks.nodes).toContainEqual(expect.objectContaining({ title: '监察室举报电话', detail: '待法规审核', targetId: vars.itemId }));
    expect(legal.reviewDisclosureItem.status).toBe('IN_REVIEW');
    expect(secrecy.reviewDisclosureItem.status).toBe('APPROVED');
    expect(publisherDesk.notifications.nodes).toContainEqual({ kind: 'ITEM_APPROVED', title: '待发布：监察室举报电话' });
    expect(publisherDesk.myTasks.nodes.map((t: { targetId: string }) => t.targetId)).toContain(vars.itemId);
    expect(publish.publishDisclosureItem.status).toBe('PUBLISHED');
    expect(done.notifications.nodes).toContainEqual({ kind: 'ITEM_PUBLISHED', title: '已公开：监察室举报电话' });
    expect(done.myTasks.totalCount).toBe(0);
  });
});
