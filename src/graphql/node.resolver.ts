import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../common/errors';
import { fromGlobalId } from '../common/global-id';
import { Node } from '../common/relay';
import type { NodeFetcher } from '../modules/module';
import type { Context } from './context';

/** Builds the resolver of `node(id:)` over the modules' fetchers, which apply their scope rules. */
export function createNodeResolver(fetchers: Record<string, NodeFetcher>) {
  @Resolver()
  class NodeResolver {
    @Query(() => Node, { description: 'Any object by its global id; outside your scope it reads as NOT_FOUND.' })
    async node(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<object> {
      const { type } = fromGlobalId(id);
      const fetcher = fetchers[type] as NodeFetcher | undefined;
      const row = fetcher ? await fetcher(ctx, id) : null;
      if (!row) throw new NotFoundError(fetcher ? type : 'Node');
      return row;
    }
  }
  return NodeResolver;
}
