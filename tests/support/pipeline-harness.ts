import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SalesforceSimulator } from '../../connectors/salesforce/simulator';
import type { PipelineSettings } from '../../jobs/pipeline';
import {
  routedProtocol,
  startSimulatedStack,
  type SimulatedStack,
  type SimulatedStackOptions,
} from '../../src/demo/simulated-stack';
import type { Protocol } from '../../src/protocol';
import type { Clock } from '../../src/shared/clock';
import { migrate } from '../../src/store/migrate';
import type { Db } from '../../src/store';
import { openTestDatabase, type TestDatabase } from './databases';
import { TEST_REDIS_URL } from './redis-server';

/** The simulated stack the demo runs, on a test database and Redis prefix of its own. */
export interface Harness extends SimulatedStack {
  readonly db: Db;
  readonly prefix: string;
}

export interface HarnessOptions {
  readonly database?: 'postgres' | 'pglite';
  readonly clock?: Clock;
  readonly pipeline?: Partial<PipelineSettings>;
  /** Deliver webhooks and outbound messages to the service (default true). */
  readonly notifications?: boolean;
  readonly hubspotRatePer10s?: number;
  /** How long Salesforce sessions live (an accelerated clock would expire the default 2 h in seconds). */
  readonly salesforceSessionTtlMs?: number;
  /** The protocol the service runs (default the shipped config/protocol.yaml), routed to the simulated org. */
  readonly protocolText?: string;
  /** How Salesforce reports changes: outbound messages (default) or Change Data Capture. */
  readonly salesforceChanges?: 'outbound' | 'cdc';
  readonly cdc?: SimulatedStackOptions['cdc'];
}

export const EXAMPLE_PROTOCOL = readFileSync(join(__dirname, '..', '..', 'config', 'protocol.yaml'), 'utf8');

/** Both simulators, the store, and the whole service (HTTP ingress and workers) wired as in production. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const database: TestDatabase = await openTestDatabase(options.database ?? 'postgres');
  await migrate(database.db);
  const prefix = `{lp-${randomBytes(4).toString('hex')}}`;
  const stack = await startSimulatedStack({
    db: database.db,
    redisUrl: TEST_REDIS_URL,
    prefix,
    protocolText: options.protocolText ?? EXAMPLE_PROTOCOL,
    disposeRedisKeys: true,
    pipeline: { reconcileEveryMs: 3_600_000, ...options.pipeline },
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.notifications === undefined ? {} : { notifications: options.notifications }),
    ...(options.salesforceChanges === undefined ? {} : { salesforceChanges: options.salesforceChanges }),
    ...(options.cdc === undefined ? {} : { cdc: options.cdc }),
    ...(options.hubspotRatePer10s === undefined ? {} : { hubspot: { ratePer10s: options.hubspotRatePer10s } }),
    ...(options.salesforceSessionTtlMs === undefined
      ? {}
      : { salesforce: { sessionTtlMs: options.salesforceSessionTtlMs } }),
  });
  return {
    ...stack,
    db: database.db,
    prefix,
    async close() {
      await stack.close();
      await database.dispose();
    },
  };
}

/** The example protocol, routed to the simulated org's active users and lead queue. */
export function simulatedProtocol(sf: SalesforceSimulator): Protocol {
  return routedProtocol(EXAMPLE_PROTOCOL, sf);
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
