import express, { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { InputError } from '../../shared/errors';
import type { Db } from '../../store/db';
import { pageGuard, pageSignIn, type SignedInPage } from '../page-session';
import type { MetricThresholds } from '../../metrics/catalogue';
import {
  loadStatements,
  recordResponse,
  saveStatements,
  type ResponseProblem,
} from '../../store/metrics/diagnostic-repository';
import {
  describeIssues,
  formResponseSchema,
  responseSchema,
  statementBankSchema,
} from '../../metrics/diagnostic.schema';
import { escapeHtml as esc } from '../../metrics/format';
import { renderAlignmentPack } from '../../metrics/render-pack';
import { htmlDocument, renderScorecard } from '../../metrics/render-scorecard';
import { alignmentPackData, reportCommandData, type ReportOptions } from '../../app/scorecard-data';

export interface ScorecardRouterDeps {
  readonly db: Db;
  readonly adminToken: string;
  /** Protocol time (the demo accelerates it). */
  readonly now: () => number;
  /** From the protocol: the dormancy rule and the not-pursued window, as plain numbers. */
  readonly thresholds: MetricThresholds;
  readonly timeZone?: string;
  /** The period shown when the page is opened without ?period= (default 30d). */
  readonly defaultPeriod?: string;
  /** The period the monthly pack covers without ?period= (default previous-month; the demo's month is the current one). */
  readonly packPeriod?: string;
  /** Session expiry runs on real time whatever the protocol clock does; tests may fix it. */
  readonly realNow?: () => number;
}

const BODY_LIMIT = '64kb';

/**
 * The scorecard page and its admin API, for mounting on the service's app:
 * GET /scorecard (HTML), GET /scorecard.json, POST /scorecard/session (login form),
 * GET /alignment-pack and /alignment-pack.md (the monthly pack; last month unless ?period=),
 * GET|PUT /diagnostic/statements, POST /diagnostic/responses (JSON, or the page's form).
 * Errors are thrown as LeadpactErrors for the app's error handler, except on the HTML paths.
 */
export function scorecardRouter(deps: ScorecardRouterDeps): Router {
  const router = Router();
  const realNow = deps.realNow ?? Date.now;
  const json = express.json({ limit: BODY_LIMIT });
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT });
  const anyone = pageGuard(deps.adminToken, realNow, SIGN_IN, true);
  const bearerOnly = pageGuard(deps.adminToken, realNow, SIGN_IN, false);

  router.post('/scorecard/session', form, pageSignIn(deps.adminToken, realNow, SIGN_IN));
  router.get('/scorecard', anyone, async (req, res) => {
    const data = await reportCommandData(deps.db, reportOptions(deps, req, deps.defaultPeriod ?? '30d'), deps.now());
    if (!data.ok) return sendProblem(res, req.baseUrl, 'Unknown period', data.error);
    const notice =
      req.query.recorded === '1' ? 'Thank you: your answers were recorded and are counted below.' : undefined;
    const html = renderScorecard(data.value, 'html', {
      formAction: 'diagnostic/responses',
      ...(notice === undefined ? {} : { notice }),
    });
    res.type('html').set('Cache-Control', 'no-store').send(html);
  });
  router.get('/scorecard.json', anyone, async (req, res) => {
    const data = await reportCommandData(deps.db, reportOptions(deps, req, deps.defaultPeriod ?? '30d'), deps.now());
    if (!data.ok) throw new InputError('PAYLOAD_INVALID', data.error, { context: { parameter: 'period' } });
    res.set('Cache-Control', 'no-store').json(data.value);
  });
  router.get(['/alignment-pack', '/alignment-pack.md'], anyone, async (req, res) => {
    const pack = await alignmentPackData(
      deps.db,
      reportOptions(deps, req, deps.packPeriod ?? 'previous-month'),
      deps.now(),
    );
    if (!pack.ok) return sendProblem(res, req.baseUrl, 'Unknown period', pack.error);
    const markdown = req.path.endsWith('.md');
    const body = renderAlignmentPack(pack.value.current, pack.value.previous, markdown ? 'markdown' : 'html');
    res
      .type(markdown ? 'text/markdown; charset=utf-8' : 'html')
      .set('Cache-Control', 'no-store')
      .send(body);
  });
  router.get('/diagnostic/statements', anyone, async (_req, res) => {
    res.json(await loadStatements(deps.db));
  });
  router.put('/diagnostic/statements', bearerOnly, json, async (req, res) => {
    await saveStatements(deps.db, parse(statementBankSchema, req.body).statements, deps.now());
    res.json(await loadStatements(deps.db));
  });
  router.post('/diagnostic/responses', anyone, json, form, async (req, res) => {
    const fromForm = req.is('application/x-www-form-urlencoded') !== false;
    const parsed = (fromForm ? formResponseSchema : responseSchema).safeParse(req.body);
    const problem = parsed.success ? await record(deps, parsed.data) : describeIssues(parsed.error);
    if (!fromForm) {
      if (problem !== undefined) throw new InputError('PAYLOAD_INVALID', problem);
      res.status(201).json({ recorded: true });
    } else if (problem === undefined) res.redirect(303, `${req.baseUrl}/scorecard?recorded=1#diagnostic`);
    else sendProblem(res, req.baseUrl, 'Your answers were not recorded', problem);
  });
  return router;
}

function reportOptions(deps: ScorecardRouterDeps, req: Request, defaultPeriod: string): ReportOptions {
  const period = typeof req.query.period === 'string' ? req.query.period : defaultPeriod;
  return { period, thresholds: deps.thresholds, ...(deps.timeZone === undefined ? {} : { timeZone: deps.timeZone }) };
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new InputError('PAYLOAD_INVALID', describeIssues(parsed.error));
  return parsed.data;
}

/** undefined when recorded, else what was wrong, in words. */
async function record(deps: ScorecardRouterDeps, input: z.infer<typeof responseSchema>): Promise<string | undefined> {
  const saved = await recordResponse(deps.db, input, deps.now());
  return saved.ok ? undefined : describeProblem(saved.error);
}

function describeProblem(problem: ResponseProblem): string {
  switch (problem.kind) {
    case 'unanswered':
      return `every statement needs an answer; missing: ${problem.ids.join(', ')}`;
    case 'unknown_statement':
      return `not in the statement bank: ${problem.ids.join(', ')}`;
  }
}

const SIGN_IN: SignedInPage = { landing: '/scorecard', loginPage };

function loginPage(base: string, error: string | undefined): string {
  return htmlDocument(
    'Lead protocol scorecard: sign in',
    `<header class="top"><div><h1>Lead protocol scorecard</h1><p class="period">Sign in with the admin token</p></div></header>` +
      `<main><section class="card">${error === undefined ? '' : `<p class="notice" role="alert">${esc(error)}</p>`}` +
      `<form method="post" action="${esc(base)}/scorecard/session"><label>Admin token<br><input type="password" name="token" required autocomplete="current-password"></label> ` +
      `<button type="submit">Open the scorecard</button></form></section></main>`,
  );
}

/** People get a page, with the way back, rather than a JSON error. */
export function sendProblem(res: Response, base: string, title: string, problem: string): void {
  res
    .status(400)
    .type('html')
    .send(
      htmlDocument(
        title,
        `<header class="top"><div><h1>${esc(title)}</h1></div></header>` +
          `<main><section class="card"><p role="alert">${esc(problem)}</p><p><a href="${esc(base)}/scorecard">Back to the scorecard</a></p></section></main>`,
      ),
    );
}
