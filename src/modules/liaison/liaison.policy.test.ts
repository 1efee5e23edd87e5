import { Grant, Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { matchesFilter } from '../../../test/helpers/filters';
import { LiaisonAppointment, LiaisonKind } from './liaison-appointment.entity';
import { canSeeAppointment, visibleAppointmentsFilter } from './liaison.policy';

const TODAY = '2024-06-30';
const UNITS = ['/1/', '/1/4/', '/1/4/9/', '/1/5/'];
const grant = (role: Role, unitPath: string, cascade: boolean): Grant => ({ role, unitId: Number(unitPath.split('/').at(-2)), unitPath, cascade });
const CALLERS: Record<string, Principal> = {
  anonymous: Principal.anonymous(),
  'no grants': Principal.user(1, 'a', 4, []),
  'district author': Principal.user(2, 'b', 4, [grant(Role.OFFICE_PUBLISHER, '/1/4/', true)]),
  'division liaison (unit only)': Principal.user(3, 'c', 9, [grant(Role.LIAISON, '/1/4/9/', false)]),
};
const TERMS: [string, string | null][] = [
  ['2024-01-01', null],
  ['2024-01-01', '2024-06-30'],
  ['2024-01-01', '2024-06-29'],
  ['2024-07-01', null],
];

describe('liaison policy: the yes/no and the list filter agree', () => {
  for (const [name, auth] of Object.entries(CALLERS)) {
    it(name, () => {
      for (const path of UNITS) {
        for (const kind of Object.values(LiaisonKind)) {
          for (const [startDate, endDate] of TERMS) {
            const a = Object.assign(new LiaisonAppointment(), { kind, startDate, endDate });
            const row = { kind, startDate, endDate, unit: { path } };
            expect({ path, kind, startDate, endDate, filter: matchesFilter(visibleAppointmentsFilter(auth, TODAY), row) }).toEqual({
              path,
              kind,
              startDate,
              endDate,
              filter: canSeeAppointment(auth, a, path, TODAY),
            });
          }
        }
      }
    });
  }
});
