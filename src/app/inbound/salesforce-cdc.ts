import type { LeadConversion } from '../../../connectors/salesforce/salesforce-port';
import { lookupKey, repositories } from '../../store';
import { isSalesforceId, type SalesforceId } from '../../shared/ids';
import type { CdcChange } from './salesforce-cdc.schema';
import type { LeadKey, Routed } from '../apply-events/apply-events';
import type { SalesforceNotice } from './inbound.schema';
import { isFollowedObject, routeSalesforceChange, withConversions, type SalesforceChange } from './salesforce-changes';
import { salesforceReadFields } from './salesforce-fields';
import { readBack } from './salesforce-read-back';
import { applyRouted, type InboundDeps } from './inbound.job';

/**
 * Change Data Capture events become lead events. Unlike an outbound message, a change event comes
 * on an authenticated stream and carries the values, so it is applied as it is whenever it fully
 * describes the change: a create; an update of a Lead or Contact the ledger follows (the engine
 * takes a partial record); an update of an Opportunity a lead is linked to, whose unnamed facts the
 * lead holds (an update of one no lead is linked to means nothing to leadpact and is not read).
 * Anything else is read back like a notification: a gap event (GAP_CREATE … GAP_UNDELETE,
 * the values were lost), an undelete, an update of a record the ledger does not know. A delete
 * asks for a reconciliation run (queryAll tells a merge from a delete), and GAP_OVERFLOW for a
 * reconciliation window over the object from the transaction's commit.
 * https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_event_fields_header.htm
 */

function keyOf(change: CdcChange, recordId: string): string {
  return `sfcdc:${change.transactionKey}:${change.sequenceNumber}:${recordId}`;
}

/** Applies a batch of change events (whole transactions, in commit order). */
export async function processSalesforceCdc(deps: InboundDeps, all: readonly CdcChange[]): Promise<number> {
  const seen = await deps.seen.seen(all.map((c) => keyOf(c, c.recordIds[0] ?? '')));
  const changes = all.filter((c, i) => seen[i] !== true && isFollowedObject(c.object));
  const known = await knownRecords(deps, changes);
  const merging = mergeTransactions(changes);
  const direct: SalesforceChange[] = [];
  const notices: SalesforceNotice[] = [];
  for (const change of changes) {
    for (const id of change.recordIds as SalesforceId[]) {
      const survivor = merging.has(`${change.transactionKey}|${change.object}`);
      switch (describes(change, known.get(id), survivor)) {
        case 'apply':
          direct.push(toChange(change, id));
          break;
        case 'read':
          notices.push({ notificationId: keyOf(change, id), object: change.object, recordId: id });
          break;
        case 'reconcile':
          await deps.reconcileWindow?.({ object: change.object, since: change.commitTimestamp, reason: 'delete' });
          break;
        case 'skip':
          break;
      }
    }
    if (change.changeType === 'GAP_OVERFLOW')
      await deps.reconcileWindow?.({ object: change.object, since: change.commitTimestamp, reason: 'gap_overflow' });
  }
  const read =
    notices.length === 0
      ? []
      : await readBack(
          {
            salesforce: deps.salesforce,
            fields: salesforceReadFields(deps.apply.protocol),
            logger: deps.logger,
            now: deps.apply.clock.now(),
          },
          notices,
        );
  deps.apply.onMetric?.('salesforce_cdc_events', {}, changes.length);
  const routed = await route(deps, [...withBatchConversions(direct), ...read]);
  await applyRouted(deps, routed);
  await deps.seen.mark(all.map((c) => keyOf(c, c.recordIds[0] ?? '')));
  return routed.length;
}

/**
 * Transactions that delete Leads or Contacts (`transactionKey|object`). A merge is one: it deletes the
 * losers and updates the master (Apex Developer Guide, "Triggers and Merge Statements"; change events
 * follow the same operations). The reconciliation the delete asks for tells a merge from a delete and
 * reads the master from the commit on, so an unknown master is left to it: read back on its own it
 * would pass for a new Lead sourced by Sales, and the losers' leads could not move onto it.
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_merge_statements.htm
 */
function mergeTransactions(changes: readonly CdcChange[]): Set<string> {
  return new Set(
    changes
      .filter((c) => (c.changeType === 'DELETE' || c.changeType === 'GAP_DELETE') && isPerson(c.object))
      .map((c) => `${c.transactionKey}|${c.object}`),
  );
}

function isPerson(object: string): boolean {
  return object === 'Lead' || object === 'Contact';
}

type Known = 'known' | 'incomplete';

function describes(
  change: CdcChange,
  known: Known | undefined,
  mergeSurvivor: boolean,
): 'apply' | 'read' | 'reconcile' | 'skip' {
  switch (change.changeType) {
    case 'CREATE':
      return 'apply';
    case 'UPDATE':
      if (isPerson(change.object)) return known === 'known' ? 'apply' : mergeSurvivor ? 'skip' : 'read';
      if (change.object === 'Opportunity') {
        if (known === undefined) return 'skip';
        return known === 'known' && Object.hasOwn(change.fields, 'StageName') ? 'apply' : 'read';
      }
      return Object.hasOwn(change.fields, 'WhoId') ? 'read' : 'skip';
    case 'UNDELETE':
    case 'GAP_CREATE':
    case 'GAP_UPDATE':
    case 'GAP_UNDELETE':
      return 'read';
    case 'DELETE':
    case 'GAP_DELETE':
      return isPerson(change.object) ? 'reconcile' : 'skip';
    case 'GAP_OVERFLOW':
      return 'skip';
  }
}

