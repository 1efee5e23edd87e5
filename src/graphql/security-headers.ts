import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { REPORT_STYLE_CSP_SOURCE } from '../modules/statistics';

/**
 * Security headers, set by helmet on every response. Pages (the public reports, their errors,
 * 404s, health and metrics) get a Content-Security-Policy that runs no script at all: nothing
 * loads but the report's own stylesheet (by hash) and images from this site or over https.
 * Referrer-Policy no-referrer: a reader following a link in a report tells nobody where from.
 *
 * /graphql answers JSON, and in development Apollo's landing page: that page sets its own CSP in
 * a meta tag with a fresh nonce per render and loads its app from Apollo's CDN, so a header CSP
 * here would (CSPs intersect) stop it. The landing page is off in production, where /graphql
 * gets a deny-all CSP like any non-page answer.
 */
export function securityHeaders(opts: { landingPage: boolean }): RequestHandler {
  const common = {
    referrerPolicy: { policy: 'no-referrer' as const },
    xContentTypeOptions: true,
  };
  const pages = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: [REPORT_STYLE_CSP_SOURCE],
        imgSrc: ["'self'", 'https:'],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  const graphql = helmet({
    ...common,
    contentSecurityPolicy: opts.landingPage ? false : { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  return (req, res, next) => (req.path === '/graphql' || req.path.startsWith('/graphql/') ? graphql : pages)(req, res, next);
}
