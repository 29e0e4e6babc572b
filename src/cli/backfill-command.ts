import type { Queue } from 'bullmq';
import { DEFAULT_PREFIX, QUEUE_NAMES } from '../queue/queues';
import { backfill, type BackfillSource, type SourceOutcome } from '../app/backfill';
import { BACKFILL_RATE_SHARE } from '../app/backfill-budget';
import { closeRedis, connectRedis } from '../queue/connect-redis';
import { startWorkers } from '../service/workers';
import { createMetrics, type Metrics } from '../observability/metrics';
import { waitForOutbox, type DrainOutcome } from '../app/drain-outbox';
import { connectorsFromEnv } from '../service/connectors';
import { Lifecycle } from '../service/lifecycle';
import { activateProtocol, readProtocolFile } from '../service/protocol-source';
import { systemClock } from '../shared/clock';
import { err, ok, type Result } from '../shared/result';
import type { Logger } from '../shared/logger';
import { openStore, repositories, type Db } from '../store';
import { stderrLogger, stringOption, usageError } from './cli-support';
import { parseWholeNumber } from '../shared/option-values';
import type { Command, CommandContext } from './command';
import { backfillSpec } from './command-specs';
import { ProgressDisplay } from '../shared/progress';

export const backfillCommand: Command = { ...backfillSpec, run: runBackfill };

/** Exit code when the API budget paused the backfill: run the same command later to resume. */
export const EXIT_PAUSED = 3;

const LABELS: Readonly<Record<BackfillSource, string>> = {
  'hubspot:contacts': 'HubSpot contacts',
  'salesforce:Lead': 'Salesforce leads',
  'salesforce:Contact': 'Salesforce contacts',
};

export function parseSince(text: string | undefined): Result<number, string> {
  if (text === undefined) return ok(0);
  const instant = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)
    ? Date.parse(`${text}T00:00:00Z`)
    : /^[0-9]{4}-[0-9]{2}-[0-9]{2}T/.test(text)
      ? Date.parse(text)
      : Number.NaN;
  if (Number.isNaN(instant))
    return err(
      `--since expects a date (2026-01-31) or an ISO 8601 instant (2026-01-31T09:00:00Z), got ${JSON.stringify(text.slice(0, 40))}`,
    );
  if (instant > Date.now()) return err('--since is in the future: nothing has changed since then');
  return ok(instant);
}

async function runBackfill(context: CommandContext): Promise<number> {
  if (context.positionals.length > 0)
    return usageError(backfillCommand, context, `unexpected argument ${JSON.stringify(context.positionals[0])}`);
  const since = parseSince(stringOption(context, 'since'));
  if (!since.ok) return usageError(backfillCommand, context, since.error);
  const drainSeconds = parseWholeNumber(stringOption(context, 'drain-timeout') ?? '300', 'drain-timeout', 0, 86_400);
  if (!drainSeconds.ok) return usageError(backfillCommand, context, drainSeconds.error);
  const logger = stderrLogger(context.env, 'backfill');
  const lifecycle = new Lifecycle(logger);
  try {
    return await session(context, logger, lifecycle, since.value, drainSeconds.value * 1000);
  } finally {
    await lifecycle.shutdown(15_000);
  }
}

