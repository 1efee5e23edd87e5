import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { DisclosureItem, isItemStaff } from '../catalogue';
import { organisationLoaders } from '../organisation';
import { AnnualReportType, isStatisticsStaff } from '../statistics';
import { Attachment } from './attachment.entity';
import { AttachFileInput } from './attachment.inputs';
import { AttachmentService, ownerAttachmentsLoader } from './attachment.service';

@Resolver(() => Attachment)
export class AttachmentResolver {
  @Mutation(() => Attachment, {
    description: 'Attaches your upload (POST /attachments) to a disclosure item (its authors and publishers) or an annual report (its writers); audited.',
  })
  attachFile(@Ctx() ctx: Context, @Arg('input', () => AttachFileInput) input: AttachFileInput): Promise<Attachment> {
    return new AttachmentService(ctx).attach(input);
  }

  @Mutation(() => Boolean, { description: 'Removes an attachment from its item or report (whoever may attach files to it); audited.' })
  detachFile(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return new AttachmentService(ctx).detach(id);
  }

  @FieldResolver(() => String, { description: 'Download address (GET; send the bearer token for files not public yet).' })
  url(@Root() a: Attachment): string {
    return `/attachments/${a.id}`;
  }
}

@Resolver(() => DisclosureItem)
export class ItemAttachmentsResolver {
  @FieldResolver(() => [Attachment], {
    description: 'Attached files: for the public those attached before the current publication; every one for staff of the owner unit.',
  })
  async attachments(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<Attachment[]> {
    const path = item.ownerPath ?? (await organisationLoaders(ctx).unitById.load(item.ownerUnit.id))?.path;
    const staff = !!path && isItemStaff(ctx.auth, path);
    return ownerAttachmentsLoader(ctx, 'item_id').load({ id: item.id, staff });
  }
}

@Resolver(() => AnnualReportType)
export class ReportAttachmentsResolver {
  @FieldResolver(() => [Attachment], {
    description: 'Attached files (e.g. the signed report): for the public those attached before the current publication; every one for the unit’s staff.',
  })
  async attachments(@Root() report: AnnualReportType, @Ctx() ctx: Context): Promise<Attachment[]> {
    const unit = await organisationLoaders(ctx).unitById.load(report.unitId);
    const staff = !!unit && isStatisticsStaff(ctx.auth, unit.path);
    return ownerAttachmentsLoader(ctx, 'report_id').load({ id: report.reportId, staff });
  }
}
