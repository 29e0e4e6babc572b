import { Router } from 'express';
import type { ApplyDeps } from '../../app/apply-events/apply-events';
import type { Queues } from '../../queue/queues';
import type { MetricThresholds } from '../../metrics';
import { reportThresholds } from '../../app/report';
import { requireAdmin } from './admin-auth';
import { deadLetterRoutes } from './dead-letter-routes';
import { insightRoutes } from './insight-routes';
import { leadRoutes } from './lead-routes';
import { meetingRoutes } from './meeting-routes';
import { queueBoard } from './queue-board';

export interface AdminRouterDeps {
  /**
   * The engine as the composition root built it (store, protocol, protocol time, timers, the
   * protocol-events counter): manual actions decide exactly as webhooks do.
   */
  readonly apply: ApplyDeps;
  /** ADMIN_TOKEN; when unset every admin route answers 401 saying how to enable it. */
  readonly adminToken: string | undefined;
  /** The service's queues (a producer connection): replays and manual actions schedule jobs on them. */
  readonly queues: Queues;
  /** The scorecard's thresholds; default from the protocol (reportThresholds). */
  readonly thresholds?: MetricThresholds;
  /** Where calendar periods of /admin/metrics start (default UTC). */
  readonly timeZone?: string;
  /** Real time for session expiry; tests may fix it. */
  readonly realNow?: () => number;
}

export const ADMIN_BASE = '/admin';

/**
 * The admin API, for mounting at the app's root (every path starts with /admin):
 * - GET  /admin/leads[?after&limit|email|hubspotId|salesforceId], GET /admin/leads/:id,
 *   GET  /admin/leads/:id/timeline, POST /admin/leads/:id/actions (accept, reject with a code,
 *   requalify, disqualify, reassign, release_field; Idempotency-Key honoured)
 * - GET  /admin/dead-letters[?all&limit], GET /admin/dead-letters/:id, POST /admin/dead-letters/replay
 * - GET  /admin/protocols, GET /admin/protocols/:version
 * - GET  /admin/diagnostic[?days], POST /admin/diagnostic/responses
 * - GET  /admin/metrics[?period&timeZone] (the scorecard's data)
 * - GET  /admin/meetings, POST /admin/meetings, POST /admin/meetings/actions/:id (joint meetings)
 * - /admin/queues: Bull Board
 * Everything takes `Authorization: Bearer ADMIN_TOKEN`, compared in constant time; Bull Board also
 * takes the scorecard's signed-in browser session. Errors are `{ error: { code, message } }`.
 */
export function adminRouter(deps: AdminRouterDeps): Router {
  const auth = { adminToken: deps.adminToken, realNow: deps.realNow ?? Date.now };
  const { apply } = deps;
  const api = Router();
  api.use(leadRoutes(apply));
  api.use(deadLetterRoutes(apply.db, deps.queues));
  api.use(meetingRoutes({ db: apply.db, now: () => apply.clock.now() }));
  api.use(
    insightRoutes({
      db: apply.db,
      now: () => apply.clock.now(),
      thresholds: deps.thresholds ?? reportThresholds(apply.protocol),
      timeZone: deps.timeZone ?? 'UTC',
    }),
  );

  const router = Router();
  router.use(`${ADMIN_BASE}/queues`, requireAdmin(auth, true), queueBoard(deps.queues, `${ADMIN_BASE}/queues`));
  router.use(ADMIN_BASE, requireAdmin(auth, false), api);
  return router;
}
