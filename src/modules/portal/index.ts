import type { ModuleDefinition } from '../module';
import { portalRoutes } from './portal.routes';
import { portalRules } from './portal.rules';
import { ReportIndexResolver } from './report-index.resolver';
import { UnitContact } from './unit-contact.entity';
import { UnitContactResolver } from './unit-contact.resolver';

export { UnitContact, ContactPhoneKind } from './unit-contact.entity';

/** What portals need: units' contact directories, feeds of published items, the index of published reports. */
export const portalModule: ModuleDefinition = {
  name: 'portal',
  entities: [UnitContact],
  resolvers: [UnitContactResolver, ReportIndexResolver],
  rules: portalRules,
  nodes: {},
  routes: portalRoutes,
};