async function session(
  context: CommandContext,
  logger: Logger,
  lifecycle: Lifecycle,
  since: number,
  drainMs: number,
): Promise<number> {
  const { env } = context;
  const loaded = await readProtocolFile(env.protocolFile);
  const db = await openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, logger });
  lifecycle.add('connections', 'database', () => db.close());
  // A version name always means one text: the backfill stamps leads with it, as the service does.
  await activateProtocol(db, loaded, env.protocolFile);
  // Said plainly and at once when Redis is not there, rather than by workers reconnecting forever.
  await closeRedis(await connectRedis(env.redisUrl, 'producer', logger));
  // The backfill takes a share of HubSpot's per-window rate; hand-offs from the service get the rest.
  const connectors = await connectorsFromEnv(
    {
      ...env,
      hubspot: { ...env.hubspot, ratePer10s: Math.max(1, Math.floor(env.hubspot.ratePer10s * BACKFILL_RATE_SHARE)) },
    },
    logger,
  );
  lifecycle.add('connections', 'connectors', () => connectors.close());
  const metrics = createMetrics({ defaultMetrics: false });
  // The relays send the backfill's writes; the inbound worker applies their outcomes (a hand-off's
  // Salesforce id), which the HubSpot feedback waits for. A running service would do the same.
  const workers = await startWorkers(
    {
      db,
      protocol: loaded.protocol,
      clock: systemClock,
      logger,
      metrics,
      redisUrl: env.redisUrl,
      prefix: DEFAULT_PREFIX,
    },
    { ...connectors, processes: [QUEUE_NAMES.inbound] },
    lifecycle,
  );
  const { apply } = workers.deps;

  const stop = new AbortController();
  void context.stopRequested.then(() => stop.abort());
  const display = new ProgressDisplay(context.err, 'isTTY' in context.err && context.err.isTTY === true);
  const outbox = repositories(db).outbox;
  let outcomes: SourceOutcome[];
  try {
    outcomes = await backfill(
      {
        db,
        apply,
        hubspot: connectors.hubspot,
        salesforce: connectors.salesforce,
        signal: stop.signal,
        onPage: async (progress) => {
          const state = {
            label: LABELS[progress.source],
            doneThisRun: progress.readThisRun,
            doneTotal: progress.read,
            fraction: progress.fraction,
          };
          display.update(
            { ...state, extra: `changes up to ${progress.position.slice(0, 10)}  outbox ${await outbox.pending()}` },
            progress.done,
          );
        },
      },
      since,
    );
  } finally {
    display.interrupt();
  }
  const drained = stop.signal.aborted
    ? undefined
    : await drain(display, db, workers.queues.inbound, drainMs, stop.signal);
  return finish(context, outcomes, drained, await engineCounts(metrics));
}

async function drain(
  display: ProgressDisplay,
  db: Db,
  inbound: Queue,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<DrainOutcome> {
  const outcome = await waitForOutbox(
    db,
    timeoutMs,
    (waiting) => display.note(`Sending the CRM writes: ${waiting} waiting`),
    signal,
    undefined,
    async () => sum(await inbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
  );
  display.interrupt();
  return outcome;
}

function finish(
  context: CommandContext,
  outcomes: readonly SourceOutcome[],
  drained: DrainOutcome | undefined,
  engine: string,
): number {
  const counts = outcomes.map((o) => `${LABELS[o.source]}: ${o.read} read (${o.readThisRun} this run)`).join('; ');
  const last = outcomes.at(-1);
  if (last?.status === 'interrupted') {
    context.out.write(
      `Backfill interrupted. ${counts}.\nEvery page read so far is stored; run the same command to resume.\n`,
    );
    return 1;
  }
  if (last?.status === 'paused') {
    context.out.write(
      `Backfill paused to stay inside the API budget: ${last.reason}.\n${counts}.\nRun the same command later to resume.\n`,
    );
    return EXIT_PAUSED;
  }
  context.out.write(`Backfill finished. ${counts}.\n`);
  if (engine !== '') context.out.write(`What the protocol engine did with them: ${engine}.\n`);
  if (drained?.drained === false) {
    context.out.write(
      `${drained.waiting} CRM writes are still waiting in the outbox (retrying); the service's workers will send them. See \`leadpact dlq\` for any that failed for good.\n`,
    );
    return 0;
  }
  context.out.write('Every CRM write was sent (or, if it failed for good, is listed by `leadpact dlq`).\n');
  return 0;
}

/** leadpact_protocol_events_total's names, as a person says them. */
const ENGINE_EVENTS: Readonly<Record<string, string>> = {
  'lead.transition': 'stage changes',
  'lead.refused': 'stage changes refused',
  'handoff.requested': 'hand-offs to Sales',
  'handoff.blocked': 'hand-offs blocked',
  'handoff.failed': 'hand-offs failed',
  'protocol.violation': 'protocol violations',
  'sla.at_risk': 'SLA clocks at risk',
  'sla.breached': 'SLA breaches',
  'sla.met': 'SLAs met',
  'sla.escalated': 'escalations',
  'field.reverted': 'field edits reverted',
  'field.quarantined': 'fields quarantined',
};

/** The engine's outcomes in this run (leadpact_protocol_events_total), in words: "150 stage changes, 3 hand-offs". */
async function engineCounts(metrics: Metrics): Promise<string> {
  const totals = new Map<string, number>();
  for (const { labels, value } of (await metrics.protocolEvents.get()).values) {
    const name = String(labels.name ?? '');
    totals.set(name, (totals.get(name) ?? 0) + value);
  }
  return [...totals]
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, value]) => `${value} ${ENGINE_EVENTS[name] ?? name}`)
    .join(', ');
}

function sum(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}
