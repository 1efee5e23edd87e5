import type { Request, Response, Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { NotFoundError, PublicError, type Msg } from '../../common/errors';
import { localeFromHeader, translatorFor, type Translate } from '../../i18n';
import type { RouteDeps } from '../module';
import { attachmentMessages as m } from './attachment.messages';
import { AttachmentService, UploadRejected } from './attachment.service';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, CONFLICT: 409 };

/** Answers an error in the shape GraphQL errors have, with the HTTP status of its code, in the request's language. */
function sendError(res: Response, status: number, code: string, text: Msg | PublicError): void {
  const t: Translate = translatorFor(localeFromHeader(res.req.headers['accept-language']));
  const message = text instanceof PublicError ? text.localize(t) : t(text.key, text.params);
  const messageKey = text instanceof PublicError ? text.extensions.messageKey : text.key;
  res.status(status).json({ errors: [{ message, extensions: { code, ...(messageKey ? { messageKey } : {}) } }] });
}

/**
 * POST /attachments?name=<file name>: the raw file as the request body (any Content-Type; the
 * type is decided from the bytes), authenticated with the bearer token; answers 201 with the
 * upload's id, which attachFile then attaches. A plain body rather than multipart: nothing to
 * parse, and no form a browser could post cross-site (a bearer header is required).
 *
 * GET /attachments/<id>: the file, always as a download (Content-Disposition: attachment, nosniff),
 * to whoever may read it (the owner's visibility; NOT_FOUND otherwise).
 */
export function attachmentRoutes(router: Router, deps: RouteDeps): void {
  const config = deps.config.attachments;

  router.post('/attachments', async (req: Request, res: Response, next) => {
    try {
      const declared = Number(req.headers['content-length']);
      const name = typeof req.query.name === 'string' ? req.query.name : '';
      const ctx = await deps.context(req);
      if (!ctx.auth.isAuthenticated) return sendError(res, 401, 'UNAUTHENTICATED', m.loginRequired);
      if (Number.isFinite(declared) && declared > config.maxBytes) {
        // Refused before reading: the connection closes rather than swallowing the body.
        res.setHeader('connection', 'close');
        return sendError(res, 413, 'PAYLOAD_TOO_LARGE', m.tooLarge(config.maxBytes));
      }
      if (!name.trim()) return sendError(res, 400, 'BAD_USER_INPUT', m.nameRequired);
      const a = await new AttachmentService(ctx, config).upload(req, name);
      res.status(201).json({ id: a.id, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256 });
    } catch (err) {
      if (err instanceof UploadRejected) {
        res.setHeader('connection', 'close');
        return sendError(res, err.status, err.code, err.text);
      }
      if (err instanceof PublicError) return sendError(res, STATUS[err.code] ?? 400, err.code, err);
      // The client went away midway: nothing to answer (the spooled file is already removed).
      if (req.destroyed || (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      next(err);
    }
  });

  router.get('/attachments/:id', async (req: Request, res: Response, next) => {
    try {
      const ctx = await deps.context(req);
      const found = await new AttachmentService(ctx, config).download(String(req.params.id));
      if (!found) return sendError(res, 404, 'NOT_FOUND', new NotFoundError(m.attachment));
      const { row, body } = found;
      res.attachment(row.file_name);
      res.setHeader('content-type', row.media_type);
      res.setHeader('content-length', String(row.size));
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', row.is_public ? 'public, max-age=300' : 'private, no-store');
      await pipeline(body, res);
    } catch (err) {
      if (err instanceof PublicError) return sendError(res, STATUS[err.code] ?? 400, err.code, err);
      next(err);
    }
  });
}
