import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { LeadEvent } from '../../protocol';
import { jobIdFor } from '../../queue/queues';
import type { LeadId } from '../../shared/ids';
import type { OutcomeJob } from './inbound.schema';

/** How one CRM write ended, for the lead it was for: news the inbound path applies like any other. */
export interface WriteOutcomeEvent {
  readonly leadId: LeadId;
  readonly event: LeadEvent;
}

/** Where a relay hands the outcomes of its writes; only the inbound path decides. */
export interface OutcomeSink {
  enqueue(outcomes: readonly WriteOutcomeEvent[]): Promise<void>;
}

/**
 * Outcomes as one job on the inbound queue. The job id comes from the events' ids, which come from
 * the effects' keys: a send retried after the job was added adds no second job, and were it ever
 * added again the engine would take each event once (it remembers the ids of recent events).
 */
export function outcomeQueue(queue: Pick<Queue, 'add'>): OutcomeSink {
  return {
    async enqueue(outcomes) {
      if (outcomes.length === 0) return;
      const job: OutcomeJob = { source: 'outcome', outcomes: [...outcomes] };
      const ids = outcomes.map(({ event }) => event.id).sort();
      const digest = createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 32);
      await queue.add('outcome', job, { jobId: jobIdFor(`outcome:${digest}`) });
    },
  };
}
