import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import DataLoader from 'dataloader';
import { LockMode } from '@mikro-orm/core';
import { STAFF_ROLES } from '../../auth/roles';
import type { ServiceContext, Context } from '../../common/context';
import { perRequest } from '../../common/context';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { AttachmentConfig } from '../../config/env';
import { runSql, runSqlOne } from '../../db/sql';
import { AuditService } from '../audit';
import { canAuthor, canPublish, DisclosureItemService, isItemStaff } from '../catalogue';
import { OrgUnit } from '../organisation';
import { AnnualReport, isStatisticsStaff, mayWriteReport } from '../statistics';
import { Attachment } from './attachment.entity';
import { AttachFileInput, attachFileSchema } from './attachment.inputs';
import { attachmentMessages as m } from './attachment.messages';
import { attachmentAccessSql, ownerAttachmentsSql } from './attachment.queries';
import { storageFor } from './attachment.storage';
import { removeQuietly, spoolUpload, UploadRejected } from './attachment.upload';
import { sanitiseFileName } from './file-name';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The owner an attachment is (to be) attached to, with what decides who may change its files. */
interface Owner {
  column: 'itemId' | 'reportId';
  id: number;
  targetType: 'DisclosureItem' | 'AnnualReport';
  path: string;
}

/** Row of attachmentAccessSql. */
interface AccessRow {
  id: string;
  sha256: string;
  size: number;
  media_type: string;
  file_name: string;
  uploaded_by_id: number;
  item_id: number | null;
  report_id: number | null;
  owner_path: string | null;
  is_public: boolean;
}

function snapshot(a: Attachment) {
  return {
    id: a.id,
    fileName: a.fileName,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
    title: a.title ?? null,
    itemId: a.itemId ?? null,
    reportId: a.reportId ?? null,
  };
}

/**
 * Attachments: uploads over HTTP (spooled, sniffed, stored by hash, then one row), attached to an
 * item or a report by a mutation, downloaded with the owner's visibility.
 */
export class AttachmentService {
  private readonly audit: AuditService;
  constructor(
    private readonly ctx: ServiceContext,
    /** Storage settings: needed for uploads and downloads, not to attach or detach. */
    private readonly config?: AttachmentConfig,
  ) {
    this.audit = new AuditService(ctx);
  }

  /**
   * Receives an upload body: staff only. Nothing is left behind when it fails: the spooled file is
   * removed, and a stored file this upload created is removed again if its row cannot be written.
   */
  async upload(body: Readable, rawName: string): Promise<Attachment> {
    const auth = this.ctx.auth;
    if (!auth.isAuthenticated) throw new UnauthenticatedError(m.loginRequired);
    if (!auth.grantsFor(STAFF_ROLES).length) throw new ForbiddenError(m.staffOnly);
    const config = this.config!;
    const storage = storageFor(config);
    const messages = { tooLarge: m.tooLarge(config.maxBytes), unsupportedType: m.unsupportedType, emptyFile: m.emptyFile };
    const spooled = await spoolUpload(body, storage.tempDir, messages, config.maxBytes);
    let created = false;
    try {
      created = await storage.put(spooled.sha256, spooled.tempPath, spooled.mediaType);
      return await inTransaction(this.ctx.em, async (em) => {
        const row = em.create(Attachment, {
          id: randomUUID(),
          sha256: spooled.sha256,
          size: spooled.size,
          mediaType: spooled.mediaType,
          fileName: sanitiseFileName(rawName, spooled.ext),
          uploadedById: auth.userId!,
        });
        await em.flush();
        return row;
      });
    } catch (err) {
      await removeQuietly(spooled.tempPath);
      if (created) await storage.remove(spooled.sha256);
      throw err;
    }
  }

  /** The attachment and its bytes if the caller may download it; null otherwise (unknown and hidden look the same). */
  async download(id: string): Promise<{ row: AccessRow; body: Readable } | null> {
    if (!UUID.test(id)) return null;
    const row = await runSqlOne<AccessRow>(this.ctx.em, attachmentAccessSql(id));
    if (!row || !this.mayDownload(row)) return null;
    return { row, body: await storageFor(this.config!).open(row.sha256) };
  }

  private mayDownload(row: AccessRow): boolean {
    const auth = this.ctx.auth;
    if (row.is_public) return true;
    if (!auth.isAuthenticated) return false;
    if (row.item_id != null) return !!row.owner_path && isItemStaff(auth, row.owner_path);
    if (row.report_id != null) return !!row.owner_path && isStatisticsStaff(auth, row.owner_path);
    return row.uploaded_by_id === auth.userId;
  }

