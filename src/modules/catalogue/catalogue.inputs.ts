import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { PageArgs } from '../../common/relay';
import { PublishingLevel } from '../organisation';
import { Cadence, DisclosureChannel, DisclosureItemSort, DisclosureMode, ItemStatus, ReviewDecision, ReviewKind, WithholdingRuling } from './catalogue.enums';
import { isIsoDate } from './calendar/working-days';

/** Largest Markdown body accepted, in bytes (200 KB). */
export const MAX_BODY_BYTES = 200 * 1024;

const isoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
const title = z.string().trim().min(1, 'must not be empty').max(500);
const body = z.string().refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_BODY_BYTES, `must be at most ${MAX_BODY_BYTES} bytes (200 KB)`);
const channels = z
  .array(z.enum(DisclosureChannel))
  .min(1, 'name at least one channel')
  .max(8)
  .refine((a) => new Set(a).size === a.length, 'must not repeat a channel');
const text = (max: number) => z.string().trim().max(max);

@InputType({ description: 'A local sub-category under a standard one (district OFFICE_ADMIN), or a standard category (CENTRAL_ADMIN).' })
export class CreateCatalogueCategoryInput {
  @Field(() => ID, { nullable: true, description: 'Parent category; required for local categories.' }) parentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owning district for a local category; omit for a standard one (CENTRAL_ADMIN only).' }) districtId?:
    string | null;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { nullable: true }) mandatory?: boolean | null;
  @Field(() => DisclosureMode, { nullable: true, description: 'Default: the parent’s.' }) defaultMode?: DisclosureMode | null;
  @Field(() => [PublishingLevel], { nullable: true, description: 'Default: the parent’s.' }) allowedLevels?: PublishingLevel[] | null;
  @Field(() => Int, { nullable: true }) reviewCycleMonths?: number | null;
}
export const createCategorySchema = z.object({
  parentId: z.string().nullish(),
  districtId: z.string().nullish(),
  code: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: text(4000).nullish(),
  mandatory: z.boolean().nullish(),
  defaultMode: z.enum(DisclosureMode).nullish(),
  allowedLevels: z.array(z.enum(PublishingLevel)).min(1).max(2).nullish(),
  reviewCycleMonths: z.number().int().min(1).max(120).nullish(),
});

@InputType({ description: 'Changes to a category; standard ones only by CENTRAL_ADMIN.' })
export class UpdateCatalogueCategoryInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { nullable: true }) mandatory?: boolean | null;
  @Field(() => DisclosureMode, { nullable: true }) defaultMode?: DisclosureMode | null;
  @Field(() => [PublishingLevel], { nullable: true }) allowedLevels?: PublishingLevel[] | null;
  @Field(() => Int, { nullable: true }) reviewCycleMonths?: number | null;
}
export const updateCategorySchema = createCategorySchema.omit({ parentId: true, districtId: true, code: true }).extend({
  id: z.string(),
  expectedVersion: z.number().int().min(1),
  name: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
});

@InputType({ description: 'A new disclosure item, drafted for a unit where you are LIAISON or publisher.' })
export class CreateDisclosureItemInput {
  @Field(() => ID) categoryId!: string;
  @Field(() => ID) ownerUnitId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'Markdown, at most 200 KB.' }) body!: string;
  @Field(() => DisclosureMode, { nullable: true, description: 'Default: the category’s default mode.' }) mode?: DisclosureMode | null;
  @Field(() => Cadence, { nullable: true, description: 'Required for PERIODIC items, refused for others.' }) cadence?: Cadence | null;
  @Field(() => [DisclosureChannel]) channels!: DisclosureChannel[];
  @Field(() => String, { nullable: true }) legalBasis?: string | null;
  @Field(() => LocalDateResolver, { description: 'Date the information was formed (or changed); the 20-working-day deadline runs from it.' })
  formedDate!: string;
  @Field(() => String, { nullable: true }) internalNotes?: string | null;
}
export const createItemSchema = z.object({
  categoryId: z.string(),
  ownerUnitId: z.string(),
  title,
  body,
  mode: z.enum(DisclosureMode).nullish(),
  cadence: z.enum(Cadence).nullish(),
  channels,
  legalBasis: text(4000).nullish(),
  formedDate: isoDate,
  internalNotes: text(10000).nullish(),
});

