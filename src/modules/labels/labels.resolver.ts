import { GraphQLSchema, isEnumType, type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Field, Info, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { CATALOGUES, type Locale } from '../../i18n';

/** A locale of the message catalogue, as a GraphQL argument. */
export enum LabelLocale {
  ZH_CN = 'zh-CN',
  EN = 'en',
}
registerEnumType(LabelLocale, { name: 'LabelLocale', description: 'A locale of the message catalogue.' });

@ObjectType({ description: 'The labels of one enum value.' })
export class EnumValueLabel {
  @Field(() => String, { description: 'The value as it appears in the API.' }) value!: string;
  @Field(() => String, { description: 'The label in the locale asked for.' }) label!: string;
  @Field(() => String, { description: 'Chinese label.' }) zhCN!: string;
  @Field(() => String, { description: 'English label.' }) en!: string;
}

@ObjectType({ description: 'The labels of every value of one enum of the schema.' })
export class EnumLabels {
  @Field(() => String, { description: 'The enum type name (ItemStatus, Role, …).' }) enum!: string;
  @Field(() => [EnumValueLabel]) values!: EnumValueLabel[];
}

type EnumCatalogue = Record<string, Record<string, string> | undefined>;

/** The label of `value` of enum `name` in `locale`; the value itself when the catalogue lacks it (a test forbids that). */
export function enumLabel(locale: Locale, name: string, value: string): string {
  return (CATALOGUES[locale].enums as EnumCatalogue)[name]?.[value] ?? value;
}

const bySchema = new WeakMap<GraphQLSchema, Map<Locale, EnumLabels[]>>();

/** Labels of every enum registered in `schema` (introspection's own enums excepted), sorted by name. */
export function enumLabelsOf(schema: GraphQLSchema, locale: Locale): EnumLabels[] {
  let perLocale = bySchema.get(schema);
  if (!perLocale) bySchema.set(schema, (perLocale = new Map()));
  let labels = perLocale.get(locale);
  if (!labels) {
    labels = Object.values(schema.getTypeMap())
      .filter(isEnumType)
      .filter((t) => !t.name.startsWith('__'))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => ({
        enum: t.name,
        values: t.getValues().map((v) => ({
          value: v.name,
          label: enumLabel(locale, t.name, v.name),
          zhCN: enumLabel('zh-CN', t.name, v.name),
          en: enumLabel('en', t.name, v.name),
        })),
      }));
    perLocale.set(locale, labels);
  }
  return labels;
}

@Resolver()
export class LabelsResolver {
  @Query(() => [EnumLabels], {
    description:
      'Chinese and English labels of every enum value of the schema (status, mode, channel, role, kind, dimension, grade …), for front-ends. `label` is in `locale`, or in the locale of the Accept-Language header when omitted. Public.',
  })
  labels(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('locale', () => LabelLocale, { nullable: true }) locale?: LabelLocale | null,
  ): EnumLabels[] {
    return enumLabelsOf(info.schema, (locale as Locale | null | undefined) ?? ctx.locale);
  }
}
