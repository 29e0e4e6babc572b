import { randomBytes } from 'node:crypto';
import { hubspotProvisionSpec, salesforceAccessNeeds, salesforceFieldSpecs } from '../../src/app/provision-specs';
import { MARKETING_PROPERTIES } from '../../src/demo/marketing-properties';
import { CAMPAIGN_METRICS_SCHEMA } from '../../src/metrics/writeback-spec';
import { hubspotRoles } from '../../src/protocol/field-sync';
import { freePort } from '../../src/shared/net';
import { silentLogger } from '../../src/shared/logger';
import type { Db } from '../../src/store';
import { migrate } from '../../src/store/migrate';
import { createPgDb, dropPgSchema } from '../../src/store/pg-db';
import { BENCH_DATABASE_URL, BENCH_REDIS_URL, PROTOCOL, disposeKeys, firstReconciliation } from './bench-stack';
import { startChild, type Child } from './child';
import { connectCrms, startRole } from './remote-service';
import type { SimCalls, SimReply, SimRequest } from './sim-process';
import type { StatementCounts } from './counted-db';
import type { WorkerArgument, WorkerReply, WorkerRequest } from './worker-process';

/**
 * The service as it runs in production, in processes of its own: the simulated CRMs in one child,
 * `leadpact serve` (the webhook ingress) in this process, `leadpact work` in N children, all on one
 * Redis and one Postgres schema.
 */
export interface ProcessStack {
  readonly db: Db;
  readonly workers: readonly Child<WorkerRequest, WorkerReply>[];
  /** The simulated users create contacts in HubSpot: numbered from `from`. */
  createContacts(from: number, count: number): Promise<void>;
  calls(): Promise<SimCalls>;
  /** CPU ms used so far by each process: this one (ingress and the bench), the simulators, each worker. */
  cpu(): Promise<{ ingress: number; simulators: number; workers: number[] }>;
  /** Statements the workers sent to Postgres so far, summed over the workers. */
  statements(): Promise<StatementCounts>;
}

type SimChild = Child<SimRequest, SimReply>;

export async function withProcessStack<T>(workers: number, run: (stack: ProcessStack) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const prefix = `{lp-bench-${randomBytes(3).toString('hex')}}`;
  const db = await createPgDb({
    connectionString: BENCH_DATABASE_URL,
    schema,
    logger: silentLogger(),
    maxConnections: 12,
  });
  const started: { stop(): Promise<void> }[] = [];
  try {
    await migrate(db);
    const sim = await startChild<SimRequest, SimReply>('sim-process', {});
    started.push(sim);
    if (sim.ready.op !== 'ready') throw new Error('the simulators did not describe themselves');
    const sims = sim.ready.simulators;
    const crms = await connectCrms(sims, PROTOCOL);
    // As `leadpact provision` sets up both CRMs before the service starts.
    await crms.salesforce.provisionFields(salesforceFieldSpecs(crms.protocol), salesforceAccessNeeds(crms.protocol));
    await crms.hubspot.provision(hubspotProvisionSpec(crms.protocol));
    await crms.hubspot.provision(MARKETING_PROPERTIES);
    await crms.hubspot.provisionObjectSchema(CAMPAIGN_METRICS_SCHEMA);
    const port = await freePort();
    const serve = await startRole('serve', { db, redisUrl: BENCH_REDIS_URL, prefix, crms, sims }, port);
    started.push({ stop: () => serve.close() });
    await sim.ask({
      op: 'connect',
      baseUrl: `http://127.0.0.1:${port}`,
      hubspotProperties: [...hubspotRoles(crms.protocol).keys()],
    });
    const argument: WorkerArgument = {
      sims,
      databaseUrl: BENCH_DATABASE_URL,
      schema,
      redisUrl: BENCH_REDIS_URL,
      prefix,
    };
    const children = await Promise.all(
      Array.from({ length: workers }, () => startChild<WorkerRequest, WorkerReply>('worker-process', argument)),
    );
    started.push(...children);
    await firstReconciliation(db);
    return await run(processStack(db, sim, children));
  } finally {
    for (const part of started.reverse()) await part.stop();
    await disposeKeys(BENCH_REDIS_URL, prefix);
    await db.close();
    await dropPgSchema(BENCH_DATABASE_URL, schema);
  }
}

function processStack(db: Db, sim: SimChild, workers: ProcessStack['workers']): ProcessStack {
  return {
    db,
    workers,
    async createContacts(from, count) {
      await sim.ask({ op: 'create', from, count });
    },
    async calls() {
      const reply = await sim.ask({ op: 'calls' });
      if (reply.op !== 'calls') throw new Error(`the simulators answered ${reply.op} to calls`);
      return reply.calls;
    },
    async cpu() {
      const own = process.cpuUsage();
      return {
        ingress: (own.user + own.system) / 1000,
        simulators: await sim.cpuMs(),
        workers: await Promise.all(workers.map((w) => w.cpuMs())),
      };
    },
    async statements() {
      const each = await Promise.all(workers.map((w) => w.ask({ op: 'statements' })));
      return sumCounts(each.map((reply) => (reply.op === 'statements' ? reply.statements : undefined)));
    },
  };
}

function sumCounts(all: readonly (StatementCounts | undefined)[]): StatementCounts {
  const add = (into: Record<string, number>, from: Readonly<Record<string, number>>) => {
    for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
  };
  const byKind: Record<string, number> = {};
  const bySql: Record<string, number> = {};
  let transactions = 0;
  for (const counts of all) {
    if (counts === undefined) continue;
    add(byKind, counts.byKind);
    add(bySql, counts.bySql);
    transactions += counts.transactions;
  }
  return { byKind, bySql, transactions };
}
