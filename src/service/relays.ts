import type { Redis } from 'ioredis';
import type { HubSpotPort } from '../../connectors/hubspot/hubspot-port';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import type { ApplyDeps } from '../app/apply-events/apply-events';
import { createEchoMemory } from '../queue/echo-memory';
import { createPauseGate } from '../queue/pause-gate';
import { hubspotSender } from '../app/relay/hubspot-sender';
import { OutboxRelay } from '../app/relay/outbox-relay';
import { createOwnerPicker } from '../app/relay/owner-picker';
import { salesforceSender } from '../app/relay/salesforce-sender';
import type { Logger } from '../shared/logger';
import { repositories, type Db } from '../store';

export interface RelayDeps {
  readonly db: Db;
  readonly redis: Redis;
  readonly prefix: string;
  readonly apply: ApplyDeps;
  readonly salesforce: SalesforcePort;
  readonly hubspot: HubSpotPort;
  readonly logger: Logger;
}

export interface Relays {
  close(): Promise<void>;
}

const MAX_WRITE_ATTEMPTS = 10;

/**
 * One outbox relay per CRM, as the workers run them (jobs/pipeline.ts), sharing the workers' pause
 * gate, round-robin counters and echo memory in Redis: leases keep a row from being sent twice when
 * a service runs beside this process.
 */
export function startRelays(deps: RelayDeps): Relays {
  const gate = createPauseGate(deps.redis, deps.prefix);
  const common = { db: deps.db, gate, logger: deps.logger, flushWindowMs: 200, maxAttempts: MAX_WRITE_ATTEMPTS };
  const relays = [
    new OutboxRelay({
      ...common,
      crm: 'salesforce',
      batchSize: 200,
      send: salesforceSender({
        port: deps.salesforce,
        picker: createOwnerPicker(deps.redis, deps.prefix),
        apply: deps.apply,
        gate,
        maxAttempts: MAX_WRITE_ATTEMPTS,
      }),
    }),
    new OutboxRelay({
      ...common,
      crm: 'hubspot',
      batchSize: 100,
      send: hubspotSender({ port: deps.hubspot, echo: createEchoMemory(deps.redis, deps.prefix) }),
    }),
  ];
  for (const relay of relays) relay.start();
  return {
    async close() {
      await Promise.all(relays.map((relay) => relay.close()));
    },
  };
}

export type DrainOutcome = { readonly drained: true } | { readonly drained: false; readonly waiting: number };

/**
 * Waits until the outbox is empty (every write sent or dead-lettered), or `timeoutMs` passed: rows
 * waiting for a retry stay for the service's relays, and the caller says so.
 */
export async function waitForOutbox(
  db: Db,
  timeoutMs: number,
  onTick: (waiting: number) => void,
  signal?: AbortSignal,
  pollMs = 250,
): Promise<DrainOutcome> {
  const outbox = repositories(db).outbox;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const waiting = await outbox.pending();
    onTick(waiting);
    if (waiting === 0) return { drained: true };
    if (Date.now() >= deadline || signal?.aborted === true) return { drained: false, waiting };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
