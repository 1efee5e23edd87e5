import { taskProviders } from '../common/tasks';
import { auditModule } from './audit';
import { catalogueModule } from './catalogue';
import { contactModule } from './contact';
import { inspectionModule } from './inspection';
import { dashboardModule } from './dashboard';
import { liaisonModule } from './liaison';
import type { ModuleDefinition } from './module';
import { organisationModule } from './organisation';
import { statisticsModule } from './statistics';

/** Every domain module, in dependency order. Add new modules here. */
export const modules: ModuleDefinition[] = [organisationModule, auditModule, catalogueModule, liaisonModule, statisticsModule, contactModule, inspectionModule, dashboardModule];

/** Every entity class, for the ORM. */
export const entities = modules.flatMap((m) => m.entities);

for (const m of modules) taskProviders.push(...(m.taskProviders ?? []));
