import { setTimeout as sleep } from 'node:timers/promises';
import { ProgressDisplay } from '../shared/progress';
import type { ScorecardData } from '../metrics';
import { reportCommandData } from '../app/scorecard-data';
import { reportThresholds } from '../app/report';
import { ruleFeedbackReport } from '../app/rule-feedback';
import { renderRuleFeedback } from '../metrics/render-rule-feedback';
import { describeProtocolDiff } from '../protocol';
import type { Logger } from '../shared/logger';
import { repositories } from '../store';
import { crmCounts, type CrmCounts } from './agreement';
import { runPeriod } from './demo-options';
import { auditSince, lastEventId, ledgerCounts } from './demo-queries';
import type { DemoStack } from './demo-stack';
import { JointMeetings } from './joint-meetings';
import { MarketDriver } from './market-driver';
import { formatMoment, momentOf, Narrator } from './narration';
import { statusLine } from './status-line';

export interface PlayOptions {
  /** Real milliseconds to play; null: until a stop is requested. */
  readonly durationMs: number | null;
  readonly seed: number;
  readonly startAt: number;
  /** The zone the simulated clock is shown in. */
  readonly timeZone: string;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly tty: boolean;
  readonly stopRequested: Promise<string>;
  readonly logger: Logger;
}

/** How often the market is played (real time: a few protocol minutes at the default speed). */
const TICK_MS = 25;
/** How often the status line and the narration are refreshed. */
const STATUS_MS = 500;

export interface Played {
  readonly stoppedBy: 'duration' | 'signal';
  readonly failedActs: number;
  /** Webhook events HubSpot gave up on (leadpact refused them, or never answered). */
  readonly droppedWebhookEvents: number;
  /** The scorecard and the CRMs at the end, once the work in flight was done. */
  readonly final: FinalState;
  /** `leadpact rules` over the run: how each rule's leads fared, and the changes proposed. */
  readonly ruleFeedback: string;
}

/** Draws the status line and tells the moments recorded since the last call (and `told`); `final` ends the line. */
function liveReport(
  demo: DemoStack,
  driver: MarketDriver,
  options: PlayOptions,
): (final: boolean, told?: readonly string[]) => Promise<void> {
  const { stack, db, clock } = demo;
  const display = new ProgressDisplay(options.err, options.tty, Date.now, 5_000);
  const narrator = new Narrator();
  const context = {
    protocol: stack.protocol,
    describe: (id: string) => driver.describe(id),
    timeZone: options.timeZone,
  };
  let lastAudit = 0;
  return async (final, told = []) => {
    for (const text of told) {
      display.interrupt();
      options.out.write(`${formatMoment({ category: 'meeting', at: clock.now(), text }, options.timeZone)}\n`);
    }
    for (const row of await auditSince(db, lastAudit)) {
      lastAudit = row.id;
      const moment = momentOf(row, context);
      if (moment === null || !narrator.admit(moment, Date.now())) continue;
      display.interrupt();
      options.out.write(`${formatMoment(moment, options.timeZone)}\n`);
    }
    display.note(statusLine(clock.now(), options.timeZone, stack.hs.contacts().length, await ledgerCounts(db)), final);
  };
}

/**
 * Plays the market until the duration is over or a stop is requested, drawing the status line
 * and narrating the moments worth telling as leadpact records them; then lets the work in flight
 * finish and takes the final state.
 */
export async function playMarket(demo: DemoStack, options: PlayOptions): Promise<Played> {
  const { stack, clock } = demo;
  const driver = new MarketDriver({
    sf: stack.sf,
    hs: stack.hs,
    salesforce: stack.sales,
    protocol: stack.protocol,
    clock,
    logger: options.logger.child({ module: 'market' }),
    seed: options.seed,
    startAt: options.startAt,
  });
  const report = liveReport(demo, driver, options);
  const meetings = new JointMeetings(demo.db, options.startAt, stack.protocol);
  let stopped: string | null = null;
  void options.stopRequested.then((signal) => {
    stopped = signal;
  });
  const deadline = options.durationMs === null ? Number.POSITIVE_INFINITY : Date.now() + options.durationMs;
  let nextReport = 0;
  try {
    while (stopped === null && Date.now() < deadline) {
      await driver.tick();
      const told = await meetings.tick(clock.now());
      if (told.length > 0) await report(false, told);
      if (Date.now() >= nextReport) {
        await report(false);
        nextReport = Date.now() + STATUS_MS;
      }
      await sleep(TICK_MS);
    }
  } finally {
    driver.stop();
  }
  const stoppedAt = Date.now();
  await stopTheClocks(demo);
  const final = await finalState(demo, options.startAt);
  options.logger.debug(
    {
      ms: Date.now() - stoppedAt,
      steady: final.steady,
      webhooks: stack.hs.calls().webhooks,
      outbound: stack.sf.outboundStats(),
    },
    'work in flight done; final state taken',
  );
  await report(true);
  return {
    ruleFeedback: await ruleFeedbackText(demo, final.scorecard),
    stoppedBy: stopped === null ? 'duration' : 'signal',
    failedActs: driver.failed,
    droppedWebhookEvents: stack.hs.calls().webhooks.droppedEvents,
    final,
  };
}

