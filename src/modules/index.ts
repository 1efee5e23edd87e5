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
import type { JobDeps, ModuleDefinition } from './module';
import { notificationsModule } from './notifications';
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
  notificationsModule,
];

/** Every entity class, for the ORM. */
export const entities = modules.flatMap((m) => m.entities);

/** Every module's liaison task providers, in module order; the request context hands them to `myTasks`. */
export const taskProviders: readonly TaskProvider[] = modules.flatMap((m) => m.taskProviders ?? []);

/** Every module's background jobs as graphile-worker tasks, each given `deps` (src/db/job-queue.ts). */
export function jobTaskList(deps: Omit<JobDeps, 'helpers'>): Record<string, (payload: unknown, helpers: JobDeps['helpers']) => Promise<void>> {
  const tasks: Record<string, (payload: unknown, helpers: JobDeps['helpers']) => Promise<void>> = {};
  for (const m of modules) {
    for (const [name, job] of Object.entries(m.jobs?.tasks ?? {})) {
      if (tasks[name]) throw new Error(`job ${name} is defined by two modules`);
      tasks[name] = (payload, helpers) => job(payload, { ...deps, helpers });
    }
  }
  return tasks;
}

/** Every module's crontab lines, one graphile-worker crontab. */
export const jobCrontab: string = modules.flatMap((m) => m.jobs?.crontab ?? []).join('\n');
