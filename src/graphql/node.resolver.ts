import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ForbiddenError, NotFoundError } from '../common/errors';
import { fromGlobalId } from '../common/global-id';
import { Node } from '../common/relay';
import { LiaisonTask } from '../modules/liaison';
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

/**
 * `LiaisonTask.target`: the object a task points at, through the same fetchers as `node(id:)`, so
 * the caller's scope applies (null where it may not read the object). One lookup per task that
 * selects it: `targetType` and `targetId` cost nothing and suffice to open the object later.
 */
export function createTaskTargetResolver(fetchers: Record<string, NodeFetcher>) {
  @Resolver(() => LiaisonTask)
  class TaskTargetResolver {
    @FieldResolver(() => Node, {
      nullable: true,
      description:
        'The object to open (what `node(id: targetId)` answers); null when you may not read it or it is no Node (an annual report: `annualReport(unitId, year)` with the task’s year). One lookup per task: select it on short lists.',
    })
    async target(@Root() task: LiaisonTask, @Ctx() ctx: Context): Promise<object | null> {
      const fetcher = fetchers[task.targetType] as NodeFetcher | undefined;
      if (!fetcher) return null;
      try {
        return (await fetcher(ctx, task.targetId)) ?? null;
      } catch (err) {
        // A fetcher refuses what the caller may not see; the task itself stays readable.
        if (err instanceof NotFoundError || err instanceof ForbiddenError) return null;
        throw err;
      }
    }
  }
  return TaskTargetResolver;
}
