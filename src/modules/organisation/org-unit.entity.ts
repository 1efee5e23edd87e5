import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Node } from '../../common/relay';

/** Kinds of unit in the customs tree, top to bottom. */
export enum OrgUnitKind {
  ADMINISTRATION = 'ADMINISTRATION',
  DISTRICT = 'DISTRICT',
  SUBORDINATE_OFFICE = 'SUBORDINATE_OFFICE',
  DIVISION = 'DIVISION',
  SECTION = 'SECTION',
}

registerEnumType(OrgUnitKind, {
  name: 'OrgUnitKind',
  valuesConfig: {
    ADMINISTRATION: { description: '海关总署' },
    DISTRICT: { description: '直属海关' },
    SUBORDINATE_OFFICE: { description: '隶属海关 / 直属单位 / 缉私局' },
    DIVISION: { description: '处 / 办公室 / 监察室 …' },
    SECTION: { description: '科' },
  },
});

/** Publishing level of DESIGN.md's two-level publishing (两级公开). */
export enum PublishingLevel {
  OFFICE = 'OFFICE',
  DIVISION = 'DIVISION',
}
registerEnumType(PublishingLevel, {
  name: 'PublishingLevel',
  valuesConfig: { OFFICE: { description: '关级' }, DIVISION: { description: '处级' } },
});

/** Whether a unit reports yearly statistics (DESIGN.md §6; issue 18 §1). */
export enum ReportingRole {
  DISCLOSURE_BODY = 'DISCLOSURE_BODY',
  CONTRIBUTOR = 'CONTRIBUTOR',
  NONE = 'NONE',
}
registerEnumType(ReportingRole, {
  name: 'ReportingRole',
  valuesConfig: {
    DISCLOSURE_BODY: { description: '信息公开主体：发布年度报告（总署、直属海关）' },
    CONTRIBUTOR: { description: '向上级报送统计数据（隶属海关）' },
    NONE: { description: '不单独报送（处、科）' },
  },
});

/** The reporting role a unit of `kind` has unless it is set otherwise. */
export function defaultReportingRole(kind: OrgUnitKind): ReportingRole {
  if (kind === OrgUnitKind.ADMINISTRATION || kind === OrgUnitKind.DISTRICT) return ReportingRole.DISCLOSURE_BODY;
  return kind === OrgUnitKind.SUBORDINATE_OFFICE ? ReportingRole.CONTRIBUTOR : ReportingRole.NONE;
}

export const KIND_RANK: Record<OrgUnitKind, number> = {
  ADMINISTRATION: 0,
  DISTRICT: 1,
  SUBORDINATE_OFFICE: 2,
  DIVISION: 3,
  SECTION: 4,
};

/** Office-kind units publish office-level items; divisions and sections division-level ones. */
export function levelOfKind(kind: OrgUnitKind): PublishingLevel {
  return KIND_RANK[kind] <= KIND_RANK.SUBORDINATE_OFFICE ? PublishingLevel.OFFICE : PublishingLevel.DIVISION;
}

/** A unit of the one organisation tree; `path` is the materialised path of ids, e.g. `/1/4/17/`. */
@ObjectType({ implements: Node, simpleResolvers: true, description: 'A unit of the customs organisation (机构). Names and structure are public.' })
@Entity({ tableName: 'org_unit' })
export class OrgUnit {
  [OptionalProps]?: 'level' | 'reportingRole' | 'active' | 'sortOrder' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'Stable unit code, e.g. TJ or TJ-BGS.' })
  @Property({ type: 'string', length: 64, unique: true })
  code!: string;

  @Field(() => String, { description: 'Chinese name, e.g. 天津海关.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => OrgUnitKind)
  @Enum({ items: () => OrgUnitKind, type: 'string' })
  kind!: OrgUnitKind;

  @ManyToOne(() => OrgUnit, { nullable: true, ref: true })
  parent?: Ref<OrgUnit> | null;

  @Index({ name: 'org_unit_path_idx', expression: 'create index org_unit_path_idx on org_unit (path text_pattern_ops)' })
  @Property({ type: 'text', unique: true })
  path!: string;

  @Field(() => Int, { description: '0 for the administration.' })
  @Property({ type: 'smallint' })
  depth!: number;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @Field(() => ReportingRole, { description: 'Whether the unit is expected to report yearly statistics (defaulted by kind).' })
  @Enum({ items: () => ReportingRole, type: 'string', onCreate: (u: Partial<OrgUnit>) => u.reportingRole ?? defaultReportingRole(u.kind!) })
  reportingRole!: ReportingRole;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  sortOrder: number = 0;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Int, { description: 'Optimistic-lock version; send it back with updates.' })
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => PublishingLevel, { description: 'Level of items this unit owns: 关级 for office kinds, 处级 for divisions and sections.' })
  get level(): PublishingLevel {
    return levelOfKind(this.kind);
  }
}
