import type { Queue } from 'bullmq';
import { percentile } from '../support/bench-stack';

/** When each accepted Lead's change event was queued, taken up and done by the inbound queue. */
interface JobTimes {
  readonly queued: number;
  readonly started: number;
  readonly finished: number;
}

interface CdcJobData {
  readonly changes?: readonly { readonly recordIds: readonly string[]; readonly fields: Record<string, unknown> }[];
}

async function jobTimes(inbound: Queue, status: string): Promise<Map<string, JobTimes>> {
  const times = new Map<string, JobTimes>();
  for (const job of await inbound.getJobs(['completed'], 0, -1)) {
    if (job.name !== 'salesforce-cdc' || job.processedOn === undefined || job.finishedOn === undefined) continue;
    const at = { queued: job.timestamp, started: job.processedOn, finished: job.finishedOn };
    for (const change of (job.data as CdcJobData).changes ?? [])
      if (change.fields['Status'] === status) for (const id of change.recordIds) if (!times.has(id)) times.set(id, at);
  }
  return times;
}

function hop(name: string, values: readonly number[]): string {
  return `${name} ${percentile(values, 50).toFixed(0)} / ${percentile(values, 99).toFixed(0)}`;
}

/**
 * Where the time from a rep's commit to HubSpot goes, per change (p50 / p99 ms of each hop), told
 * from outside the service by the inbound queue's job timestamps: the Pub/Sub push, subscriber and
 * CDC source until the job is queued; the wait for an inbound worker; the job applying the change
 * and writing its feedback to the outbox; then the HubSpot relay (waiting for a batch of 100 or
 * the flush window, leasing, the batch call) until the contact shows it.
 */
export async function cdcHops(
  inbound: Queue,
  status: string,
  committedAt: ReadonlyMap<string, number>,
  seenAt: ReadonlyMap<string, number>,
): Promise<string> {
  const times = await jobTimes(inbound, status);
  const queued: number[] = [];
  const waited: number[] = [];
  const ran: number[] = [];
  const relayed: number[] = [];
  for (const [salesforceId, committed] of committedAt) {
    const job = times.get(salesforceId);
    const seen = seenAt.get(salesforceId);
    if (job === undefined || seen === undefined) continue;
    queued.push(job.queued - committed);
    waited.push(job.started - job.queued);
    ran.push(job.finished - job.started);
    relayed.push(seen - job.finished);
  }
  return (
    `  cdc hops, p50 / p99 ms over ${queued.length} changes: ` +
    [
      hop('commit → inbound job queued', queued),
      hop('waiting for a worker', waited),
      hop('job run', ran),
      hop('job done → HubSpot contact shows it', relayed),
    ].join('; ')
  );
}
