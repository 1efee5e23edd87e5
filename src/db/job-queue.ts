import { Logger as WorkerLogger, run, runMigrations, runOnce, type Runner, type Task, type TaskList } from 'graphile-worker';
import type { Logger } from 'pino';

/**
 * The durable job queue: graphile-worker on the primary database (its own `graphile_worker`
 * schema). Jobs are queued in SQL (`graphile_worker.add_job`) inside the transaction of the change
 * that asks for them, so a job exists exactly when the change committed; failed jobs are retried
 * with exponential back-off. Modules contribute tasks and cron lines (ModuleDefinition.jobs).
 */

/** graphile-worker's log lines, through pino (its debug chatter at debug). */
export function workerLogger(log: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const line = { ...scope, ...(meta ?? {}) };
    if (level === 'error') log.error(line, `job queue: ${message}`);
    else if (level === 'warning') log.warn(line, `job queue: ${message}`);
    else if (level === 'info') log.info(line, `job queue: ${message}`);
    else log.debug(line, `job queue: ${message}`);
  });
}

/**
 * Creates or upgrades the `graphile_worker` schema. Runs in the setup phase with the migrations,
 * as the role that owns the database (it may create schemas in its own database).
 */
export async function migrateJobQueue(connectionString: string, log: Logger): Promise<void> {
  await runMigrations({ connectionString, logger: workerLogger(log) });
}

/** A running worker. */
export interface JobWorker {
  /** Stops taking jobs and waits for those running (graphile-worker releases their locks). */
  stop(): Promise<void>;
}

export interface JobWorkerOptions {
  connectionString: string;
  log: Logger;
  tasks: TaskList;
  /** graphile-worker crontab lines (`0 7 * * * task-name`). */
  crontab: string;
  concurrency?: number;
  pollIntervalMs?: number;
}

/** Starts the worker; it listens for new jobs (LISTEN jobs:insert) and runs cron lines. Signals stay main.ts's. */
export async function startJobWorker(o: JobWorkerOptions): Promise<JobWorker> {
  const runner: Runner = await run({
    connectionString: o.connectionString,
    logger: workerLogger(o.log),
    taskList: o.tasks,
    crontab: o.crontab,
    concurrency: o.concurrency ?? 2,
    pollInterval: o.pollIntervalMs ?? 2000,
    noHandleSignals: true,
    maxPoolSize: (o.concurrency ?? 2) + 2,
  });
  return { stop: () => runner.stop() };
}

/** Runs every job that is due now, then returns (tools and tests). */
export async function runDueJobs(o: Omit<JobWorkerOptions, 'crontab'>): Promise<void> {
  await runOnce({ connectionString: o.connectionString, logger: workerLogger(o.log), taskList: o.tasks, noHandleSignals: true, pollInterval: 1000 });
}

export type { Task, TaskList };
