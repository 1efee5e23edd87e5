import { TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

describe('myTasks with the modules’ real providers', () => {
  it('asks the liaison of 天津海关办公室 for last year’s statistics it has not submitted', async () => {
    const res = await app.gql(
      `query($asOf: LocalDate) { myTasks(asOf: $asOf) { kind title dueDate unit { code } targetType } }`,
      { asOf: '2026-11-23' },
      'tj-office-liaison',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.myTasks).toContainEqual({
      kind: 'STATISTICS_NOT_SUBMITTED',
      title: '办公室2025年度政务公开统计数据尚未报送',
      dueDate: '2026-01-31',
      unit: { code: 'TJ-BGS' },
      targetType: 'OrgUnit',
    });
    // Nothing of another district leaks in.
    expect(res.data!.myTasks.every((t: { unit: { code: string } }) => t.unit.code.startsWith('TJ-BGS'))).toBe(true);
  });
});
