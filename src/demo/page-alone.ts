import { createApp } from '../http/app';
import type { MetricThresholds } from '../metrics';
import { scorecardRouter } from '../http/scorecard/scorecard-router';
import { createMetrics } from '../observability/metrics';
import { listen, type RunningServer } from '../service/http-server';
import type { Logger } from '../shared/logger';
import type { Db } from '../store';

export interface PageAloneOptions {
  readonly db: Db;
  readonly adminToken: string;
  /** The port the service used, so the URL already printed keeps working; 0 when it is taken. */
  readonly port: number;
  /** The instant the final scorecard was computed at: the page shows the run as it ended. */
  readonly at: number;
  readonly thresholds: MetricThresholds;
  /** The period the final scorecard covered, shown when the page is opened. */
  readonly period: string;
  /** The period the page's "Monthly pack" link opens: the month of the run, which holds its data. */
  readonly packPeriod: string;
  readonly logger: Logger;
}

/**
 * The scorecard page on its own, after the market, the service and Redis have stopped: what the
 * demo leaves up (without --duration) until a second Ctrl-C, with nothing left to clean up then
 * but the database.
 */
export async function servePageAlone(options: PageAloneOptions): Promise<RunningServer> {
  const app = createApp({
    logger: options.logger,
    registry: createMetrics({ defaultMetrics: false }).registry,
    readiness: { database: () => options.db.ping() },
    routers: [
      scorecardRouter({
        db: options.db,
        adminToken: options.adminToken,
        now: () => options.at,
        thresholds: options.thresholds,
        defaultPeriod: options.period,
        packPeriod: options.packPeriod,
      }),
    ],
  });
  try {
    return await listen(app, options.port, '127.0.0.1');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return listen(app, 0, '127.0.0.1');
  }
}
