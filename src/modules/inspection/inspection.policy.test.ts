import { Grant, Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { sql } from '../../db/sql';
import { like, matchesFilter as matches } from '../../../test/helpers/filters';
import { InspectionStatus } from './inspection.enums';
import { canSeeFinalisedResult, canSeeInspectionDetails, canSeeInspectionResults, finalisedResultsSql, visibleInspectionsFilter } from './inspection.policy';

const TREE = ['/1/', '/1/4/', '/1/4/9/', '/1/4/9/12/', '/1/4/10/', '/1/5/', '/1/5/11/'];
const grant = (role: Role, unitPath: string, cascade: boolean): Grant => ({ role, unitId: Number(unitPath.split('/').at(-2)), unitPath, cascade });
const CALLERS: Record<string, Principal> = {
  anonymous: Principal.anonymous(),
  'district inspector': Principal.user(1, 'a', 4, [grant(Role.INSPECTOR, '/1/4/', true)]),
  'division liaison (unit only)': Principal.user(2, 'b', 9, [grant(Role.LIAISON, '/1/4/9/', false)]),
  'division admin': Principal.user(3, 'c', 9, [grant(Role.OFFICE_ADMIN, '/1/4/9/', true), grant(Role.OFFICE_PUBLISHER, '/1/5/11/', false)]),
  'central admin': Principal.user(4, 'd', 1, [grant(Role.CENTRAL_ADMIN, '/1/', true)]),
};

describe('inspection policy: one rule, every rendering agrees', () => {
  for (const [name, auth] of Object.entries(CALLERS)) {
    it(`${name}: the yes/no, the ranking SQL and the list filter agree on every unit and issuer`, () => {
      for (const issuerPath of TREE) {
        // As before the policy: superiors (cascading grants over the issuer) and staff of the issuer's subtree.
        expect(canSeeInspectionResults(auth, issuerPath)).toBe(
          auth.grants.some((g) => (g.cascade && issuerPath.startsWith(g.unitPath)) || g.unitPath.startsWith(issuerPath)),
        );
        for (const unitPath of TREE.filter((p) => p.startsWith(issuerPath) && p !== issuerPath)) {
          const yes = canSeeFinalisedResult(auth, unitPath, issuerPath);
          const q = finalisedResultsSql(auth, sql`r.path`, issuerPath);
          const inSql = q.sql === 'true' || (q.sql !== 'false' && (q.values[0] as unknown as string[]).some((p) => like(unitPath, p)));
          expect({ unitPath, issuerPath, sql: inSql }).toEqual({ unitPath, issuerPath, sql: yes });
          for (const status of Object.values(InspectionStatus)) {
            const row = { status, unit: { path: unitPath }, scheme: { issuerUnit: { path: issuerPath } } };
            const seen = canSeeInspectionDetails(auth, unitPath) || (status === InspectionStatus.FINALIZED && yes);
            expect({ unitPath, issuerPath, status, filter: matches(visibleInspectionsFilter(auth), row) }).toEqual({
              unitPath,
              issuerPath,
              status,
              filter: seen,
            });
          }
        }
      }
    });
  }
});
