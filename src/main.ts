import 'reflect-metadata';
import { createServer } from 'node:http';
import { constants as osConstants } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { TokenService } from './auth/tokens';
import { configFromEnvOrExit } from './config/env';
import { createLogger } from './config/logger';
import { openDatabase } from './db/database';
import { buildAppSchema } from './graphql/schema';
import { createApp } from './graphql/server';
import { HttpDrain } from './graphql/shutdown';
import { attachSubscriptions } from './graphql/subscriptions';
import { startJobWorker } from './db/job-queue';
import { jobCrontab, jobTaskList } from './modules';
import { DatabaseSeeder } from '../seeds/DatabaseSeeder';
import { DEMO_USERS } from '../seeds/demo-world';

/**
 * V8 grows the old generation by up to 4× the live heap after a full collection when a server
 * allocates fast; under 50 concurrent public-page requests that took the process to 280–330 MB
 * resident for about 40 MB of live data. Growing by at most 2× held the peak at 190 MB for
 * 3% less throughput (capping the heap at 128–192 MB cost 10%). V8 reads this flag at every
 * collection, so setting it at boot takes effect.
 */
setFlagsFromString('--heap-growing-percent=100');

/**
 * Boot: config → database → schema → server. SIGTERM or Ctrl-C: a bounded shutdown (refuse new
 * requests, let those in flight finish until SHUTDOWN_TIMEOUT_MS, then end their database
 * sessions), then the pool and the embedded database stop; a second signal exits at once.
 */
async function main(): Promise<void> {
  const config = configFromEnvOrExit();
  const log = createLogger(config.logLevel);
  const db = await openDatabase(config, log, DatabaseSeeder);
  const schema = await buildAppSchema();
  const httpServer = createServer();
  // No httpServer for Apollo's drain plugin: HttpDrain below owns the drain and its deadline.
  const { app, apollo, makeContext } = await createApp({
    config,
    orm: db.orm,
    schema,
    tokens: new TokenService(config.jwtSecret, config.jwtTtlSeconds),
    log,
    replicas: db.replicas,
  });
  const drain = new HttpDrain(httpServer);
  httpServer.on('request', drain.wrap(app));
  const subscriptions = attachSubscriptions(httpServer, { schema, makeContext, log, isProduction: config.isProduction });
  // The durable job queue (e-mail, reminders) on the primary database; its schema was migrated by openDatabase.
  const worker = await startJobWorker({
    connectionString: db.url,
    log,
    tasks: jobTaskList({ orm: db.orm as never, config, log }),
    crontab: jobCrontab,
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, resolve);
  });
  log.info(`GraphQL API listening on http://localhost:${config.port}/graphql (${config.nodeEnv})`);
  if (!config.isProduction) {
    log.info(`demo users (password from DEMO_PASSWORD${process.env.DEMO_PASSWORD ? '' : ', default "demo"'}): ${DEMO_USERS.map((u) => u.username).join(', ')}`);
  }

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: the operator does not want to wait. The embedded PostgreSQL gets its fast
      // shutdown too (it would also get it from the kernel when we die, where setpriv exists).
      log.warn({ signal }, 'second signal: exiting now');
      if (db.embedded) {
        try {
          process.kill(db.embedded.pid, 'SIGINT');
        } catch {
          /* already gone */
        }
      }
      process.exit(128 + (osConstants.signals[signal] ?? 15));
    }
    stopping = true;
    log.info(
      { signal, timeoutMs: config.shutdownTimeoutMs, inFlight: drain.requestsInFlight },
      'shutting down: refusing new requests, letting those in flight finish',
    );
    try {
      // Subscriptions end at once (clients reconnect elsewhere); the worker finishes the jobs it
      // runs (an e-mail takes seconds) while requests drain, within the same deadline.
      await subscriptions.close().catch((err: unknown) => log.error({ err }, 'could not close subscriptions'));
      const workerStopped = withTimeout(worker.stop(), config.shutdownTimeoutMs).catch((err: unknown) => log.error({ err }, 'job worker did not stop in time'));
      if (!(await drain.drain(config.shutdownTimeoutMs))) {
        // Past the deadline: end the sessions still working for requests, so their uncommitted writes
        // roll back and they answer with an error; then cut whatever still hangs.
        const ended = await withTimeout(db.terminateRunning(), 3000).catch((err: unknown) => {
          log.error({ err }, 'could not end running database sessions');
          return 0;
        });
        log.warn({ inFlight: drain.requestsInFlight, sessionsEnded: ended }, 'shutdown deadline passed: cancelled the requests still running');
        await drain.waitIdle(1000);
      }
      drain.closeAll();
      await workerStopped;
      await apollo.stop();
      await withTimeout(db.close(), 15_000);
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    work.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

main().catch((err) => {
  console.error('startup failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
