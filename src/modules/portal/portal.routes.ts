import { localeFromHeader, translatorFor } from '../../i18n';
import { createHash } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Principal } from '../../auth/principal';
import type { RouteDeps } from '../module';
import { OrgUnit } from '../organisation';
import { portalMessages as m } from './portal.messages';
import { FeedService } from './feed.service';
import { ReportIndexService, reportUrls } from './report-index.service';

/** Rows in /reports/index.json at most (the archive of every unit for ten years is a few thousand). */
const INDEX_LIMIT = 5000;

/**
 * Answers a public document with validators: a strong ETag (hash of the body) and Last-Modified;
 * a request whose If-None-Match or If-Modified-Since still matches gets 304 without the body.
 */
function sendConditional(req: Request, res: Response, body: string, contentType: string, lastModified: Date): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  res.setHeader('etag', etag);
  res.setHeader('last-modified', lastModified.toUTCString());
  res.setHeader('cache-control', 'public, max-age=60');
  if (notModified(req, etag, lastModified)) {
    res.status(304).end();
    return;
  }
  res.type(contentType).send(body);
}

/**
 * RFC 9110 §13.2.2: If-None-Match decides when present (weak comparison), else If-Modified-Since
 * (to the second). Not Express's `req.fresh`: it answers "stale" to any request with
 * `Cache-Control: no-cache`, which fetch() adds to every conditional request, though that directive
 * speaks to caches, not to the origin server evaluating its own validators.
 */
function notModified(req: Request, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === etag);
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

function notFound(res: Response): void {
  res.status(404).type('text/plain; charset=utf-8').send('Not found');
}

/**
 * Public portal documents:
 * - GET /feeds/<unit code>.atom and .json (?category=<category code>): the latest published items
 *   of the unit's subtree as Atom 1.0 and JSON Feed 1.1.
 * - GET /reports/index.json (?unit=<unit code>&year=<year>): every current report publication.
 */
export function portalRoutes(router: Router, deps: RouteDeps): void {
  const publicContext = () => ({ em: deps.orm.em.fork() as unknown as EntityManager, auth: Principal.anonymous(), requestId: 'portal' });

  router.get('/feeds/:file', async (req, res, next) => {
    try {
      const m = /^(.+)\.(atom|json)$/.exec(req.params.file);
      const category = typeof req.query.category === 'string' ? req.query.category : null;
      if (!m) return notFound(res);
      const origin = `${req.protocol}://${req.get('host')}`;
      const feed = await new FeedService(publicContext()).build(m[1], m[2] as 'atom' | 'json', category, { origin, itemUrl: deps.config.portalItemUrl });
      if (!feed) return notFound(res);
      sendConditional(req, res, feed.body, m[2] === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/feed+json; charset=utf-8', feed.updated);
    } catch (err) {
      next(err);
    }
  });

  router.get('/reports/index.json', async (req, res, next) => {
    try {
      const ctx = publicContext();
      const unitCode = typeof req.query.unit === 'string' ? req.query.unit : null;
      const year = typeof req.query.year === 'string' ? Number(req.query.year) : null;
      if (year !== null && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
        const t = translatorFor(localeFromHeader(req.headers['accept-language']));
        const fields = [{ field: 'year', message: t(m.yearRange.key), messageKey: m.yearRange.key }];
        res.status(400).json({
          errors: [{ message: t('errors.invalidInput', { problems: `year: ${fields[0].message}` }), extensions: { code: 'BAD_USER_INPUT', fields } }],
        });
        return;
      }
      const unit = unitCode ? await ctx.em.findOne(OrgUnit, { code: unitCode }) : null;
      if (unitCode && !unit) return notFound(res);
      const rows = await new ReportIndexService(ctx).rows({ unitId: unit?.id ?? null, year }, INDEX_LIMIT);
      const reports = rows.map((r) => ({
        unit: { code: r.unit_code, name: r.unit_name },
        year: r.year,
        revision: r.revision,
        publishedAt: new Date(r.published_at).toISOString(),
        ...reportUrls(r.unit_code, r.year),
      }));
      const lastModified = rows.reduce((max, r) => (new Date(r.published_at) > max ? new Date(r.published_at) : max), new Date(0));
      sendConditional(req, res, JSON.stringify({ reports }), 'application/json; charset=utf-8', lastModified);
    } catch (err) {
      next(err);
    }
  });
}
