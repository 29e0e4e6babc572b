import { repositories } from '../../../src/store';
import type { Harness } from '../../support/pipeline-harness';

/**
 * What the CDC scenario tests share: the stack with the org reporting by Change Data Capture only
 * (SALESFORCE_CHANGES=cdc: no outbound message is configured), and the counts they assert.
 */

/** REST reads of records: sObject Collections retrieve, SOQL queries, single-record reads. */
export function retrieves(h: Harness): number {
  return Object.entries(h.sf.calls().byRoute)
    .filter(([route]) => /^(POST|GET) \/composite\/sobjects\/:type$|^GET \/(query|sobjects\/:type\/:id)$/.test(route))
    .reduce((total, [, n]) => total + n, 0);
}

/** Change events the service has handled (read back where needed, then applied), by its /metrics counter. */
export async function cdcEventsHandled(h: Harness): Promise<number> {
  const { values } = await h.metrics.protocolEvents.get();
  return values.filter((v) => v.labels.name === 'salesforce_cdc_events').reduce((sum, v) => sum + v.value, 0);
}

/** Outbound messages the org sent (delivered or not): none, when Salesforce reports by CDC only. */
export function outboundMessages(h: Harness): number {
  const stats = h.sf.outboundStats();
  return stats.attempts + stats.pending;
}

/** The user the harness's `sales` connector acts as (the first active user who is not leadpact's). */
export function salesUser(h: Harness): string {
  const { userIds, integrationUserId } = h.sf.defaults();
  return userIds.find((id) => id !== integrationUserId) ?? '';
}

/** The change events the service has applied, by its own counter. */
export async function cdcEvents(h: Harness): Promise<number> {
  return (
    (await h.metrics.registry.getSingleMetricAsString('leadpact_cdc_events_total'))
      .split('\n')
      .filter((line) => line.startsWith('leadpact_cdc_events_total'))
      .map((line) => Number(line.split(' ')[1]))[0] ?? 0
  );
}

/** Waits until the service has nothing left to do: no inbound or maintenance job, no CRM write pending. */
export async function settled(h: Harness): Promise<void> {
  const queues = h.runtime.pipeline?.queues;
  for (let idle = 0; idle < 3;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Maintenance keeps its repeating jobs delayed: only what runs or waits to run counts there.
    const counts = await Promise.all([
      queues?.inbound.getJobCounts('waiting', 'active', 'delayed') ?? {},
      queues?.maintenance.getJobCounts('waiting', 'active') ?? {},
    ]);
    const pending = await repositories(h.db).outbox.pending();
    idle = pending === 0 && counts.every((c) => Object.values(c).every((n) => n === 0)) ? idle + 1 : 0;
  }
}

export function storedLead(h: Harness, salesforceId: unknown) {
  return repositories(h.db).leads.findBySalesforceId(salesforceId as never);
}