/** The rule feedback of the run's period, as `leadpact rules` prints it; the reason in words when there is none. */
async function ruleFeedbackText(demo: DemoStack, scorecard: ScorecardData): Promise<string> {
  const report = await ruleFeedbackReport(demo.db, { period: scorecard.period.spec }, scorecard.generatedAt);
  if (!report.ok) return `RULE FEEDBACK: none (${report.error})`;
  const r = report.value;
  const proposals = r.proposals.map((p) => ({
    ...p,
    replay: describeProtocolDiff(p.dryRun.diff, { before: p.dryRun.before, after: p.dryRun.after }),
  }));
  return renderRuleFeedback(r.feedback, { period: r.period.label, version: r.version }, proposals);
}

/**
 * The market is closed, so leadpact's timers are held too: an SLA running on while nobody works
 * would breach every open lead during the seconds the last work takes, and each run would end
 * differently. The timer and maintenance queues are paused; the inbound work in flight completes.
 */
async function stopTheClocks(demo: DemoStack): Promise<void> {
  const queues = demo.stack.runtime.pipeline?.queues;
  await Promise.all([queues?.timers.pause(), queues?.maintenance.pause()]);
}

/** Work in flight: webhooks and outbound messages undelivered, inbound jobs, CRM writes in the outbox. */
async function inFlight(demo: DemoStack): Promise<number> {
  const { stack, db } = demo;
  const outbox = await repositories(db).outbox.pending();
  const inbound =
    (await stack.runtime.pipeline?.queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized')) ?? {};
  return outbox + stack.sf.outboundStats().pending + Object.values(inbound).reduce((sum, n) => sum + n, 0);
}

/** Waits until nothing is in flight for three looks in a row (HubSpot's gathered webhooks are sent at once). */
export async function settle(demo: DemoStack, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let quiet = 0; quiet < 3;) {
    if (Date.now() > deadline) return false;
    await demo.stack.hs.flushWebhooks();
    await sleep(150);
    quiet = (await inFlight(demo)) === 0 ? quiet + 1 : 0;
  }
  return true;
}

export interface FinalState {
  readonly scorecard: ScorecardData;
  readonly crm: CrmCounts;
  /** Whether nothing moved while the scorecard was computed. */
  readonly steady: boolean;
}

/**
 * The scorecard and the CRMs' own counts, taken together. The simulated clock keeps running, so an
 * SLA timer may fire meanwhile: the pair counts only if the audit trail and the CRMs did not move
 * while the scorecard was computed and nothing was left in flight; otherwise it is taken again.
 */
export async function finalState(demo: DemoStack, startAt: number, attempts = 4): Promise<FinalState> {
  const { stack, db, clock } = demo;
  const crm = () =>
    crmCounts(
      {
        salesforce: {
          leads: stack.sf.records('Lead'),
          contacts: stack.sf.records('Contact'),
          opportunities: stack.sf.records('Opportunity'),
        },
        hubspot: stack.hs.contacts(),
      },
      stack.protocol,
    );
  for (let attempt = 1; ; attempt++) {
    await settle(demo);
    const [eventsBefore, before] = [await lastEventId(db), crm()];
    // One instant for the period's end and the scorecard's "now": `report --to` computes as of it.
    const now = clock.now();
    const data = await reportCommandData(
      db,
      { period: runPeriod(startAt, now), thresholds: reportThresholds(stack.protocol), timeZone: 'UTC' },
      now,
    );
    if (!data.ok) throw new Error(data.error);
    const after = crm();
    const steady =
      (await lastEventId(db)) === eventsBefore &&
      JSON.stringify(before) === JSON.stringify(after) &&
      (await inFlight(demo)) === 0;
    if (steady || attempt >= attempts) return { scorecard: data.value, crm: after, steady };
  }
}
