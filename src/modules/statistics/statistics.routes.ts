import type { Router } from 'express';
import { Principal } from '../../auth/principal';
import type { RouteDeps } from '../module';
import { ReportService } from './report.service';

/**
 * Public report pages at stable addresses: GET /reports/:unitCode/:year.html and .md, the current
 * publication as it was frozen when published (404 unless published). Security headers come from
 * the server (helmet), for these pages and their errors alike.
 */
export function reportRoutes(router: Router, deps: RouteDeps): void {
  router.get('/reports/:unitCode/:file', async (req, res, next) => {
    try {
      const m = /^(\d{4})\.(html|md)$/.exec(req.params.file);
      const publication = m
        ? await new ReportService({
            em: deps.readFork(req),
            auth: Principal.anonymous(),
            requestId: 'report-page',
          }).publishedByCode(req.params.unitCode, Number(m[1]))
        : null;
      if (!publication) {
        res.status(404).type('text/plain; charset=utf-8').send('Not found');
        return;
      }
      if (m![2] === 'html') res.type('text/html; charset=utf-8').send(publication.html);
      else res.type('text/markdown; charset=utf-8').send(publication.markdown);
    } catch (err) {
      next(err);
    }
  });
}
