import { localeFromHeader, translatorFor } from '../../i18n';
import type { Response, Router } from 'express';
import { PublicError, UnauthenticatedError, ValidationError } from '../../common/errors';
import type { RouteDeps } from '../module';
import { ExportService, type PreparedExport } from './exports.service';
import { messages } from './exports.messages';
import { CONTENT_TYPES, tableWriter, type ExportFormat } from './table-writer';

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/** A query-string value as one string (repeated or nested parameters are ignored). */
const param = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * Spreadsheet downloads for staff: GET /exports/<what>.<xlsx|csv> with the GraphQL bearer token.
 *
 * - `statistics.xlsx?unitId=…&year=2024`: every unit of the subtree with its statistics for the year
 * - `statistics-rollup.xlsx?unitId=…&year=2024`: 本级 and 系统汇总, a sheet per direct subordinate
 * - `inspection-results.xlsx?schemeId=…`: the ranking of an inspection scheme
 *
 * Refusals are JSON errors shaped as GraphQL's (401, 403, 404, 400) sent before anything is
 * streamed; the file is streamed as it is read.
 */
export function exportRoutes(router: Router, deps: RouteDeps): void {
  router.get('/exports/:file', async (req, res, next) => {
    const m = /^(statistics|statistics-rollup|inspection-results)\.(xlsx|csv)$/.exec(req.params.file);
    if (!m) {
      next();
      return;
    }
    const what = m[1];
    const format = m[2] as ExportFormat;
    let prepared: PreparedExport;
    try {
      const ctx = await deps.context(req);
      if (!ctx.auth.isAuthenticated) throw new UnauthenticatedError(messages.loginRequired);
      const service = new ExportService(ctx);
      const year = Number(param(req.query.year));
      if (what === 'statistics') prepared = await service.statistics(param(req.query.unitId), year);
      else if (what === 'statistics-rollup') prepared = await service.rollup(param(req.query.unitId), year, format);
      else prepared = await service.inspectionResults(param(req.query.schemeId));
    } catch (err) {
      if (err instanceof PublicError) {
        sendError(res, err);
        return;
      }
      next(err);
      return;
    }
    const fileName = `${prepared.fileName}.${format}`;
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    try {
      const writer = tableWriter(format, res);
      await prepared.write(writer);
      await writer.end();
    } catch (err) {
      // Headers are gone: the client sees a cut-off download, never a file that looks complete.
      res.destroy(err as Error);
    }
  });
}

function sendError(res: Response, err: PublicError): void {
  const extensions = err.extensions as Record<string, unknown>;
  res.status(HTTP_STATUS[err.code] ?? 400).json({
    errors: [
      {
        // In the request's language: the route's context carries it (ValidationError re-renders its fields too).
        message: err.localize(translatorFor(localeFromHeader(res.req.headers['accept-language']))),
        extensions: {
          code: err.code,
          ...(extensions.messageKey ? { messageKey: extensions.messageKey } : {}),
          ...(err instanceof ValidationError ? { fields: extensions.fields } : {}),
        },
      },
    ],
  });
}
