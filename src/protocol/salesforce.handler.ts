import type { DecisionContext } from './context';
import type { EventOf, LeadEvent } from './events';
import { ingest } from './field-sync';
import { reject } from './rejection';
import { accept, convert, recordActivity, respond } from './sales-progress';
import { isStageIn, SALES_STAGES } from './stages';
import { isBlank, sameFieldValue, type FieldValue } from './values';
import { repointSalesforce, updateOwner } from './identity';
import type { SalesforceId } from '../shared/ids';

type RecordEvent = Extract<LeadEvent, { salesforceId: SalesforceId }>;

/** Events about a Salesforce record only apply to the lead linked to that record. */
export function linked(ctx: DecisionContext, event: RecordEvent): boolean {
  if (ctx.lead.salesforce?.id === event.salesforceId) return true;
  ctx.ignored = `Salesforce record ${event.salesforceId} is not linked to this lead`;
  return false;
}

function codeText(value: FieldValue | undefined): string | null {
  return isBlank(value) ? null : String(value);
}

/**
 * Sales answers through Status (a Lead; on a Contact, the configured status field or leadpact's
 * sales-response picklist) and the rejection code. Only a change from what leadpact last saw
 * counts, so a record that still says "Closed - Not Converted" from an old cycle decides nothing.
 */
function answer(ctx: DecisionContext, fields: Readonly<Record<string, FieldValue>>, at: number): void {
  const { lead, protocol } = ctx;
  const onContact = lead.salesforce?.object === 'Contact';
  const statusField = onContact ? protocol.salesStatus.contactField : protocol.salesStatus.leadField;
  const responseField = onContact ? protocol.writeBack.salesforce.salesResponse : null;
  const codeField = protocol.writeBack.salesforce.rejectionCode;
  const changed = (name: string | null): name is string =>
    name !== null &&
    fields[name] !== undefined &&
    !(Object.hasOwn(lead.crm.salesforce, name) && sameFieldValue(lead.crm.salesforce[name], fields[name]));
  const said = (name: string | null): string | null =>
    changed(name) && !isBlank(fields[name]) ? String(fields[name]) : null;
  const status = said(statusField);
  const response = said(responseField);
  const codeChanged = changed(codeField);
  ingest(ctx, 'salesforce', fields);
  const code = codeText(lead.crm.salesforce[codeField]);
  const note = codeText(lead.crm.salesforce[protocol.writeBack.salesforce.rejectionNote]);
  const accepted = response === 'accepted' || (status !== null && protocol.salesStatus.accepted.includes(status));
  const rejected = response === 'rejected' || (status !== null && protocol.salesStatus.rejected.includes(status));
  if (accepted) accept(ctx, at);
  else if (rejected) {
    if (isStageIn(lead.stage, SALES_STAGES) || lead.stage === 'rejected') reject(ctx, code, at, note);
  } else if (codeChanged && lead.stage === 'rejected') reject(ctx, code, at, note);
}

/**
 * Whether this state of the record is not older than one already applied. Salesforce does not
 * deliver outbound messages in order (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_om_outboundmessaging_notifications.htm),
 * so a late message carrying an earlier state would put back values Sales has since changed.
 * States within one second cannot be told apart and are applied as they come.
 */
function newestState(ctx: DecisionContext, stamp: number | undefined): boolean {
  if (stamp === undefined) return true;
  const applied = ctx.lead.salesforceStateAt;
  if (applied !== null && stamp < applied) {
    ctx.ignored = `a state of Salesforce record ${ctx.lead.salesforce?.id ?? ''} older than the one applied`;
    return false;
  }
  ctx.lead.salesforceStateAt = stamp;
  return true;
}

/**
 * A Salesforce Lead or Contact changed (outbound message, CDC or poll): the owner, then Sales'
 * answer through Status, activity, and the mapped fields. A converted Lead's status is no answer:
 * its conversion comes as its own event. Deletions and merges come as their own events too.
 */
