import { JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';

const year = z.number().int().min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');
const name = z
  .string()
  .trim()
  .min(1, '不能为空')
  .max(200)
  .regex(/[\u3400-\u9fff]/, '必须使用中文标注');
const definition = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), '必须是对象');

@InputType({ description: 'A new template version (a DRAFT until activated): the next version of `code`, or its first.' })
export class CreateStatisticsTemplateInput {
  @Field(() => String, { description: 'Template family, e.g. GOV-2021 (upper-case letters, digits and dashes).' }) code!: string;
  @Field(() => String, { description: 'Name in Chinese.' }) name!: string;
  @Field(() => Int) yearFrom!: number;
  @Field(() => Int, { nullable: true, description: 'Last year; null: open-ended.' }) yearTo?: number | null;
  @Field(() => JSONObjectResolver, {
    description: 'sections, tables, cells and rules, as `StatisticsTemplate` lists them (plus supplementTo and reportTitle).',
  })
  definition!: Record<string, unknown>;
}
export const createTemplateSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9-]{1,63}$/, 'must be upper-case letters, digits and dashes (2–64)'),
  name,
  yearFrom: year,
  yearTo: year.nullish(),
  definition,
});

@InputType({ description: 'Changes a DRAFT template version; an activated one is frozen.' })
export class UpdateStatisticsTemplateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true }) yearFrom?: number | null;
  @Field(() => Int, { nullable: true }) yearTo?: number | null;
  @Field(() => JSONObjectResolver, { nullable: true }) definition?: Record<string, unknown> | null;
}
export const updateTemplateSchema = z.object({
  id: z.string().min(1),
  name: name.nullish(),
  yearFrom: year.nullish(),
  yearTo: year.nullish(),
  definition: definition.nullish(),
});

@InputType()
export class ActivateStatisticsTemplateInput {
  @Field(() => ID) id!: string;
}
export const activateTemplateSchema = z.object({ id: z.string().min(1) });
