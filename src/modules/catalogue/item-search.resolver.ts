import { FieldResolver, Resolver, Root } from 'type-graphql';
import { DisclosureItemConnection } from './catalogue.types';

/** What a page of items says about a search beyond the rows (item-search.queries.ts). */
@Resolver(() => DisclosureItemConnection)
export class DisclosureItemConnectionResolver {
  @FieldResolver(() => Boolean, {
    description:
      'True when a public search matched more than 1,000 items: counting stopped there, so totalCount is 1000 and the true number is higher. ' +
      'Such a search ranks the newest 200 matches by relevance; older matches follow by date. Always false for staff and for lists without a search.',
  })
  totalCountIsCapped(@Root() connection: { totalCountIsCapped?: boolean }): boolean {
    return connection.totalCountIsCapped ?? false;
  }
}
