import 'reflect-metadata';
import { graphql } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root, buildSchema } from 'type-graphql';
import { callFieldResolversDirectly, useSimpleFieldResolvers } from '../../src/graphql/direct-resolvers';

@ObjectType()
class Box {
  @Field(() => Int) size!: number;
  @Field(() => Int, { name: 'sizeAlias', nullable: true }) alias?: number;
  @Field(() => String)
  get kind(): string {
    return this.size > 2 ? 'big' : 'small';
  }
  @Field(() => String)
  shout(@Arg('word', () => String) word: string): string {
    return `${word}!`;
  }
}

const calls: string[] = [];

@Resolver(() => Box)
class BoxResolver {
  @Query(() => [Box])
  boxes(): Box[] {
    // One instance of the class and one plain object standing in for it.
    return [Object.assign(new Box(), { size: 2 }), { size: 3 } as Box];
  }

  @FieldResolver(() => Int)
  double(@Root() box: Box): number {
    calls.push(`double:${box instanceof Box}`);
    return box.size * 2;
  }

  @FieldResolver(() => String)
  label(@Root() box: Box, @Ctx() ctx: { prefix: string }): string {
    return `${ctx.prefix}${box.size}`;
  }

  @FieldResolver(() => Int)
  times(@Root() box: Box, @Arg('by', () => Int) by: number): number {
    return box.size * by;
  }
}

describe('callFieldResolversDirectly', () => {
  it('calls @Root/@Ctx field resolvers directly with the same answers, and leaves the others to type-graphql', async () => {
    const schema = await buildSchema({ resolvers: [BoxResolver], validate: false });
    const before = await graphql({ schema, source: '{ boxes { size double label times(by: 5) } }', contextValue: { prefix: '#' } });
    const box = schema.getType('Box') as import('graphql').GraphQLObjectType;
    const timesBefore = box.getFields().times.resolve;
    expect(callFieldResolversDirectly(schema)).toBe(2); // double and label; times takes an argument
    expect(box.getFields().times.resolve).toBe(timesBefore);
    calls.length = 0;
    const after = await graphql({ schema, source: '{ boxes { size double label times(by: 5) } }', contextValue: { prefix: '#' } });
    expect(after).toEqual(before);
    expect(after.data).toEqual({
      boxes: [
        { size: 2, double: 4, label: '#2', times: 10 },
        { size: 3, double: 6, label: '#3', times: 15 },
      ],
    });
    // The plain object went through type-graphql's handler, which converts it to a Box first.
    expect(calls).toEqual(['double:true', 'double:true']);
  });
});

describe('useSimpleFieldResolvers', () => {
  it('drops the resolvers of plain property fields only, with the same answers', async () => {
    const schema = await buildSchema({ resolvers: [BoxResolver], validate: false });
    const query = '{ boxes { size sizeAlias kind shout(word: "hi") double label times(by: 5) } }';
    const before = await graphql({ schema, source: query, contextValue: { prefix: '#' } });
    const fields = (schema.getType('Box') as import('graphql').GraphQLObjectType).getFields();
    // size (a property); not the renamed property, the getter (read on a plain-object root only after
    // type-graphql made it a Box), the @Field method or the field resolvers.
    expect(useSimpleFieldResolvers(schema)).toBe(1);
    expect(fields.size.resolve).toBeUndefined();
    for (const name of ['sizeAlias', 'kind', 'shout', 'double', 'label', 'times']) expect(fields[name].resolve).toBeDefined();
    const after = await graphql({ schema, source: query, contextValue: { prefix: '#' } });
    expect(after).toEqual(before);
    expect(after.errors).toBeUndefined();
  });
});
