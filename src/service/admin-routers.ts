import type { Router } from 'express';
import type { HttpServices } from './runtime';
import { adminRouter } from '../http/admin/admin-router';
import { scorecardRouter } from '../http/scorecard/scorecard-router';
import { syncHealthRouter } from '../http/sync-health/sync-health-router';
import { sharedRouter } from '../http/shared/shared-router';
import { meetingsPageRouter } from '../http/meetings/meetings-page-router';
import type { RecordLinks } from '../http/sync-health/sync-health-page';
import { reportThresholds } from '../app/report';
import type { Protocol } from '../protocol';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Db } from '../store';

export interface AdminRoutersDeps {
  readonly db: Db;
  readonly protocol: Protocol;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Unset: the admin API answers 401 with how to set it, and the scorecard page is not served. */
  readonly adminToken: string | undefined;
  /** Where records open in each CRM, for the Sync Health page's links. */
  readonly recordLinks?: () => Promise<RecordLinks>;
  /** The period the page's monthly pack covers by default (the scorecard router's default when unset). */
  readonly packPeriod?: string;
}

/**
 * The operator's routes: the admin API (leads and their timelines, dead letters, protocol
 * versions, diagnostic answers, metrics, Bull Board) and the scorecard page, behind ADMIN_TOKEN;
 * and the read-only pages of the links `leadpact share` makes.
 * The page and `leadpact report` use the same thresholds, so they show the same numbers.
 */
export function adminRouters(deps: AdminRoutersDeps): (services: HttpServices) => readonly Router[] {
  const thresholds = reportThresholds(deps.protocol);
  return ({ queues, apply }) => {
    const admin = adminRouter({ apply, adminToken: deps.adminToken, queues, thresholds });
    // Links made with `leadpact share` open without the admin token, so they work without one too.
    const shared = sharedRouter({
      db: deps.db,
      now: () => deps.clock.now(),
      thresholds,
      ...(deps.packPeriod === undefined ? {} : { packPeriod: deps.packPeriod }),
    });
    if (deps.adminToken === undefined) return [admin, shared];
    return [
      admin,
      shared,
      scorecardRouter({
        db: deps.db,
        adminToken: deps.adminToken,
        now: () => deps.clock.now(),
        thresholds,
        ...(deps.packPeriod === undefined ? {} : { packPeriod: deps.packPeriod }),
      }),
      meetingsPageRouter({ db: deps.db, adminToken: deps.adminToken, now: () => deps.clock.now() }),
      syncHealthRouter({
        db: deps.db,
        queues,
        adminToken: deps.adminToken,
        now: () => deps.clock.now(),
        ...(deps.recordLinks === undefined ? {} : { links: deps.recordLinks }),
      }),
    ];
  };
}
