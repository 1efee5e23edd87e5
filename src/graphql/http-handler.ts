import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { type Deadline, RETRY_AFTER_SECONDS } from '../common/unavailable';
import type { Context } from './context';

/**
 * Serves /graphql like @as-integrations/express5's expressMiddleware, with a deadline.
 *
 * A request not answered within `deadlineMs` (a database that stopped answering, a pool that
 * cannot hand out a connection) gets SERVICE_UNAVAILABLE with HTTP 503 at the deadline; its late
 * answer is dropped, and a transaction it still has open does not commit (src/common/transaction.ts).
 * Written out rather than wrapped: the integration writes its answer itself, so a timer beside it
 * would race it for the response.
 */
export function graphqlHandler(
  apollo: ApolloServer<Context>,
  opts: {
    context: (req: Request, deadline: Deadline) => Promise<Context>;
    deadlineMs: number;
    log: Logger;
  },
): RequestHandler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const deadline: Deadline = { passed: false };
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => {
        deadline.passed = true;
        resolve('expired');
      }, opts.deadlineMs);
    });
    // The query string as url.parse would give it, without parsing the whole URL on every request.
    const q = req.url.indexOf('?');
    const search = q < 0 ? '' : req.url.slice(q);
    const work = apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search, body: req.body },
      context: () => opts.context(req, deadline),
    });
    let answer;
    try {
      answer = await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
    if (answer === 'expired') {
      work.catch(() => undefined);
      opts.log.warn({ deadlineMs: opts.deadlineMs, url: req.originalUrl }, 'request deadline passed: answered 503');
      res
        .status(503)
        .set('retry-after', String(RETRY_AFTER_SECONDS))
        .json({
          errors: [{ message: `The service did not answer within ${opts.deadlineMs} ms; try again shortly`, extensions: { code: 'SERVICE_UNAVAILABLE' } }],
        });
      return;
    }
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status || 200;
    if (answer.body.kind === 'complete') {
      // Written directly: express's res.send would also work out a content type Apollo already set
      // and a freshness check (ETag, Last-Modified) that a GraphQL answer never has.
      // Encoded once: Buffer.byteLength on a string with Chinese text walks it as long as
      // encoding it does (5 ms of a whole-country roll-up's 670 KB), and the write encoded it again.
      const body = Buffer.from(answer.body.string, 'utf8');
      res.setHeader('content-length', body.length);
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
