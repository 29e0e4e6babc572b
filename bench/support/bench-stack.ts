import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulatedStack, type SimulatedStack, type SimulatedStackOptions } from '../../src/demo/simulated-stack';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../../src/shared/field-specs';
import { closeRedis, createRedis } from '../../src/queue/connection';
import { deleteKeysWithPrefix } from '../../src/queue/redis-keys';
import { silentLogger } from '../../src/shared/logger';
import { repositories, type Db } from '../../src/store';
import { migrate } from '../../src/store/migrate';
import { createPgDb, dropPgSchema } from '../../src/store/pg-db';

export const BENCH_DATABASE_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const PROTOCOL = readFileSync(join(__dirname, '..', '..', '..', 'config', 'protocol.yaml'), 'utf8');

export interface BenchStack extends SimulatedStack {
  readonly db: Db;
  readonly prefix: string;
}

/** The simulated stack on a Postgres schema of its own, torn down afterwards. */
export async function withBenchStack<T>(
  options: Partial<SimulatedStackOptions>,
  run: (stack: BenchStack) => Promise<T>,
): Promise<T> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const db = await createPgDb({
    connectionString: BENCH_DATABASE_URL,
    schema,
    logger: silentLogger(),
    maxConnections: 12,
  });
  const prefix = `{lp-bench-${randomBytes(3).toString('hex')}}`;
  try {
    await migrate(db);
    const stack = await startSimulatedStack({
      db,
      redisUrl: BENCH_REDIS_URL,
      prefix,
      protocolText: PROTOCOL,
      pipeline: { reconcileEveryMs: 3_600_000 },
      disposeRedisKeys: true,
      ...options,
    });
    try {
      await firstReconciliation(db);
      return await run({ ...stack, db, prefix });
    } finally {
      await stack.close();
    }
  } finally {
    await db.close();
    await dropPgSchema(BENCH_DATABASE_URL, schema);
  }
}

/**
 * The service reconciles once at start (then hourly here). Measured as a running service, not a
 * starting one: started late behind the other maintenance jobs, that pass overlaps a burst and
 * reads the contacts the webhooks deliver (99 searches of 100 in one burst, issue 18).
 */
export async function firstReconciliation(db: Db): Promise<void> {
  const cursors = repositories(db).cursors;
  const names = ['hubspot:contacts', ...FOLLOWED_SALESFORCE_OBJECTS.map((object) => `salesforce:${object}`)];
  await until(
    async () => (await Promise.all(names.map((name) => cursors.get(name)))).every((cursor) => cursor !== null),
    60_000,
    'the first reconciliation',
  );
}

/** Every Redis key under the prefix: a benchmark leaves nothing behind. */
export async function disposeKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = createRedis(redisUrl, 'worker', silentLogger());
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    await closeRedis(redis);
  }
}

/** Resolves when `check` holds, polling; throws after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const DAY = 86_400_000;

/** A contact that fits the example protocol's ICP and asked for a demo yesterday: marketing-qualified. */
export function qualified(n: string, now = Date.now()): Record<string, string> {
  return {
    email: `buyer${n}@acme-${n}.io`,
    firstname: 'Dana',
    lastname: `Buyer ${n}`,
    company: `Acme ${n}`,
    country: 'United Kingdom',
    industry: 'COMPUTER_SOFTWARE',
    numberofemployees: '400',
    jobtitle: 'VP Product',
    annualrevenue: '20000000',
    demo_requested_date: String(now - DAY),
    utm_campaign: 'spring-webinar',
  };
}
