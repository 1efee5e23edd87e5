import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { portalMessages as m } from './portal.messages';
import { ContactPhoneKind } from './unit-contact.entity';

@InputType()
export class ContactPhoneInput {
  @Field(() => ContactPhoneKind) kind!: ContactPhoneKind;
  @Field(() => String) number!: string;
  @Field(() => String, { nullable: true }) label?: string | null;
}

@InputType({ description: 'Changes to a unit’s contact directory: omitted fields stay, null or "" clears one; phones, when given, replaces the list.' })
export class UpdateUnitContactInput {
  @Field(() => ID) unitId!: string;
  @Field(() => Int, { description: 'The contact’s version you read (0 before the first publication); a stale one fails with CONFLICT.' })
  expectedVersion!: number;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true }) postcode?: string | null;
  @Field(() => String, { nullable: true }) officeHours?: string | null;
  @Field(() => String, { nullable: true }) website?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => [ContactPhoneInput], { nullable: true }) phones?: ContactPhoneInput[] | null;
}

/** "" and whitespace clear a field, like null. */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const text = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max, m.textTooLong).nullish());

export const updateUnitContactSchema = z.object({
  unitId: z.string(),
  expectedVersion: z.number().int().min(0),
  address: text(300),
  postcode: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(/^[0-9]{6}$/, m.postcode)
      .nullish(),
  ),
  officeHours: text(300),
  website: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .max(300, m.textTooLong)
      .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, m.website)
      .nullish(),
  ),
  email: z.preprocess(blankToNull, z.string().trim().max(254).email(m.email).nullish()),
  phones: z
    .array(
      z.object({
        kind: z.enum(ContactPhoneKind),
        number: z
          .string()
          .trim()
          .regex(/^\+?[0-9][0-9 ()-]{2,30}$/, m.phoneNumber),
        label: text(50),
      }),
    )
    .max(20, m.tooManyPhones)
    .nullish(),
});
