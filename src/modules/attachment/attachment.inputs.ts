import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { attachmentMessages as m } from './attachment.messages';

@InputType({ description: 'Attaches a completed upload (POST /attachments) to one disclosure item or one annual report.' })
export class AttachFileInput {
  @Field(() => ID, { description: 'The id POST /attachments answered.' }) uploadId!: string;
  @Field(() => ID, { nullable: true, description: 'A DisclosureItem id.' }) itemId?: string | null;
  @Field(() => ID, { nullable: true, description: 'An AnnualReport id.' }) reportId?: string | null;
  @Field(() => String, { nullable: true, description: 'Title shown with the link, e.g. 关务公开手册 (default: the file name).' }) title?: string | null;
}

export const attachFileSchema = z
  .object({
    uploadId: z.uuid(m.notYourUpload),
    itemId: z.string().nullish(),
    reportId: z.string().nullish(),
    title: z.string().trim().max(200, m.titleTooLong).nullish(),
  })
  .refine((v) => !!v.itemId !== !!v.reportId, { message: m.exactlyOneOwner, path: ['itemId'] });
