import { randomBytes } from 'node:crypto';
import { run as backfillMemory } from './backfill-memory';
import { run as hubspotBacklog } from './hubspot-backlog';
import { run as metricsAggregates } from './metrics-aggregates';
import { run as salesforceUpsert } from './salesforce-upsert';
import { backlogFigures } from './figures/backlog';
import { bareBullmqRate } from './figures/bare-bullmq';
import { burstFigures, callsGapCause, e2eGapCause, statementsPerEvent } from './figures/burst';
import { cdcFigures } from './figures/cdc';
import { hostileXmlFigures } from './figures/hostile-xml';
import { ingestFigures } from './figures/ingest';
import { latencyFigures } from './figures/latency';
import { cpuDetail, flatteningCause, scaleOutFigures } from './figures/scale-out';
import { withProcessStack } from './support/process-stack';
import { BENCH_REDIS_URL, withBenchStack } from './support/bench-stack';

interface Row {
  readonly figure: string;
  readonly value: string;
  readonly goal: string;
  readonly met: boolean | null;
  readonly detail: string;
}

/** The issue's figures first, then the connectors' and the metrics' own benchmarks. */
const FIGURES = [
  'ingest',
  'hostile-xml',
  'e2e',
  'scale-out',
  'latency',
  'cdc',
  'backlog',
  'backfill',
  'salesforce-upsert',
  'hubspot-backlog',
  'aggregates',
] as const;
type Figure = (typeof FIGURES)[number];

const n0 = (x: number) => x.toFixed(0);
const n2 = (x: number) => x.toFixed(2);

