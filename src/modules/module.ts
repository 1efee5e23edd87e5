import type { Router } from 'express';
import type { MikroORM } from '@mikro-orm/core';
import type { TaskProvider } from '../common/tasks';
import type { Context } from '../common/context';

/** Fetches one row by global id for node(id:), applying the same scope as the module's queries; null when unseen. */
export type NodeFetcher = (ctx: Context, globalId: string) => Promise<object | null>;

/** What plain HTTP routes get from the app. */
export interface RouteDeps {
  orm: MikroORM;
  /**
   * The request context GraphQL operations get, from the same bearer token (no header: anonymous;
   * a bad or expired token: UnauthenticatedError), so routes apply the same services and policies.
   */
  context: (req: { authorization?: string | null; requestId?: string | null }) => Promise<Context>;
}

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
  /** Plain HTTP routes (e.g. public report pages), mounted at the root of the app. */
  routes?: (router: Router, deps: RouteDeps) => void;
}
