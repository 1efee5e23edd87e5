import type { OrgUnit } from '../src/modules/organisation';

/** Shared between seeders: options and what earlier seeders made. */
export interface SeedContext {
  demoPassword: string;
  /** Demo users are created only outside production. */
  withDemoUsers: boolean;
  /** Units by code, filled by OrganisationSeeder. */
  units?: Map<string, OrgUnit>;
}