async function measure(figure: Figure, prefix: string): Promise<Row[]> {
  switch (figure) {
    case 'hostile-xml': {
      const f = await hostileXmlFigures();
      return [
        {
          figure: '/healthz delay while 1.8 MB hostile outbound messages arrive',
          value: `${n0(f.delayP99Ms)} ms`,
          goal: '< 100 ms',
          met: f.delayP99Ms < 100,
          detail: `p99 ${f.underAttackP99Ms.toFixed(1)} ms under attack vs ${f.quietP99Ms.toFixed(1)} ms quiet; ${f.attacks} bodies of ${f.bodyMb.toFixed(1)} MB (wrong org and ours), ${f.refused} refused`,
        },
      ];
    }
    case 'ingest': {
      const f = await ingestFigures(BENCH_REDIS_URL, prefix);
      return [
        {
          figure: 'webhook ingest req/s ÷ bare node:http parse+enqueue',
          value: n2(f.ratio),
          goal: '≥ 0.85',
          met: f.ratio >= 0.85,
          detail: `medians of ${f.rounds} alternating rounds: leadpact ${n0(f.leadpactRequestsPerSecond)} req/s, bare ${n0(f.bareRequestsPerSecond)} req/s (10 events a request, 32 in flight, ${f.failed} failed); the gap is the serving thread's CPU: ${n0(f.leadpactCpuMicrosPerRequest)} µs a request for leadpact vs ${n0(f.bareCpuMicrosPerRequest)} µs bare (signature HMAC, HubSpot's schema, express routing and headers, the replay claim: work the bare receiver skips)`,
        },
      ];
    }
    case 'e2e': {
      const bare = await bareBullmqRate(BENCH_REDIS_URL, `${prefix}-bare`);
      const f = await withProcessStack(1, (stack) => burstFigures(stack, 10_000));
      const ratio = f.eventsPerSecond / bare.jobsPerSecond;
      const runs = bare.runs.map(n0).join(', ');
      const workerCpu = f.cpu.workers.reduce((a, b) => a + b, 0);
      const per1000 = (s: number) => ((s / f.events) * 1000).toFixed(2);
      for (const [sql, n] of Object.entries(f.statements.bySql)
        .sort(([, a], [, b]) => b - a)
        .slice(0, 12))
        process.stderr.write(`  ${String(n).padStart(7)}  ${sql}\n`);
      return [
        {
          figure: 'end-to-end events/s ÷ bare BullMQ add + no-op worker',
          value: n2(ratio),
          goal: '≥ 0.6',
          met: ratio >= 0.6,
          detail: `${n0(f.eventsPerSecond)} webhook events/s (${f.events} events for ${f.contacts} contacts in ${f.seconds.toFixed(1)} s; the simulator's deliveries ended at ${f.deliveredAfter.toFixed(1)} s) vs ${n0(bare.jobsPerSecond)} jobs/s, median of ${bare.runs.length} runs (${runs}); simulators, ingress and 1 worker each in a process of its own; ${cpuDetail(f)}; per 1,000 events: worker ${per1000(workerCpu)} CPU s, Postgres ${per1000(f.cpu.postgres)} CPU s; Postgres statements per event from the worker ${statementsPerEvent(f)}${ratio >= 0.6 ? '' : `; short of 0.6 on ${e2eGapCause(f, bare.workerCpuMsPerJob)}`}`,
        },
        {
          figure: 'CRM API calls per lead (10,000 burst) ÷ batch-size floor',
          value: n2(f.floorRatio),
          goal: '≤ 1.1',
          met: f.floorRatio <= 1.1,
          detail: `${f.salesforceCalls} Salesforce + ${f.hubspotCalls} HubSpot calls (${f.hubspotReads} batch reads, ${f.hubspotWrites} batch updates${Object.entries(
            f.hubspotOther,
          )
            .map(([r, n]) => `, ${n} ${r}`)
            .join(
              '',
            )}) = ${n2(f.callsPerLead * 1000)} per 1,000 leads; floor ${f.floor}; Salesforce by route: ${Object.entries(
            f.salesforceByRoute,
          )
            .map(([r, n]) => `${n} ${r}`)
            .join(', ')}${f.floorRatio <= 1.1 ? '' : `; over the floor on ${callsGapCause(f)}`}`,
        },
      ];
    }
    case 'scale-out': {
      const points = await scaleOutFigures(Number(process.env['BENCH_SCALE_CONTACTS'] ?? '5000'));
      const one = points[0]?.burst.eventsPerSecond ?? Number.NaN;
      const cause = flatteningCause(points);
      return points.map(({ workers, burst }) => ({
        figure: `end-to-end events/s with ${workers} worker process(es) ÷ 1`,
        value: n2(burst.eventsPerSecond / one),
        goal: 'rises, or the flattening named',
        met: null,
        detail: `${n0(burst.eventsPerSecond)} events/s, ${burst.contacts} contacts in ${burst.seconds.toFixed(1)} s; ${cpuDetail(burst)}${workers === points[points.length - 1]?.workers ? `; flattens on ${cause}` : ''}`,
      }));
    }
    case 'latency': {
      const f = await withBenchStack({}, (stack) => latencyFigures(stack, 500, 30));
      return [
        {
          figure: 'HubSpot change → Salesforce write, p50 / p99 at 500 events/s',
          value: `${n0(f.p50Ms)} / ${n0(f.p99Ms)} ms`,
          goal: 'p99 < 1 s',
          met: f.p99Ms < 1000,
          detail: `${n0(f.eventsPerSecond)} events/s delivered, ${f.leads} leads`,
        },
        {
          figure: 'SLA timer lateness p99 while ingest runs',
          value: `${n0(f.timerP99LateMs)} ms`,
          goal: '≤ 250 ms',
          met: f.timerP99LateMs <= 250,
          detail: `${f.timers} timers, worst ${n0(f.timerMaxLateMs)} ms`,
        },
      ];
    }
    case 'cdc': {
      const f = await withBenchStack({ salesforceChanges: 'cdc' }, (stack) => cdcFigures(stack, 1_000, 200));
      return [
        {
          figure: 'Salesforce change → HubSpot feedback through CDC, p50 / p99 at 200 changes/s',
          value: `${n0(f.p50Ms)} / ${n0(f.p99Ms)} ms`,
          goal: 'p99 < 1 s',
          met: f.p99Ms < 1000,
          detail: `${f.changes} acceptances by reps at ${n0(f.changesPerSecond)}/s, from the rep's commit to the HubSpot contact`,
        },
        {
          figure: 'Salesforce record reads per 1,000 changes through CDC',
          value: n0(f.readsPer1000),
          goal: '0 for changes the event describes',
          met: f.readsPer1000 === 0,
          detail: `all of leadpact's Salesforce calls: ${n0(f.callsPer1000)} per 1,000 changes (its writes back, batched)`,
        },
      ];
    }
    case 'backlog': {
      const f = await withBenchStack({ hubspot: { ratePer10s: 190 } }, (stack) => backlogFigures(stack, 50_000));
      return [
        {
          figure: 'share of 429s, 50,000 backlog at 190 req/10 s',
          value: `${(f.share429 * 100).toFixed(3)} %`,
          goal: '≤ 0.1 %',
          met: f.share429 <= 0.001,
          detail: `${f.rateLimited} of ${f.calls} calls; most in one window ${f.peakWindow}/${f.windowLimit}`,
        },
        {
          figure: 'use of the rate budget, same backlog',
          value: `${(f.budgetUse * 100).toFixed(1)} %`,
          goal: '≥ 95 %',
          met: f.budgetUse >= 0.95,
          detail: `calls ÷ limit over ${f.budgetWindows} whole 10-s window(s) of the drain; ${f.calls} calls in ${f.seconds.toFixed(1)} s in all`,
        },
      ];
    }
    case 'backfill': {
      // Pages are streamed: the peak should stay flat as the contact count grows tenfold.
      const sizes = (process.env['BENCH_BACKFILL_CONTACTS'] ?? '10000,50000,100000').split(',').map(Number);
      const rows: Row[] = [];
      for (const size of sizes) {
        const f = await backfillMemory(size);
        const peak = Number(f.peakRssMb);
        rows.push({
          figure: `peak RSS during a ${size.toLocaleString('en-US')}-contact backfill`,
          value: `${n0(peak)} MB`,
          goal: '< 200 MB',
          met: peak < 200,
          detail: `${String(f.contacts)} contacts in ${String(f.seconds)} s, ${String(f.leadsInLedger)} leads in the ledger (exit ${String(f.exitCode)})`,
        });
      }
      return rows;
    }
    case 'salesforce-upsert': {
      const f = await salesforceUpsert();
      const calls = Number(f.createPassCollectionCalls);
      return [
        {
          figure: '10,000 Leads upserted through the connector: collection calls',
          value: String(calls),
          goal: '50',
          met: calls === 50,
          detail: `${String(f.createPassSeconds)} s, ${String(f.createPassFailedRecords)} failed; update pass ${String(f.updatePassCollectionCalls)} calls`,
        },
      ];
    }
    case 'hubspot-backlog': {
      const f = await hubspotBacklog();
      const limited = Number(f['429s']);
      const use = Number(f.rateBudgetUsePct);
      return [
        {
          figure: '20,000-contact HubSpot backlog at 190 req/10 s: 429s, budget use',
          value: `${limited}, ${use.toFixed(1)} %`,
          goal: '0, ≥ 90 %',
          met: limited === 0 && use >= 90,
          detail: `${String(f.contactsUpdated)} updated in ${String(f.syncSeconds)} s (${String(f.timeBase)})`,
        },
      ];
    }
    case 'aggregates': {
      const f = await metricsAggregates();
      const pg = Number(f.postgresAggregatesSeconds);
      return [
        {
          figure: "one period's aggregates over 50,000 leads (Postgres / PGlite)",
          value: `${pg.toFixed(2)} / ${Number(f.pgliteAggregatesSeconds).toFixed(2)} s`,
          goal: 'a few seconds',
          met: pg < 5,
          detail: `whole scorecard ${String(f.postgresScorecardSeconds)} s / ${String(f.pgliteScorecardSeconds)} s`,
        },
      ];
    }
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const json = argv.includes('--json');
  const asked = argv.filter((a) => !a.startsWith('--'));
  const unknown = asked.filter((a) => !(FIGURES as readonly string[]).includes(a));
  if (unknown.length > 0) throw new Error(`unknown figure ${unknown.join(', ')}; choose from ${FIGURES.join(', ')}`);
  const figures = asked.length === 0 ? FIGURES : (asked as Figure[]);
  const prefix = `{lp-bench-${randomBytes(3).toString('hex')}}`;
  const rows: Row[] = [];
  for (const figure of figures) {
    process.stderr.write(`measuring ${figure}...\n`);
    rows.push(...(await measure(figure, prefix)));
  }
  process.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : table(rows));
}

function table(rows: readonly Row[]): string {
  const head = ['figure', 'value', 'goal', 'met', 'measured'];
  const body = rows.map((r) => [r.figure, r.value, r.goal, r.met === null ? '—' : r.met ? 'yes' : 'NO', r.detail]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return `${[line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