  /** Attaches the caller's own pending upload to an item or a report it may change. */
  async attach(raw: AttachFileInput): Promise<Attachment> {
    const input = parseInput(attachFileSchema, raw);
    const owner = input.itemId ? await this.item(input.itemId) : await this.report(input.reportId!);
    return inTransaction(this.ctx.em, async (em) => {
      const a = await em.findOne(Attachment, { id: input.uploadId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!a || a.uploadedById !== this.ctx.auth.userId) throw new NotFoundError(m.upload);
      if (a.attachedAt) throw new ConflictError(m.alreadyAttached);
      a[owner.column] = owner.id;
      a.attachedAt = new Date();
      a.attachedById = this.ctx.auth.userId;
      if (input.title) a.title = input.title;
      await em.flush();
      this.audit.record(em, {
        action: 'attachment.attachFile',
        targetType: owner.targetType,
        targetId: toGlobalId(owner.targetType, owner.id),
        scopePath: owner.path,
        after: snapshot(a),
      });
      return a;
    });
  }

  /** Removes an attachment from its owner (whoever may change the owner's files); the file goes with the next cleanup. */
  async detach(id: string): Promise<boolean> {
    const row = UUID.test(id) ? await this.ctx.em.findOne(Attachment, { id }) : null;
    if (!row || !row.attachedAt) throw new NotFoundError(m.attachment);
    const owner = row.itemId ? await this.item(toGlobalId('DisclosureItem', row.itemId)) : await this.report(toGlobalId('AnnualReport', row.reportId!));
    await inTransaction(this.ctx.em, async (em) => {
      const a = await em.findOne(Attachment, { id: row.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!a) throw new NotFoundError(m.attachment);
      em.remove(a);
      await em.flush();
      this.audit.record(em, {
        action: 'attachment.detachFile',
        targetType: owner.targetType,
        targetId: toGlobalId(owner.targetType, owner.id),
        scopePath: owner.path,
        before: snapshot(a),
      });
    });
    return true;
  }

  /** An item the caller sees and may change the files of (its authors and publishers). */
  private async item(globalId: string): Promise<Owner> {
    const item = await new DisclosureItemService(this.ctx).get(globalId, 'input.itemId');
    const path = item.ownerPath!;
    if (!canAuthor(this.ctx.auth, path) && !canPublish(this.ctx.auth, item.level, path))
      throw new ForbiddenError(m.mayNotAttachItem(item.pubTitle ?? item.title));
    return { column: 'itemId', id: item.id, targetType: 'DisclosureItem', path };
  }

  /** A report whose working copy the caller reads and may write. */
  private async report(globalId: string): Promise<Owner> {
    const report = await this.ctx.em.findOne(AnnualReport, { id: decodeIntId(globalId, 'AnnualReport', 'input.reportId') });
    const unit = report ? await this.ctx.em.findOne(OrgUnit, { id: report.unit.id }) : null;
    if (!report || !unit || !isStatisticsStaff(this.ctx.auth, unit.path)) throw new NotFoundError(m.report);
    if (!mayWriteReport(this.ctx.auth, unit.path)) throw new ForbiddenError(m.mayNotAttachReport(unit.name));
    return { column: 'reportId', id: report.id, targetType: 'AnnualReport', path: unit.path };
  }
}

/** Key of the owner loaders: the owner's id, and whether the caller is its staff (reads every file). */
export interface OwnerKey {
  id: number;
  staff: boolean;
}

/** Attachments of items or reports the caller may read, batched per request and filtered in SQL. */
export function ownerAttachmentsLoader(ctx: Context, column: 'item_id' | 'report_id'): DataLoader<OwnerKey, Attachment[], string> {
  return perRequest(
    ctx,
    `attachments:${column}`,
    () =>
      new DataLoader<OwnerKey, Attachment[], string>(
        async (keys) => {
          const ids = [...new Set(keys.map((k) => k.id))];
          const staff = keys.filter((k) => k.staff).map((k) => k.id);
          const rows = await runSql<Record<string, unknown>>(ctx.em, ownerAttachmentsSql(column, ids, staff));
          const byOwner = new Map<number, Attachment[]>();
          for (const r of rows) {
            const a = ctx.em.map(Attachment, r);
            const ownerId = (column === 'item_id' ? a.itemId : a.reportId)!;
            byOwner.set(ownerId, [...(byOwner.get(ownerId) ?? []), a]);
          }
          return keys.map((k) => byOwner.get(k.id) ?? []);
        },
        { cacheKeyFn: (k) => `${k.id}:${k.staff}` },
      ),
  );
}

export { UploadRejected };
