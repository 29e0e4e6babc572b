import { createHash, randomBytes } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { openShareLink, SHARED_PATH, type ShareLink } from '../../app/share-links';
import { alignmentPackData, reportCommandData, type ReportOptions } from '../../app/scorecard-data';
import type { MetricThresholds } from '../../metrics/catalogue';
import { describeIssues, formResponseSchema } from '../../metrics/diagnostic.schema';
import { renderAlignmentPack } from '../../metrics/render-pack';
import { htmlDocument, renderScorecard } from '../../metrics/render-scorecard';
import type { Db } from '../../store/db';
import { recordResponse } from '../../store/metrics/diagnostic-repository';
import { sendProblem } from '../scorecard/scorecard-router';
import { secureCookies } from '../secure-cookies';

export interface SharedRouterDeps {
  readonly db: Db;
  /** Protocol time, for the figures (the demo accelerates it). */
  readonly now: () => number;
  /** Links expire on real time whatever the protocol clock does. */
  readonly realNow?: () => number;
  readonly thresholds: MetricThresholds;
  readonly timeZone?: string;
  readonly defaultPeriod?: string;
  readonly packPeriod?: string;
}

const COOKIE = 'leadpact_shared';
const BODY_LIMIT = '64kb';

interface Visitor {
  readonly link: ShareLink;
  /** A random id per browser, so an anonymous person answering twice replaces their answers. */
  readonly browser: string;
}

function cookieOf(req: Request): { token: string; browser: string } | undefined {
  const header = req.get('cookie') ?? '';
  const value = header
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  const match = value === undefined ? null : /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/.exec(value);
  return match === null ? undefined : { token: match[1] ?? '', browser: match[2] ?? '' };
}

/**
 * The read-only doors of `leadpact share`: GET /shared/<token> checks the link and sets a cookie
 * scoped to /shared (it never opens the admin API or the signed-in scorecard, whose session is
 * another cookie), then /shared/scorecard, /shared/scorecard.json, /shared/alignment-pack(.md) and
 * POST /shared/diagnostic/responses. Every request checks the link again, so a revocation or the
 * expiry closes it at once. Nothing here writes but questionnaire answers.
 */
export function sharedRouter(deps: SharedRouterDeps): Router {
  const router = Router();
  const realNow = deps.realNow ?? Date.now;
  const visitors = new WeakMap<Request, Visitor>();
  const visitor = (req: Request): Visitor => {
    const found = visitors.get(req);
    if (found === undefined) throw new Error('shared route reached without its guard');
    return found;
  };
  const guard = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const held = cookieOf(req);
    const link = held === undefined ? undefined : await openShareLink(deps.db, held.token, realNow());
    if (held === undefined || link === undefined) {
      closed(res, 401);
      return;
    }
    visitors.set(req, { link, browser: held.browser });
    next();
  };
  const options = (req: Request, fallback: string): ReportOptions => ({
    period: typeof req.query.period === 'string' ? req.query.period : fallback,
    thresholds: deps.thresholds,
    ...(deps.timeZone === undefined ? {} : { timeZone: deps.timeZone }),
  });

  router.get(`${SHARED_PATH}/scorecard`, guard, async (req, res) => {
    const data = await reportCommandData(deps.db, options(req, deps.defaultPeriod ?? '30d'), deps.now());
    if (!data.ok) return sendProblem(res, SHARED_PATH, 'Unknown period', data.error);
    const { link } = visitor(req);
    const html = renderScorecard(data.value, 'html', {
      formAction: 'diagnostic/responses',
      access: { anonymous: true, team: link.audience },
      ...(req.query.recorded === '1' ? { notice: 'Thank you: your answers were recorded and are counted below.' } : {}),
    });
    res.type('html').set('Cache-Control', 'no-store').send(html);
  });
  router.get(`${SHARED_PATH}/scorecard.json`, guard, async (req, res) => {
    const data = await reportCommandData(deps.db, options(req, deps.defaultPeriod ?? '30d'), deps.now());
    if (!data.ok) return sendProblem(res, SHARED_PATH, 'Unknown period', data.error);
    res.set('Cache-Control', 'no-store').json(data.value);
  });
  router.get([`${SHARED_PATH}/alignment-pack`, `${SHARED_PATH}/alignment-pack.md`], guard, async (req, res) => {
    const pack = await alignmentPackData(deps.db, options(req, deps.packPeriod ?? 'previous-month'), deps.now());
    if (!pack.ok) return sendProblem(res, SHARED_PATH, 'Unknown period', pack.error);
    const markdown = req.path.endsWith('.md');
    res
      .type(markdown ? 'text/markdown; charset=utf-8' : 'html')
      .set('Cache-Control', 'no-store')
      .send(renderAlignmentPack(pack.value.current, pack.value.previous, markdown ? 'markdown' : 'html'));
  });
  router.post(
    `${SHARED_PATH}/diagnostic/responses`,
    guard,
    express.urlencoded({ extended: false, limit: BODY_LIMIT }),
    async (req, res) => {
      const parsed = formResponseSchema.safeParse(answering(visitor(req), req.body));
      if (!parsed.success)
        return sendProblem(res, SHARED_PATH, 'Your answers were not recorded', describeIssues(parsed.error));
      const saved = await recordResponse(deps.db, parsed.data, deps.now());
      if (!saved.ok)
        return sendProblem(
          res,
          SHARED_PATH,
          'Your answers were not recorded',
          `every statement needs one answer (${saved.error.kind})`,
        );
      res.redirect(303, `${SHARED_PATH}/scorecard?recorded=1#diagnostic`);
    },
  );
  router.get(`${SHARED_PATH}/:token`, async (req, res) => {
    const token = req.params.token ?? '';
    const link = await openShareLink(deps.db, token, realNow());
    if (link === undefined) return closed(res, 404);
    const browser = randomBytes(16).toString('base64url');
    const maxAge = Math.max(1, Math.floor((link.expiresAt - realNow()) / 1000));
    res.set(
      'Set-Cookie',
      // Lax, not Strict: the link arrives from mail or chat, a navigation from another site.
      `${COOKIE}=${token}.${browser}; Path=${SHARED_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secureCookies(req) ? '; Secure' : ''}`,
    );
    res.redirect(303, `${SHARED_PATH}/scorecard`);
  });
  return router;
}

/**
 * The form as the visitor sent it, with what the link decides: a link made for one team answers
 * for that team, and an empty name is an anonymous respondent, one per browser (answering again
 * replaces the earlier answers, as a named respondent's do).
 */
function answering(visitor: Visitor, body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const form = { ...(body as Record<string, unknown>) };
  if (visitor.link.audience !== null) form.function = visitor.link.audience;
  const name = typeof form.respondent === 'string' ? form.respondent.trim() : '';
  if (name === '') {
    const id = createHash('sha256').update(`${visitor.link.id}:${visitor.browser}`).digest('hex').slice(0, 12);
    form.respondent = `anonymous ${id}`;
  }
  return form;
}

function closed(res: Response, status: 401 | 404): void {
  res
    .status(status)
    .type('html')
    .send(
      htmlDocument(
        'Link closed',
        `<header class="top"><div><h1>This shared link is closed</h1></div></header>` +
          `<main><section class="card"><p role="alert">The link has expired or was revoked, or this browser never opened it. ` +
          `Ask whoever shared it for a new one (they make it with <code>leadpact share</code>).</p></section></main>`,
      ),
    );
}
