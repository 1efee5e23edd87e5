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
  const forPages = headersOf(pages);
  const forGraphql = headersOf(graphql);
  return (req, res, next) => {
    const { set, remove } = req.path === '/graphql' || req.path.startsWith('/graphql/') ? forGraphql : forPages;
    for (let i = 0; i < set.length; i++) res.setHeader(set[i][0], set[i][1]);
    for (let i = 0; i < remove.length; i++) res.removeHeader(remove[i]);
    next();
  };
}

/**
 * The headers a helmet middleware sets and removes. Ours are the same on every response (no
 * per-request nonce or function directive), so helmet runs once here, at start, and each request
 * copies its result: helmet's chain of a dozen small middlewares per response was a visible share
 * of the cheapest requests. (A directive given as a function, e.g. a nonce per request, would need
 * helmet per request again; the options above have none.)
 */
function headersOf(middleware: ReturnType<typeof helmet>): { set: [string, string | number | readonly string[]][]; remove: string[] } {
  const set: [string, string | number | readonly string[]][] = [];
  const remove: string[] = [];
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.push([name, value]),
    removeHeader: (name: string) => void remove.push(name),
  };
  let done = false;
  middleware({} as never, res as never, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  return { set, remove };
}