/**
 * What the ledger knows of the updated records, in one query. A Lead or Contact is known when it
 * is followed. An Opportunity is known when a lead holds its facts — linked to it with its amount,
 * or converting to it in this batch, whose create event comes with the conversion — which fill in
 * what an update leaves out; linked without an amount it is incomplete, and unknown when no lead
 * is linked to it (no read could route it to one).
 */
async function knownRecords(deps: InboundDeps, changes: readonly CdcChange[]): Promise<Map<string, Known>> {
  const converting = new Set(
    changes.map((c) => c.fields.ConvertedOpportunityId).filter((id) => typeof id === 'string'),
  );
  const keys = new Map<string, LeadKey>();
  for (const change of changes.filter((c) => c.changeType === 'UPDATE'))
    for (const id of change.recordIds as SalesforceId[]) {
      if (isPerson(change.object)) keys.set(id, { kind: 'salesforce', id });
      if (change.object === 'Opportunity') keys.set(id, { kind: 'opportunity', id });
    }
  if (keys.size === 0) return new Map();
  const found = await repositories(deps.apply.db).leads.findMany([...keys.values()]);
  const known = new Map<string, Known>();
  for (const [id, key] of keys) {
    const lead = found.get(lookupKey(key));
    if (converting.has(id)) known.set(id, 'known');
    else if (lead !== undefined)
      known.set(id, key.kind === 'opportunity' && lead.amount === null ? 'incomplete' : 'known');
  }
  return known;
}

function toChange(change: CdcChange, id: SalesforceId): SalesforceChange {
  return {
    object: change.object,
    id,
    // Change events leave out SystemModstamp: the commit is when this state became Salesforce's. Whole
    // seconds, as SystemModstamp has them, so it compares with a stamp read back through REST.
    fields: {
      ...change.fields,
      Id: id,
      SystemModstamp: new Date(Math.floor(change.commitTimestamp / 1_000) * 1_000).toISOString(),
    },
    changeId: `${change.transactionKey}:${change.sequenceNumber}:${id}`,
    at: change.commitTimestamp,
    mayCreate: true,
  };
}

/**
 * A conversion's Lead update names its Contact and Opportunity, which the same transaction creates
 * (and Salesforce sends first): a Contact created in the same batch needs no query, and the
 * Opportunity's create is applied right after the conversion, so that its amount reaches the lead.
 */
function withBatchConversions(changes: readonly SalesforceChange[]): SalesforceChange[] {
  const conversions = new Map<string, LeadConversion>();
  const opportunities = new Map<string, SalesforceId>();
  for (const change of changes) {
    const contactId = change.fields.ConvertedContactId;
    if (change.object !== 'Lead' || typeof contactId !== 'string' || !isSalesforceId(contactId)) continue;
    const idOrNull = (v: unknown) => (typeof v === 'string' && isSalesforceId(v) ? v : null);
    const opportunityId = idOrNull(change.fields.ConvertedOpportunityId);
    conversions.set(contactId, {
      leadId: change.id,
      contactId,
      accountId: idOrNull(change.fields.ConvertedAccountId),
      opportunityId,
    });
    if (opportunityId !== null) opportunities.set(opportunityId, change.id);
  }
  const created = (change: SalesforceChange) => change.object === 'Opportunity' && opportunities.has(change.id);
  // Each converting Lead's opportunity changes, in their order, to follow its conversion.
  const follow = new Map<string, SalesforceChange[]>();
  for (const change of changes.filter(created)) {
    const lead = opportunities.get(change.id) as SalesforceId;
    follow.set(lead, [...(follow.get(lead) ?? []), { ...change, convertedLead: lead }]);
  }
  return changes.flatMap((change) => {
    if (created(change)) return [];
    const convertedFrom = change.object === 'Contact' ? conversions.get(change.id) : undefined;
    const following = change.object === 'Lead' ? (follow.get(change.id) ?? []) : [];
    follow.delete(change.id);
    return [convertedFrom === undefined ? change : { ...change, convertedFrom }, ...following];
  });
}

async function route(deps: InboundDeps, changes: readonly SalesforceChange[]): Promise<Routed[]> {
  const pending = changes.filter((c) => c.convertedFrom === undefined);
  const looked = await withConversions(deps.apply.db, deps.salesforce, pending);
  const resolved = changes.map((c) => (c.convertedFrom === undefined ? (looked[pending.indexOf(c)] ?? c) : c));
  const hubspotIdField = deps.apply.protocol.writeBack.salesforce.hubspotContactId;
  return resolved.flatMap(
    (change) => routeSalesforceChange(change, hubspotIdField, deps.salesforce.integrationUser()) ?? [],
  );
}
