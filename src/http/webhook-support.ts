import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { inboundJobSchema, type InboundJob } from '../app/inbound/inbound.schema';
import type { SessionVault } from '../app/inbound/session-vault';
import type { Metrics } from '../observability/metrics';
import { InputError, LeadpactError } from '../shared/errors';
import type { ReplayGuard } from './replay-guard';

/** Where accepted webhooks go: the inbound queue. Resolves once the job is stored in Redis. */
export type Enqueue = (job: InboundJob, jobId: string) => Promise<void>;

export interface WebhookDeps {
  readonly enqueue: Enqueue;
  /** The externally visible base URL HubSpot signs (PUBLIC_URL). */
  readonly publicUrl: string;
  readonly hubspotClientSecret: string;
  /** Our own app: its writes coming back are dropped here, and events of any other app refused. */
  readonly hubspotAppId: string | undefined;
  /**
   * Our HubSpot account (HUBSPOT_PORTAL_ID, or learned from the access token): asked on the first
   * HubSpot request and kept; asked again only if it failed.
   */
  readonly hubspotPortalId: () => Promise<string>;
  readonly salesforceOrgId: string;
  /** Where an outbound message's SessionId waits for the worker; the job carries only its reference. */
  readonly sessions: SessionVault;
  readonly metrics: Metrics;
  readonly now: () => number;
  /**
   * The host's wall clock, which a HubSpot signature's timestamp is checked against (default
   * Date.now). Never the lead clock: a signature's age is real time on the wire.
   */
  readonly wallNow?: () => number;
  /** Refuses a signed HubSpot request seen before; without it, copies are only deduplicated. */
  readonly replays?: ReplayGuard;
}

export function bodyOf(req: Request): Buffer {
  if (!Buffer.isBuffer(req.body)) throw new InputError('PAYLOAD_INVALID', 'The request has no body.');
  return req.body;
}

/**
 * One job per request, its id derived from the events, so a redelivered request is not queued twice.
 * The job is checked against the schema the worker applies: a request the worker would refuse is
 * refused here, with its reason, instead of failing later with every other event it carried.
 */
export async function enqueue(
  deps: WebhookDeps,
  job: InboundJob,
  prefix: string,
  ids: readonly string[],
): Promise<void> {
  const checked = inboundJobSchema.safeParse(job);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return reject(
      deps,
      job.source,
      new InputError(
        'PAYLOAD_INVALID',
        `The webhook carries a value leadpact does not accept at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      ),
    );
  }
  await store(deps, job, prefix, ids);
}

/** Queues a job already known to pass the worker's schema, under the id its events give it. */
export async function store(deps: WebhookDeps, job: InboundJob, prefix: string, ids: readonly string[]): Promise<void> {
  const jobId = `${prefix}-${createHash('sha256')
    .update([...ids].sort().join(','))
    .digest('hex')
    .slice(0, 40)}`;
  await orQueueUnavailable(() => deps.enqueue(job, jobId));
}

/** A failure to store what was accepted: a 503, so the sender redelivers. */
export async function orQueueUnavailable<T>(store: () => Promise<T>): Promise<T> {
  try {
    return await store();
  } catch (error) {
    throw new LeadpactError('QUEUE_UNAVAILABLE', 'The webhook could not be queued; the sender will redeliver it.', {
      cause: error,
    });
  }
}

export function reject(deps: WebhookDeps, source: 'hubspot' | 'salesforce', error: InputError): never {
  deps.metrics.webhookEvents.inc({ source, outcome: 'rejected' });
  throw error;
}