@InputType({ description: 'Changes to an item; omitted fields stay. Editing a published item starts a new draft revision.' })
export class UpdateDisclosureItemInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one fails with CONFLICT.' }) expectedVersion!: number;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => DisclosureMode, { nullable: true }) mode?: DisclosureMode | null;
  @Field(() => Cadence, { nullable: true }) cadence?: Cadence | null;
  @Field(() => [DisclosureChannel], { nullable: true }) channels?: DisclosureChannel[] | null;
  @Field(() => String, { nullable: true }) legalBasis?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) formedDate?: string | null;
  @Field(() => String, { nullable: true }) internalNotes?: string | null;
}
export const updateItemSchema = z.object({
  id: z.string(),
  expectedVersion: z.number().int().min(1),
  categoryId: z.string().nullish(),
  title: title.nullish(),
  body: body.nullish(),
  mode: z.enum(DisclosureMode).nullish(),
  cadence: z.enum(Cadence).nullish(),
  channels: channels.nullish(),
  legalBasis: text(4000).nullish(),
  formedDate: isoDate.nullish(),
  internalNotes: text(10000).nullish(),
});

@InputType({ description: 'A reviewer’s decision on an item in review.' })
export class ReviewDisclosureItemInput {
  @Field(() => ID) itemId!: string;
  @Field(() => ReviewKind, { nullable: true, description: 'Needed only when you hold both reviewer roles over the item.' }) kind?: ReviewKind | null;
  @Field(() => ReviewDecision) decision!: ReviewDecision;
  @Field(() => String) comment!: string;
}
export const reviewSchema = z.object({
  itemId: z.string(),
  kind: z.enum(ReviewKind).nullish(),
  decision: z.enum(ReviewDecision),
  comment: z.string().trim().min(1, 'must not be empty').max(4000),
});

@InputType()
export class RuleOnWithholdingInput {
  @Field(() => ID) itemId!: string;
  @Field(() => WithholdingRuling) ruling!: WithholdingRuling;
  @Field(() => String, { description: 'Reasons of the ruling.' }) reasons!: string;
}
export const ruleSchema = z.object({
  itemId: z.string(),
  ruling: z.enum(WithholdingRuling),
  reasons: z.string().trim().min(1, 'must not be empty').max(4000),
});

@ArgsType()
export class DisclosureItemsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Owner unit.' }) unitId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'With unitId: include its whole subtree (default true).' }) includeSubunits?: boolean | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'With categoryId: include its sub-categories (default true).' }) includeSubcategories?: boolean | null;
  @Field(() => PublishingLevel, { nullable: true }) level?: PublishingLevel | null;
  @Field(() => DisclosureMode, { nullable: true }) mode?: DisclosureMode | null;
  @Field(() => DisclosureChannel, { nullable: true }) channel?: DisclosureChannel | null;
  @Field(() => [ItemStatus], { nullable: true, description: 'Staff only: restricts the list to items in your scope with these statuses.' }) status?:
    ItemStatus[] | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Published on or after (China time).' }) publishedFrom?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Published on or before (China time).' }) publishedTo?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Words of title, body or legal basis, in any order (Chinese is segmented into words: "举报 电话" finds "举报电话"); a term with digits or Latin letters also matches as a substring of title or body ("12360").',
  })
  search?: string | null;
  @Field(() => DisclosureItemSort, {
    nullable: true,
    description:
      'Default RELEVANCE with search, otherwise PUBLISHED_DESC. Sorted by a field, cursors are keyset cursors (the last row’s sort key and id): the next page starts right after that row, whatever was added or published meanwhile, and a cursor is only valid with the sort it was read in. RELEVANCE pages by offset.',
  })
  sort?: DisclosureItemSort | null;
  @Field(() => Boolean, { nullable: true, description: 'Staff only: overdue items today (true) or the others (false), as the overview counts them.' })
  overdue?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Staff only: STANDING items due for maintenance today (true) or the others (false), as the overview counts them.',
  })
  maintenanceDue?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Staff only: items with a pending withholding request (true) or without (false), as the overview counts them.',
  })
  withholdingPending?: boolean | null;
}
