import type { ModuleDefinition } from '../module';
import { Attachment } from './attachment.entity';
import { AttachmentResolver, ItemAttachmentsResolver, ReportAttachmentsResolver } from './attachment.resolver';
import { attachmentJobs } from './attachment.jobs';
import { attachmentRoutes } from './attachment.routes';
import { attachmentRules } from './attachment.rules';

export { Attachment } from './attachment.entity';
export { AttachmentService } from './attachment.service';
export { cleanupAttachments, type CleanupReport } from './attachment.cleanup';
export { storageFor, type BlobStorage } from './attachment.storage';

/** Files of items and reports: upload over HTTP, attach by mutation, download with the owner's visibility, cleanup of unreferenced files. */
export const attachmentModule: ModuleDefinition = {
  name: 'attachment',
  entities: [Attachment],
  resolvers: [AttachmentResolver, ItemAttachmentsResolver, ReportAttachmentsResolver],
  rules: attachmentRules,
  nodes: {},
  routes: attachmentRoutes,
  jobs: attachmentJobs,
};
