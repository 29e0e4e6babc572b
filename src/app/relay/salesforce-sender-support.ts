import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { LeadEvent, Protocol } from '../../protocol';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { PauseGate } from '../../queue/pause-gate';
import type { OutboxRow } from '../../store';
import type { OutcomeSink } from '../inbound/write-outcomes';
import type { OwnerPicker } from './owner-picker';
import type { RowOutcome } from './outbox-relay';

/** What the Salesforce sender's parts share: its dependencies, the rows' outcomes, and the news they queue. */

export interface SalesforceSenderDeps {
  readonly port: SalesforcePort;
  readonly picker: OwnerPicker;
  /** The protocol's field names: the status and rejection code a matched record keeps, the HubSpot id to upsert by. */
  readonly protocol: Pick<Protocol, 'salesStatus' | 'writeBack' | 'fieldSync' | 'salesforceOrg'>;
  readonly clock: Pick<Clock, 'now'>;
  readonly logger: Logger;
  /** Where the outcomes of hand-offs and reassignments go, to be applied by the inbound path. */
  readonly outcomes: OutcomeSink;
  readonly gate: PauseGate;
  /** After this many attempts a retryable failure is final (the relay's limit). */
  readonly maxAttempts: number;
}

export type Outcomes = Map<string, RowOutcome>;

/** The news of one hand-off or reassignment, and what becomes of its row once the news is queued. */
export interface Feedback {
  readonly row: OutboxRow;
  readonly event: LeadEvent;
  readonly outcome: RowOutcome;
}

/** The rows whose payload is the effect `schema` describes; any other is dead (JOB_DATA_INVALID). */
export function parsed<T>(
  rows: readonly OutboxRow[],
  outcomes: Outcomes,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): { row: OutboxRow; effect: T }[] {
  return rows.flatMap((row) => {
    const result = schema.safeParse(row.payload);
    if (result.success) return [{ row, effect: result.data }];
    outcomes.set(row.id, {
      kind: 'dead',
      code: 'JOB_DATA_INVALID',
      message: `outbox row ${row.kind} has an unexpected shape`,
    });
    return [];
  });
}

export /**
 * Queues the news for the inbound path, all leads in one job; a row's outcome is recorded only once
 * that worked. If it fails the rows are retried (the Salesforce writes are idempotent).
 */
async function feedBack(deps: SalesforceSenderDeps, feedback: readonly Feedback[], outcomes: Outcomes): Promise<void> {
  if (feedback.length === 0) return;
  try {
    await deps.outcomes.enqueue(feedback.map(({ row, event }) => ({ leadId: row.leadId, event })));
    for (const { row, outcome } of feedback) outcomes.set(row.id, outcome);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const { row } of feedback) outcomes.set(row.id, { kind: 'retry', code: 'QUEUE_UNAVAILABLE', message });
  }
}
