import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000100_foundation } from './Migration20261123000100_foundation';
import { Migration20261123000300_liaison } from './Migration20261123000300_liaison';
import { Migration20261123000400_statistics } from './Migration20261123000400_statistics';
import { Migration20261123000200_catalogue } from './Migration20261123000200_catalogue';
import { Migration20261123000500_inspection } from './Migration20261123000500_inspection';
import { Migration20261123000600_dashboard } from './Migration20261123000600_dashboard';
import { Migration20261123000700_public_page } from './Migration20261123000700_public_page';
import { Migration20261123000800_audit_storage } from './Migration20261123000800_audit_storage';
import { Migration20261123000900_principal_notify } from './Migration20261123000900_principal_notify';
import { Migration20261123001000_statistics_storage } from './Migration20261123001000_statistics_storage';
import { Migration20261130000100_report_publication } from './Migration20261130000100_report_publication';
import { Migration20261130000200_login_throttle } from './Migration20261130000200_login_throttle';
import { Migration20261130000300_holiday_notify } from './Migration20261130000300_holiday_notify';
import { Migration20261130002000_contact } from './Migration20261130002000_contact';
import { Migration20261201000050_cell_sources } from './Migration20261201000050_cell_sources';
import { Migration20261201000500_aggregates } from './Migration20261201000500_aggregates';

/** Every migration, in order. Listed in code so compiled and ts-jest runs find the same set. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261123000100_foundation', class: Migration20261123000100_foundation },
  { name: 'Migration20261123000200_catalogue', class: Migration20261123000200_catalogue },
  { name: 'Migration20261123000300_liaison', class: Migration20261123000300_liaison },
  { name: 'Migration20261123000400_statistics', class: Migration20261123000400_statistics },
  { name: 'Migration20261123000500_inspection', class: Migration20261123000500_inspection },
  { name: 'Migration20261123000600_dashboard', class: Migration20261123000600_dashboard },
  { name: 'Migration20261123000700_public_page', class: Migration20261123000700_public_page },
  { name: 'Migration20261123000800_audit_storage', class: Migration20261123000800_audit_storage },
  { name: 'Migration20261123000900_principal_notify', class: Migration20261123000900_principal_notify },
  { name: 'Migration20261123001000_statistics_storage', class: Migration20261123001000_statistics_storage },
  { name: 'Migration20261130000100_report_publication', class: Migration20261130000100_report_publication },
  { name: 'Migration20261130000200_login_throttle', class: Migration20261130000200_login_throttle },
  { name: 'Migration20261130000300_holiday_notify', class: Migration20261130000300_holiday_notify },
  { name: 'Migration20261130002000_contact', class: Migration20261130002000_contact },
  { name: 'Migration20261201000050_cell_sources', class: Migration20261201000050_cell_sources },
  { name: 'Migration20261201000500_aggregates', class: Migration20261201000500_aggregates },
];
