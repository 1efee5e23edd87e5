import type { EntityManager } from '@mikro-orm/postgresql';
import type { ModuleDefinition, ModuleJob } from '../module';
import { cleanupAttachments } from './attachment.cleanup';

/** graphile-worker task name of the daily cleanup. */
export const CLEANUP_JOB = 'attachments-cleanup';

/** Removes uploads never attached and stored files nothing references (the same run as `npm run attachments:cleanup`). */
export const attachmentsCleanup: ModuleJob = async (_payload, deps) => {
  const report = await cleanupAttachments(deps.orm.em.fork() as unknown as EntityManager, deps.config.attachments);
  deps.log.info(report, 'attachment cleanup done');
};

/** The attachment module's background jobs: the cleanup daily at 03:30 China time (19:30 UTC). */
export const attachmentJobs: NonNullable<ModuleDefinition['jobs']> = {
  tasks: { [CLEANUP_JOB]: attachmentsCleanup },
  crontab: [`30 19 * * * ${CLEANUP_JOB}`],
};
