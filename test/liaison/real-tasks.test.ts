import { TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

describe('myTasks with the modules’ real providers', () => {
  it('does not ask the liaison of 天津海关办公室 (a division: reportingRole NONE) for statistics', async () => {
    const res = await app.gql(
      `query($asOf: LocalDate) { myTasks(asOf: $asOf) { nodes { kind title dueDate unit { code } targetType } } }`,
      { asOf: '2026-11-23' },
      'tj-office-liaison',
    );
    expect(res.errors).toBeUndefined();
    // Divisions do not report yearly statistics (issue 18 §1), so no such task is due.
    expect(res.data!.myTasks.nodes.filter((t: { kind: string }) => t.kind === 'STATISTICS_NOT_SUBMITTED')).toEqual([]);
    // Nothing of another district leaks in.
    expect(res.data!.myTasks.nodes.every((t: { unit: { code: string } }) => t.unit.code.startsWith('TJ-BGS'))).toBe(true);
  });
});
