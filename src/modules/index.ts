import type { TaskProvider } from '../common/tasks';
import { attachmentModule } from './attachment';
import { auditModule } from './audit';
import { catalogueModule } from './catalogue';
import { contactModule } from './contact';
import { inspectionModule } from './inspection';
import { labelsModule } from './labels';
import { dashboardModule } from './dashboard';
import { exportsModule } from './exports';
import { liaisonModule } from './liaison';
import type { ModuleDefinition } from './module';
import { organisationModule } from './organisation';
import { portalModule } from './portal';
import { statisticsModule } from './statistics';
import { requestsModule } from './requests';

/** Every domain module, in dependency order. Add new modules here. */
export const modules: ModuleDefinition[] = [
  organisationModule,
  auditModule,
  catalogueModule,
  liaisonModule,
  statisticsModule,
  contactModule,
  inspectionModule,
  dashboardModule,
  requestsModule,
  portalModule,
  attachmentModule,
  exportsModule,
  labelsModule,
];

/** Every entity class, for the ORM. */
export const entities = modules.flatMap((m) => m.entities);

/** Every module's liaison task providers, in module order; the request context hands them to `myTasks`. */
export const taskProviders: readonly TaskProvider[] = modules.flatMap((m) => m.taskProviders ?? []);
