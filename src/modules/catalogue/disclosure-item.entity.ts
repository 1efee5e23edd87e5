import { ArrayType, BeforeCreate, BeforeUpdate, Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type EventArgs, type Ref } from '@mikro-orm/core';
import { ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';
import { OrgUnit, PublishingLevel, User } from '../organisation';
import { CatalogueCategory } from './catalogue-category.entity';
import { Cadence, DisclosureChannel, DisclosureMode, ItemStatus, WithholdingStatus } from './catalogue.enums';
import { publishedSearchVector, workingSearchVector } from './search/item-vectors';
import { TsVectorType } from './search/tsvector.type';

/**
 * A disclosure item (公开事项). The working copy (title, body, …) is what staff edit; the
 * `pub*` columns hold the live published snapshot, which public readers see until a new
 * revision is published. GraphQL fields are declared in DisclosureItemResolver because they
 * depend on who reads.
 */
@ObjectType({ implements: Node, description: 'A disclosure item (公开事项). Public fields come from the published snapshot; the rest is for staff in scope.' })
@Entity({ tableName: 'disclosure_item' })
export class DisclosureItem {
  [OptionalProps]?:
    | 'cadence'
    | 'legalBasis'
    | 'internalNotes'
    | 'status'
    | 'version'
    | 'reviewRound'
    | 'isPublic'
    | 'createdAt'
    | 'updatedAt'
    | 'nextMaintenanceDate'
    | 'nextDueDate'
    | 'publishedAt'
    | 'publishedVersion'
    | 'pubTitle'
    | 'pubBody'
    | 'pubCategory'
    | 'pubLegalBasis'
    | 'pubChannels'
    | 'withholdingStatus'
    | 'withholdingReason'
    | 'withholdingRequestedAt'
    | 'withholdingRequestedBy'
    | 'withholdingRulingReason'
    | 'withholdingRuledAt'
    | 'withholdingRuledBy'
    | 'modeBeforeWithholding'
    | 'createdBy'
    | 'searchVector'
    | 'pubSearchVector';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => CatalogueCategory, { ref: true })
  category!: Ref<CatalogueCategory>;

  @ManyToOne(() => OrgUnit, { ref: true })
  ownerUnit!: Ref<OrgUnit>;

  @Enum({ items: () => PublishingLevel, type: 'string' })
  level!: PublishingLevel;

  @Enum({ items: () => DisclosureMode, type: 'string' })
  mode!: DisclosureMode;

  @Enum({ items: () => Cadence, type: 'string', nullable: true })
  cadence?: Cadence | null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  channels!: DisclosureChannel[];

  @Property({ type: 'string', length: 500 })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'text', nullable: true })
  legalBasis?: string | null;

  @Property({ type: 'date' })
  formedDate!: string;

  @Property({ type: 'date' })
  publishDeadline!: string;

  @Property({ type: 'date', nullable: true })
  nextMaintenanceDate?: string | null;

  @Property({ type: 'date', nullable: true })
  nextDueDate?: string | null;

  @Enum({ items: () => ItemStatus, type: 'string', default: ItemStatus.DRAFT })
  status: ItemStatus = ItemStatus.DRAFT;

  @Property({ type: 'text', nullable: true })
  internalNotes?: string | null;

  /** Incremented on every submission, so reviews of an earlier round no longer count. */
  @Property({ type: 'integer', default: 0 })
  reviewRound: number = 0;

  @Property({ type: 'integer', version: true })
  version!: number;

  /** True while a published snapshot is live: published, not retired, not pending or withheld. */
  @Property({ type: 'boolean', default: false })
  isPublic: boolean = false;

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  publishedVersion?: number | null;

  @Property({ type: 'string', length: 500, nullable: true })
  pubTitle?: string | null;

  @Property({ type: 'text', nullable: true })
  pubBody?: string | null;

  @ManyToOne(() => CatalogueCategory, { ref: true, nullable: true })
  pubCategory?: Ref<CatalogueCategory> | null;

  @Property({ type: 'text', nullable: true })
  pubLegalBasis?: string | null;

  @Property({ type: ArrayType, columnType: 'text[]', nullable: true })
  pubChannels?: DisclosureChannel[] | null;

  @Enum({ items: () => WithholdingStatus, type: 'string', nullable: true })
  withholdingStatus?: WithholdingStatus | null;

  @Property({ type: 'text', nullable: true })
  withholdingReason?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  withholdingRequestedAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  withholdingRequestedBy?: Ref<User> | null;

  @Property({ type: 'text', nullable: true })
  withholdingRulingReason?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  withholdingRuledAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  withholdingRuledBy?: Ref<User> | null;

  @Enum({ items: () => DisclosureMode, type: 'string', nullable: true })
  modeBeforeWithholding?: DisclosureMode | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** The working copy's words for full-text search (title A, body B, legal basis C), kept by `refreshSearchVectors`. */
  @Property({ type: TsVectorType, columnType: 'tsvector', nullable: true, lazy: true })
  searchVector?: string | null;

  /** The published snapshot's words for full-text search, as `searchVector`. */
  @Property({ type: TsVectorType, columnType: 'tsvector', nullable: true, lazy: true })
  pubSearchVector?: string | null;

  /**
   * Segments the texts that changed into their search vectors before every insert and update, so
   * every write path (services, seeds, factories) keeps them current without another statement.
   */
  @BeforeCreate()
  @BeforeUpdate()
  refreshSearchVectors(args: EventArgs<DisclosureItem>): void {
    const changed = args.changeSet?.type === 'update' ? args.changeSet.payload : null;
    const touched = (...keys: (keyof DisclosureItem)[]) => !changed || keys.some((k) => k in changed);
    if (touched('title', 'body', 'legalBasis')) this.searchVector = workingSearchVector(this.title, this.body, this.legalBasis);
    if (touched('pubTitle', 'pubBody', 'pubLegalBasis')) this.pubSearchVector = publishedSearchVector(this.pubTitle, this.pubBody, this.pubLegalBasis);
  }

  /** The words of the search that listed this item (not persisted), for `searchSnippet`. */
  searchTerms?: readonly string[];

  /** Materialised path of the owner unit, set when the row is read with its unit (not persisted). */
  ownerPath?: string;
}
