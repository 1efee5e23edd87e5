import type { Request, Router } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MikroORM } from '@mikro-orm/core';
import type { TaskProvider } from '../common/tasks';
import type { Context } from '../common/context';
import type { JobHelpers } from 'graphile-worker';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/env';

/** What plain HTTP routes get from the server. */
export interface RouteDeps {
  orm: MikroORM;
  config: AppConfig;
  /**
   * The request's context, as GraphQL builds it: the verified caller of its `Authorization: Bearer`
   * header (anonymous without one). A bad or expired token rejects with UnauthenticatedError.
   */
  context: (req: Request) => Promise<Context>;
  /** A fork for anonymous reads of `req`: on a replica that has replayed the request's X-WAL-Position, else on the primary. */
  readFork: (req: Request) => EntityManager;
}

/** Fetches one row by global id for node(id:), applying the same scope as the module's queries; null when unseen. */
export type NodeFetcher = (ctx: Context, globalId: string) => Promise<object | null>;

/** What a background job gets: the ORM (fork its em), the configuration, a logger and graphile-worker's helpers. */
export interface JobDeps {
  orm: MikroORM;
  config: AppConfig;
  log: Logger;
  helpers: JobHelpers;
}

/** A background job run by the durable job queue (src/db/job-queue.ts); throwing makes it retry with back-off. */
export type ModuleJob = (payload: unknown, deps: JobDeps) => Promise<void>;

/** What a domain module hands to the schema builder. */
export interface ModuleDefinition {
  name: string;
  entities: Function[];
  resolvers: Function[];
  /** graphql-shield rule map: type name → rule or field → rule. */
  rules: Record<string, unknown>;
  /** node(id:) fetchers by GraphQL type name. */
  nodes: Record<string, NodeFetcher>;
  /** Liaison tasks this module contributes to `myTasks`. */
  taskProviders?: TaskProvider[];
  /**
   * Root Query fields whose reads a streaming replica may serve to signed-in callers too (aggregates
   * that tolerate the replicas' bounded lag; src/graphql/replica-routing.ts). Anonymous queries
   * always may.
   */
  replicaReads?: string[];
  /** Plain HTTP routes (e.g. public report pages), mounted at the root of the app. */
  routes?: (router: Router, deps: RouteDeps) => void;
  /**
   * Background jobs: tasks by name (queue one with `graphile_worker.add_job(name, payload)` in SQL,
   * inside the transaction that asks for it) and graphile-worker crontab lines naming them.
   */
  jobs?: { tasks: Record<string, ModuleJob>; crontab?: string[] };
}
