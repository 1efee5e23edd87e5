import { ArrayType, Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';
import { OrgUnit, PublishingLevel } from '../organisation';
import { DisclosureMode } from './catalogue.enums';

/**
 * A category of the disclosure catalogue (信息公开目录). Standard ones (no owner unit) are the
 * centre's; a district may add local sub-categories under a standard one.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: 'A category of the disclosure catalogue (公开目录类别). Public.' })
@Entity({ tableName: 'catalogue_category' })
export class CatalogueCategory {
  [OptionalProps]?: 'description' | 'mandatory' | 'reviewCycleMonths' | 'sortOrder' | 'version' | 'ownerUnit' | 'parent';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'Stable code, e.g. C2.4 (standard) or TJ-C3.1-01 (local).' })
  @Property({ type: 'string', length: 64, unique: true })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String)
  @Property({ type: 'text', default: '' })
  description: string = '';

  @ManyToOne(() => CatalogueCategory, { nullable: true, ref: true })
  parent?: Ref<CatalogueCategory> | null;

  /** Null for standard categories; the district for local ones. */
  @ManyToOne(() => OrgUnit, { nullable: true, ref: true })
  ownerUnit?: Ref<OrgUnit> | null;

  @Field(() => Boolean, { description: '规定动作: every office must publish in it.' })
  @Property({ type: 'boolean', default: false })
  mandatory: boolean = false;

  @Field(() => DisclosureMode, { description: 'Default disclosure mode of new items.' })
  @Enum({ items: () => DisclosureMode, type: 'string' })
  defaultMode!: DisclosureMode;

  @Field(() => [PublishingLevel], { description: 'Levels (关级 / 处级) whose units may publish in it.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  allowedLevels!: PublishingLevel[];

  @Field(() => Int, { description: 'Months between maintenance checks of STANDING items.' })
  @Property({ type: 'smallint', default: 12 })
  reviewCycleMonths: number = 12;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  sortOrder: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => Boolean, { description: 'True for the centre’s standard categories.' })
  get standard(): boolean {
    return !this.ownerUnit;
  }
}
