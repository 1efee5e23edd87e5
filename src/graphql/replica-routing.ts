import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { parseLsn, type ReplicaRouter } from '../db/replicas';
import type { Context } from './context';
import { readOn } from './context-factory';

/**
 * Which GraphQL operations read on a streaming replica, and read-your-writes across instances.
 *
 * - Queries of anonymous callers, and queries of signed-in callers whose root fields are all
 *   declared by their modules as `replicaReads` (dashboard aggregates), read on a replica in
 *   rotation (src/db/replicas.ts). Mutations, everything else and authentication stay on the
 *   primary.
 * - After a mutation the response carries the primary's WAL position past its commit, in
 *   `extensions.walPosition` and the `X-WAL-Position` header. A client that sends the highest
 *   position it received back in `X-WAL-Position` reads on a replica only when that replica has
 *   replayed past it, otherwise on the primary: on whichever instance the load balancer picks, it
 *   sees its own writes.
 */

/** The header a mutation's position comes back in, and the client sends it back in. */
export const WAL_POSITION_HEADER = 'x-wal-position';

function onlyReplicaFields(operation: OperationDefinitionNode, fields: ReadonlySet<string>): boolean {
  let any = false;
  for (const s of operation.selectionSet.selections) {
    if (s.kind !== Kind.FIELD) return false;
    if (s.name.value === '__typename') continue;
    if (!fields.has(s.name.value)) return false;
    any = true;
  }
  return any;
}

export function replicaRoutingPlugin(router: ReplicaRouter, replicaReads: ReadonlySet<string>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const sent = request.http?.headers.get(WAL_POSITION_HEADER)?.trim();
      const after = sent ? parseLsn(sent) : null;
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (sent && after === null) {
            throw new GraphQLError(contextValue.t('transport.badWalPosition', { header: WAL_POSITION_HEADER }), {
              extensions: { code: 'BAD_USER_INPUT', field: WAL_POSITION_HEADER, messageKey: 'transport.badWalPosition', http: { status: 400 } },
            });
          }
          if (operation?.operation !== 'query') return;
          if (contextValue.auth.isAuthenticated && !onlyReplicaFields(operation, replicaReads)) return;
          readOn(contextValue, () => router.readFork(after));
        },
        async willSendResponse({ operation, response }) {
          if (operation?.operation !== 'mutation') return;
          let position: string;
          try {
            position = await router.walPosition();
          } catch {
            return; // the primary is gone: the mutation's own answer says so
          }
          response.http.headers.set(WAL_POSITION_HEADER, position);
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, walPosition: position };
          }
        },
      };
    },
  };
}
