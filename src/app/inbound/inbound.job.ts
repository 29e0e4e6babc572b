import type { HubSpotPort } from '../../../connectors/hubspot/hubspot-port';
import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { HubSpotContactId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import { repositories } from '../../store';
import { applyMany, type ApplyDeps, type Routed } from '../apply-events/apply-events';
import type { EchoMemory } from '../../queue/echo-memory';
import type { SeenEvents } from '../../queue/seen-events';
import type { ErrorCode } from '../../shared/error-codes';
import type { ContactReader } from './contact-reader';
import { routeContact, routeDeletion, routeMerge } from './hubspot-changes';
import type { HubSpotNotice, InboundQueueJob, SalesforceNotice } from './inbound.schema';
import { confirmedRemovals, mergeParts } from './removal-checks';
import { routeSalesforceChange, withConversions } from './salesforce-changes';
import { salesforceReadFields } from './salesforce-fields';
import { readBack } from './salesforce-read-back';
import type { SessionVault } from './session-vault';
import { processSalesforceCdc } from './salesforce-cdc';
import type { ReconcileWindow } from './salesforce-cdc.schema';

export { changedAt } from './salesforce-changes';
import type { WriteOutcomeEvent } from './write-outcomes';

export interface InboundDeps {
  readonly apply: ApplyDeps;
  readonly hubspot: HubSpotPort;
  /**
   * Reads back the records an outbound message names, checks its SessionId, and asks which Lead an
   * unknown Contact was converted from (withConversions).
   */
  readonly salesforce: Pick<SalesforcePort, 'findConversions' | 'integrationUser' | 'retrieve' | 'isOwnSession'>;
  readonly reader: ContactReader;
  readonly echo: EchoMemory;
  readonly seen: SeenEvents;
  /** Where the ingress kept the SessionId of an outbound message whose job carries its reference. */
  readonly sessions: Pick<SessionVault, 'take'>;
  /** Counts a message dropped here as a refused webhook (leadpact_webhook_refusals_total, source salesforce). */
  readonly onRefused: (code: ErrorCode) => void;
  readonly logger: Logger;
  /** The contact properties the engine needs (contactPropertiesToRead). */
  readonly properties: readonly string[];
  /** Has reconciliation cover an object from an instant on (a CDC delete, overflow or lost replay). */
  readonly reconcileWindow?: (window: ReconcileWindow) => Promise<void>;
}

/**
 * Processes one webhook request's worth of notices, or the outcomes of a relay's writes; safe to run
 * twice (dedupe, then idempotent events).
 */
export async function processInbound(deps: InboundDeps, job: InboundQueueJob): Promise<number> {
  switch (job.source) {
    case 'hubspot':
      return processHubSpot(deps, job.notices);
    case 'salesforce':
      return processSalesforce(deps, job.notices, job);
    case 'outcome':
      return processOutcomes(deps, job.outcomes);
    case 'salesforce-cdc':
      return processSalesforceCdc(deps, job.changes);
  }
}

/** A relay's news of its writes, each event for the lead whose write it was. */
async function processOutcomes(deps: InboundDeps, outcomes: readonly WriteOutcomeEvent[]): Promise<number> {
  await applyRouted(
    deps,
    outcomes.map(({ leadId, event }) => ({ keys: [{ kind: 'lead', id: leadId }], build: () => [event] })),
  );
  return outcomes.length;
}

async function unseen<T>(deps: InboundDeps, items: readonly T[], keyOf: (item: T) => string): Promise<T[]> {
  const seen = await deps.seen.seen(items.map(keyOf));
  return items.filter((_, i) => seen[i] !== true);
}

async function processHubSpot(deps: InboundDeps, all: readonly HubSpotNotice[]): Promise<number> {
  const notices = await confirmedRemovals(
    {
      hubspot: deps.hubspot,
      logger: deps.logger,
      onUnconfirmed: (count) => deps.apply.onMetric?.('hubspot_removal_unconfirmed', {}, count),
    },
    await dropEchoes(deps, await unseen(deps, all, (n) => `hs:${n.eventId}`)),
  );
  const routed: Routed[] = [];
  const gone = new Set<HubSpotContactId>();
  for (const notice of notices) {
    if (notice.kind === 'deletion' || notice.kind === 'privacyDeletion') {
      gone.add(notice.objectId);
      routed.push(routeDeletion(notice.objectId, notice.kind === 'privacyDeletion', notice.eventId, notice.occurredAt));
    }
  }
  await applyMerges(
    deps,
    notices.filter((n) => n.kind === 'merge'),
  );
  const toRead = notices.filter(
    (n) =>
      n.kind !== 'deletion' &&
      n.kind !== 'privacyDeletion' &&
      n.kind !== 'merge' &&
      !gone.has(n.objectId) &&
      !deps.reader.covered(n.objectId, n.occurredAt),
  );
  const sources = new Map(toRead.map((n) => [n.objectId, n.changeSource]));
  const contacts = await deps.reader.read(toRead.map((n) => ({ id: n.objectId, occurredAt: n.occurredAt })));
  for (const contact of contacts) routed.push(routeContact(contact, sources.get(contact.id)));
  await applyRouted(deps, routed);
  for (const contact of contacts) deps.reader.applied(contact);
  await deps.seen.mark(all.map((n) => `hs:${n.eventId}`));
  return routed.length;
}

/**
 * Our own writes come back as propertyChange events: recognised by value and dropped before any read.
 * A notice without its value (the ingress leaves out over-long ones) is never taken for an echo.
 */
async function dropEchoes(deps: InboundDeps, notices: readonly HubSpotNotice[]): Promise<HubSpotNotice[]> {
  const changes = notices.filter(
    (n) => n.kind === 'propertyChange' && n.propertyName !== undefined && n.propertyValue !== undefined,
  );
  const echoes = await deps.echo.areEchoes(
    'hubspot',
    changes.map((n) => ({ recordId: n.objectId, field: n.propertyName ?? '', value: n.propertyValue ?? '' })),
  );
  const dropped = new Set(changes.filter((_, i) => echoes[i] === true));
  return notices.filter((n) => !dropped.has(n));
}

async function applyMerges(deps: InboundDeps, merges: readonly HubSpotNotice[]): Promise<void> {
  const leads = repositories(deps.apply.db).leads;
  for (const merge of merges) {
    const { survivor, merged } = mergeParts(merge);
    const survivorHadLead = (await leads.findByHubSpotId(survivor)) !== null;
    // Applied one after the other: the first lead re-pointed to the survivor makes the next one a duplicate.
    for (const contactId of merged) {
      const survivorHasLead = (await leads.findByHubSpotId(survivor)) !== null;
      await applyRouted(deps, [
        routeMerge(contactId, survivor, merged, survivorHasLead, merge.eventId, merge.occurredAt),
      ]);
    }
    // A survivor that had a lead of its own holds some of the absorbed contact's values now.
    if (survivorHadLead)
      await applyRouted(deps, [routeMerge(survivor, survivor, merged, true, merge.eventId, merge.occurredAt)]);
  }
}

/**
 * How a job names the message's SessionId (at most one of the two): by its reference in the session
 * vault, or, in a job queued before the vault, the id itself.
 */
interface SessionOfMessage {
  readonly sessionRef?: string | undefined;
  readonly sessionId?: string | undefined;
}

/**
 * An outbound message names records; what they hold is read back from Salesforce (readBack). A
 * SessionId the message carries must be a live session of our org, or the whole message is dropped.
 */
async function processSalesforce(
  deps: InboundDeps,
  all: readonly SalesforceNotice[],
  session: SessionOfMessage,
): Promise<number> {
  const notices = await unseen(deps, all, (n) => `sf:${n.notificationId}`);
  let routed: Routed[] = [];
  if (notices.length > 0 && (await sessionHolds(deps, session))) {
    const read = await readBack(
      {
        salesforce: deps.salesforce,
        fields: salesforceReadFields(deps.apply.protocol),
        logger: deps.logger,
        // Protocol time: the wall clock in production, the simulated CRMs' clock in the demo.
        now: deps.apply.clock.now(),
      },
      notices,
    );
    const hubspotIdField = deps.apply.protocol.writeBack.salesforce.hubspotContactId;
    const changes = await withConversions(deps.apply.db, deps.salesforce, read);
    routed = changes.flatMap(
      (change) => routeSalesforceChange(change, hubspotIdField, deps.salesforce.integrationUser()) ?? [],
    );
    await applyRouted(deps, routed);
  }
  await deps.seen.mark(all.map((n) => `sf:${n.notificationId}`));
  return routed.length;
}

/** Whether the message may be acted on: it carried no SessionId, or one that is a live session of our org. */
async function sessionHolds(deps: InboundDeps, session: SessionOfMessage): Promise<boolean> {
  if (session.sessionRef === undefined && session.sessionId === undefined) return true;
  const sessionId = session.sessionRef === undefined ? session.sessionId : await deps.sessions.take(session.sessionRef);
  if (sessionId === undefined) {
    // Kept for as long as a verified session is remembered; a job that waited longer cannot be
    // verified, and is dropped as a forged one would be (reconciliation reads real changes).
    deps.logger.warn('the session of an outbound message had expired before it could be checked; dropped');
    deps.onRefused('WEBHOOK_SESSION_INVALID');
    return false;
  }
  if (await deps.salesforce.isOwnSession(sessionId)) return true;
  deps.logger.warn('an outbound message carried a session that is not a live session of our org; dropped');
  deps.onRefused('WEBHOOK_SESSION_INVALID');
  return false;
}

/** Changes are applied in batches of up to 200 leads: one load and one save per batch. */
export async function applyRouted(deps: Pick<InboundDeps, 'apply'>, routed: readonly Routed[]): Promise<void> {
  for (let start = 0; start < routed.length; start += APPLY_BATCH)
    await applyMany(deps.apply, routed.slice(start, start + APPLY_BATCH));
}

const APPLY_BATCH = 200;