export function onRecordChanged(ctx: DecisionContext, event: EventOf<'salesforce.lead.changed'>): void {
  if (!linked(ctx, event) || !newestState(ctx, event.stateAt)) return;
  updateOwner(ctx, event.ownerId ?? null);
  if (event.converted === true) {
    ingest(ctx, 'salesforce', event.fields);
    return;
  }
  answer(ctx, event.fields, event.at);
  // The last activity is a date: it wakes a dormant lead but is too coarse to be the first touch.
  const activity = event.lastActivityAt;
  if (activity !== undefined && activity > (ctx.lead.lastActivityAt ?? -Infinity)) recordActivity(ctx, activity, false);
}

export function converted(
  ctx: DecisionContext,
  at: number,
  opportunityId: SalesforceId | null,
  contactId: SalesforceId | null,
): void {
  const applied = convert(ctx, at, opportunityId);
  // A converted Lead is read-only in Salesforce; the Contact it became carries the lead on.
  if (applied && contactId !== null) repointSalesforce(ctx, contactId, 'Contact', 'the Lead was converted');
}

/** Deleting a lead Sales held, without a rejection code, is a protocol violation. */
function deleted(ctx: DecisionContext, at: number): void {
  const lead = ctx.lead;
  const previous = lead.salesforce?.id ?? null;
  lead.salesforce = null;
  lead.salesforceStateAt = null;
  lead.crm.salesforce = {};
  ctx.emit({ type: 'identity.changed', leadId: lead.id, crm: 'salesforce', previous, current: null });
  if (!isStageIn(lead.stage, SALES_STAGES) || !ctx.transition('rejected', 'sales_deleted', { at })) return;
  respond(ctx, at);
  lead.rejection = { code: null, valid: false, violation: true, action: null, at, note: null };
  ctx.violation(
    'deleted_without_rejection',
    'Sales deleted the lead in Salesforce instead of rejecting it with a code',
  );
  lead.salesFeedback = 'Protocol violation: Sales deleted this lead in Salesforce without a rejection code.';
}

export function onRecordDeleted(ctx: DecisionContext, event: EventOf<'salesforce.lead.deleted'>): void {
  if (linked(ctx, event)) deleted(ctx, event.at);
}

export function onRecordMerged(ctx: DecisionContext, event: EventOf<'salesforce.lead.merged'>): void {
  if (linked(ctx, event)) repointSalesforce(ctx, event.masterId, event.object, 'merged into its master record');
}

export function onLeadConverted(ctx: DecisionContext, event: EventOf<'salesforce.lead.converted'>): void {
  if (linked(ctx, event)) converted(ctx, event.at, event.opportunityId, event.contactId);
}

export function onActivityLogged(ctx: DecisionContext, event: EventOf<'salesforce.activity.logged'>): void {
  if (linked(ctx, event)) recordActivity(ctx, event.activityAt, true);
}

/**
 * leadpact gave the record a new owner. The state it read back afterwards is the newest applied,
 * so a late message from before the assignment cannot put the previous owner back.
 */
export function onOwnerAssigned(ctx: DecisionContext, event: EventOf<'salesforce.owner.assigned'>): void {
  if (!linked(ctx, event)) return;
  if (!newestState(ctx, event.stateAt)) return;
  updateOwner(ctx, event.ownerId);
}

/**
 * A Lead appeared in Salesforce. Linked to this lead: news about it like any change. Unknown to
 * the ledger: Sales sourced it themselves; it is tracked from acceptance on, outside Marketing's funnel.
 */
export function onRecordCreated(
  ctx: DecisionContext,
  event: EventOf<'salesforce.lead.created'>,
  created: boolean,
): void {
  const lead = ctx.lead;
  if (!created) {
    if (lead.salesforce === null && lead.pendingHandoff !== null)
      ctx.ignored = 'the hand-off report will link this record';
    else if (linked(ctx, event) && newestState(ctx, event.stateAt)) ingest(ctx, 'salesforce', event.fields);
    return;
  }
  repointSalesforce(ctx, event.salesforceId, event.object, 'sourced by Sales');
  newestState(ctx, event.stateAt);
  updateOwner(ctx, event.ownerId ?? null);
  ingest(ctx, 'salesforce', event.fields);
  lead.source = 'sales';
  if (!ctx.transition('accepted', 'sales_sourced', { at: event.at })) return;
  lead.salesFeedback = 'Sourced by Sales.';
}
