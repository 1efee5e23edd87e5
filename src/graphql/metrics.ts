import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type express from 'express';

/** Process-wide counters served by GET /metrics when METRICS=true. */
export interface Metrics {
  sqlStatements: number;
  graphqlRequests: number;
}

/**
 * Counts every SQL statement the ORM's pool sends and every request to /graphql, and serves
 * the totals as JSON. Off by default: the counters are for the benchmark harness, which divides
 * the deltas of a measured run to get statements per operation.
 */
export function mountMetrics(app: express.Express, orm: MikroORM<PostgreSqlDriver>): Metrics {
  const metrics: Metrics = { sqlStatements: 0, graphqlRequests: 0 };
  orm.em
    .getConnection()
    .getKnex()
    .on('query', () => {
      metrics.sqlStatements++;
    });
  app.use('/graphql', (_req, _res, next) => {
    metrics.graphqlRequests++;
    next();
  });
  app.get('/metrics', (_req, res) => {
    const mem = process.memoryUsage();
    res.json({
      ...metrics,
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      heapTotalBytes: mem.heapTotal,
      externalBytes: mem.external,
      arrayBuffersBytes: mem.arrayBuffers,
    });
  });
  return metrics;
}
