import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Kinds of public telephone number a unit lists (implementation plan, content (一) and (三)). */
export enum ContactPhoneKind {
  DUTY = 'DUTY',
  CONSULTATION = 'CONSULTATION',
  REPORTING = 'REPORTING',
  CLEARANCE_HOTLINE = 'CLEARANCE_HOTLINE',
  DISCLOSURE = 'DISCLOSURE',
}
registerEnumType(ContactPhoneKind, {
  name: 'ContactPhoneKind',
  valuesConfig: {
    DUTY: { description: '值班电话' },
    CONSULTATION: { description: '业务咨询电话' },
    REPORTING: { description: '监督举报电话' },
    CLEARANCE_HOTLINE: { description: '通关热线（海关 110 / 12360）' },
    DISCLOSURE: { description: '政务公开联系电话' },
  },
});

/** One published telephone number. */
@ObjectType({ description: 'A public telephone number of a unit (typed: 值班, 咨询, 举报, 通关热线, 政务公开).' })
export class ContactPhone {
  @Field(() => ContactPhoneKind) kind!: ContactPhoneKind;
  @Field(() => String, { description: 'The number as dialled, e.g. 020-82130926 or 12360.' }) number!: string;
  @Field(() => String, { nullable: true, description: 'What the line is for, e.g. 通关咨询服务中心.' }) label?: string | null;
}

/**
 * A unit's public contact directory (机构联系方式). Every field is optional and public; OFFICE_ADMINs
 * over the unit change it with a version check. Kept beside org_unit, one row per unit that has one.
 */
@ObjectType({ description: 'Public contact directory of a unit (地址, 邮编, 办公时间, 网站, 电子邮箱, 电话). Every field is optional.' })
@Entity({ tableName: 'org_unit_contact' })
export class UnitContact {
  [OptionalProps]?: 'phones' | 'version' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  unitId!: number;

  @Field(() => String, { nullable: true, description: '地址, e.g. 广州市黄埔区保金路 36 号.' })
  @Property({ type: 'string', length: 300, nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true, description: '邮政编码 (6 digits).' })
  @Property({ type: 'string', length: 6, nullable: true })
  postcode?: string | null;

  @Field(() => String, { nullable: true, description: '办公时间, free text.' })
  @Property({ type: 'string', length: 300, nullable: true })
  officeHours?: string | null;

  @Field(() => String, { nullable: true, description: '门户网站 (http or https URL).' })
  @Property({ type: 'string', length: 300, nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true, description: '电子邮箱 (e.g. the disclosure mailbox).' })
  @Property({ type: 'string', length: 254, nullable: true })
  email?: string | null;

  @Field(() => [ContactPhone])
  @Property({ type: 'json' })
  phones: ContactPhone[] = [];

  @Field(() => Int, { description: 'Version to send back with updateUnitContact; 0 while the unit has published no contact details.' })
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Last change; null while nothing is published.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
