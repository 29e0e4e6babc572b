import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { replayDeadLetters } from '../../app/dead-letters';
import { leadTimeline, searchLeads } from '../../app/sync-health/lead-search';
import { syncHealthData } from '../../app/sync-health/sync-health-data';
import { escapeHtml as esc } from '../../metrics/format';
import type { Queues } from '../../queue/queues';
import { InputError, LeadpactError } from '../../shared/errors';
import type { Db } from '../../store';
import { createSyncHealthRepository } from '../../store/sync-health-repository';
import { pageGuard, pageSignIn, type SignedInPage } from '../page-session';
import {
  page,
  renderReplayConfirmation,
  renderSearch,
  renderSyncHealth,
  renderTimeline,
  type RecordLinks,
} from './sync-health-page';

export interface SyncHealthRouterDeps {
  readonly db: Db;
  /** Replaying a failed job puts it back on its queue (a failed CRM write goes to the outbox, no queue needed). */
  readonly queues?: Pick<Queues, 'inbound' | 'timers' | 'maintenance'>;
  readonly adminToken: string;
  /** Protocol time (the demo accelerates it): the samples are stamped with it. */
  readonly now: () => number;
  /** Where records open in each CRM; asked per page, so a HubSpot outage never breaks the page. */
  readonly links?: () => Promise<RecordLinks>;
  /** Session expiry runs on real time whatever the protocol clock does; tests may fix it. */
  readonly realNow?: () => number;
}

const LIMIT = '64kb';
const replayForm = z.union([
  z.strictObject({ code: z.string().min(1).max(200) }),
  z.strictObject({ id: z.string().regex(/^[0-9]{1,19}$/) }),
  z.strictObject({
    ids: z.union([z.string().regex(/^[0-9]{1,19}$/), z.array(z.string().regex(/^[0-9]{1,19}$/)).max(10_000)]),
    confirm: z.literal('yes'),
  }),
]);

const SIGN_IN: SignedInPage = {
  landing: '/sync-health',
  loginPage: (base, error) =>
    page(
      'Sync health',
      'Sign in with the admin token',
      `<section class="card">${error === undefined ? '' : `<p class="notice" role="alert">${esc(error)}</p>`}` +
        `<form method="post" action="${esc(base)}/sync-health/session"><label>Admin token<br><input type="password" name="token" required autocomplete="current-password"></label> ` +
        `<button type="submit">Open sync health</button></form></section>`,
      base,
    ),
};

/**
 * The Sync Health page, behind the admin token (the scorecard's sign-in session works here too):
 * GET /sync-health (HTML) and /sync-health.json, POST /sync-health/session (sign-in form),
 * POST /sync-health/replay (a group by code or one dead letter: first a confirmation page, then,
 * with confirm=yes, the replay), GET /sync-health/leads?q= (find a lead by e-mail or CRM id) and
 * GET /sync-health/leads/:id (its "why").
 */
export function syncHealthRouter(deps: SyncHealthRouterDeps): Router {
  const router = Router();
  const realNow = deps.realNow ?? Date.now;
  const form = express.urlencoded({ extended: false, limit: LIMIT });
  const admin = pageGuard(deps.adminToken, realNow, SIGN_IN);
  const links = async (): Promise<RecordLinks> => (deps.links === undefined ? {} : deps.links().catch(() => ({})));
  const html = (res: Response, body: string, status = 200) =>
    res.status(status).type('html').set('Cache-Control', 'no-store').send(body);

  router.post('/sync-health/session', form, pageSignIn(deps.adminToken, realNow, SIGN_IN));
  router.get('/sync-health', admin, async (req, res) => {
    const replayed = typeof req.query.replayed === 'string' ? Number(req.query.replayed) : undefined;
    const notice =
      replayed === undefined || !Number.isFinite(replayed)
        ? undefined
        : `${replayed} dead letter${replayed === 1 ? '' : 's'} replayed: sent again now. A code that comes back means its cause is not fixed yet.`;
    html(res, renderSyncHealth(await syncHealthData(deps.db, deps.now()), req.baseUrl, await links(), notice));
  });
  router.get('/sync-health.json', admin, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await syncHealthData(deps.db, deps.now()));
  });
  router.post('/sync-health/replay', admin, form, async (req, res) => {
    const parsed = replayForm.safeParse(req.body);
    if (!parsed.success) throw new InputError('PAYLOAD_INVALID', 'send a dead letter id or an error code to replay');
    const body = parsed.data;
    if ('confirm' in body) {
      const ids = typeof body.ids === 'string' ? [body.ids] : body.ids;
      const outcomes = await replayDeadLetters(
        { db: deps.db, ...(deps.queues === undefined ? {} : { queues: deps.queues }) },
        ids,
      );
      res.redirect(
        303,
        `${req.baseUrl}/sync-health?replayed=${outcomes.filter((o) => o.result === 'replayed').length}`,
      );
      return;
    }
    const open = await createSyncHealthRepository(deps.db).openDeadLetters(10_000);
    const chosen = 'code' in body ? open.filter((l) => l.code === body.code) : open.filter((l) => l.id === body.id);
    const what = 'code' in body ? `every ${body.code} dead letter` : `dead letter ${body.id}`;
    html(res, renderReplayConfirmation(chosen, what, req.baseUrl));
  });
  router.get('/sync-health/leads', admin, async (req: Request, res) => {
    const query = typeof req.query.q === 'string' ? req.query.q.slice(0, 320) : '';
    html(res, renderSearch(query, await searchLeads(deps.db, query), req.baseUrl, await links()));
  });
  router.get('/sync-health/leads/:id', admin, async (req, res) => {
    const found = await leadTimeline(deps.db, String(req.params.id));
    if (found === null) throw new LeadpactError('NOT_FOUND', `no lead ${String(req.params.id).slice(0, 60)}`);
    html(res, renderTimeline(found.lead, found.timeline, req.baseUrl, await links()));
  });
  return router;
}
