import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { SalesforceUpdate } from '../../shared/field-specs';
import {
  handoffEffectSchema,
  matchableDomain,
  matchHandoff,
  needsRouting,
  planHandoff,
  type HandoffWrite,
  salesforceReassignEffectSchema,
  salesforceUpdateEffectSchema,
  type HandoffEffect,
  type LeadEvent,
  type Protocol,
} from '../../protocol';
import { parseInstant } from '../../protocol/values';
import type { WriteOutcome } from '../../shared/crm-port';
import { isSalesforceId, type SalesforceId } from '../../shared/ids';
import type { OutboxRow } from '../../store';
import type { OutcomeSink } from '../inbound/write-outcomes';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { PauseGate } from '../../queue/pause-gate';
import type { OwnerPicker } from './owner-picker';
import { outcomeOf, writeOutcome, type BatchSender, type RowOutcome } from './outbox-relay';
import { CONVERTED_LEAD_CODE, retargetConverted } from './converted-leads';
import { sendTasks } from './salesforce-tasks';
import {
  DUPLICATE_CODE,
  marketingFeedback,
  ownerChosenByOrg,
  resolveDuplicate,
  upsertFields,
} from './org-rule-outcomes';

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

type Outcomes = Map<string, RowOutcome>;

/**
 * Email holds at most 80 characters and Website 255 (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_lead.htm):
 * a longer address or domain matches no record, and put in the match query it could push the query
 * past SOQL's 100,000 characters and fail the matching of every hand-off in the batch.
 */
const MAX_EMAIL = 80;
const MAX_WEBSITE = 255;

/** Sends Salesforce work: hand-offs, field updates, tasks and reassignments, one call per kind and object. */
export function salesforceSender(deps: SalesforceSenderDeps): BatchSender {
  return async (rows) => {
    const outcomes: Outcomes = new Map();
    const byKind = (kind: string) => rows.filter((row) => row.kind === kind);
    await guarded(deps, byKind('handoff'), outcomes, (part) => sendHandoffs(deps, part, outcomes));
    await guarded(deps, byKind('update'), outcomes, (part) => sendUpdates(deps, part, outcomes));
    await guarded(deps, byKind('task'), outcomes, (part) => sendTasks(deps.port, part, outcomes));
    await guarded(deps, byKind('reassign'), outcomes, (part) => sendReassigns(deps, part, outcomes));
    for (const row of rows)
      if (!outcomes.has(row.id))
        outcomes.set(row.id, { kind: 'dead', code: 'JOB_DATA_INVALID', message: `unknown outbox kind ${row.kind}` });
    return rows.map((row) => outcomes.get(row.id) ?? { kind: 'retry', code: 'INTERNAL', message: 'row not sent' });
  };
}

/** A failure of one part's call decides that part's rows only; a rate limit pauses every process. */
async function guarded(
  deps: SalesforceSenderDeps,
  part: readonly OutboxRow[],
  outcomes: Outcomes,
  send: (part: readonly OutboxRow[]) => Promise<void>,
): Promise<void> {
  if (part.length === 0) return;
  try {
    await send(part);
  } catch (error) {
    const outcome = outcomeOf(error);
    if (outcome.kind === 'wait') await deps.gate.pause('salesforce', outcome.delayMs, 'rate limited');
    for (const row of part) if (!outcomes.has(row.id)) outcomes.set(row.id, outcome);
  }
}

function parsed<T>(
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

async function sendHandoffs(deps: SalesforceSenderDeps, rows: readonly OutboxRow[], outcomes: Outcomes): Promise<void> {
  const handoffs = parsed(rows, outcomes, handoffEffectSchema);
  const open = handoffs.filter(({ effect }) => effect.existing === null);
  const emails = unique(
    open
      .map(({ effect }) => effect.email.toLowerCase())
      .filter((email) => email.includes('@') && email.length <= MAX_EMAIL),
  );
  const domains = unique(
    open
      .filter(({ effect }) => effect.target === 'contact_when_account_matches')
      .flatMap(({ effect }) => matchableDomain(effect.emailDomain) ?? [])
      .filter((domain) => domain.length <= MAX_WEBSITE),
  );
  const { people, accounts } =
    emails.length + domains.length === 0 ? { people: [], accounts: [] } : await deps.port.findMatches(emails, domains);
  const plans: { row: OutboxRow; effect: HandoffEffect; write: HandoffWrite }[] = [];
  for (const { row, effect } of handoffs) {
    const match = matchHandoff(effect, people, accounts);
    // With the org's assignment rules in charge, no routing turn is spent: the rule chooses.
    const routed =
      needsRouting(effect, match) && deps.protocol.salesforceOrg.owner === 'routing'
        ? await deps.picker.pick(effect.routing.assign)
        : null;
    plans.push({ row, effect, write: planHandoff(effect, match, routed, deps.protocol) });
  }
  const results = await writePlans(
    deps,
    plans.map((plan) => plan.write),
  );
  await afterOrgRules(deps, plans, results);
  const feedback = plans.flatMap((plan, i) => settleHandoff(deps, plan, results[i], outcomes));
  await feedBack(deps, feedback, outcomes);
}

/** One call per kind and object: updates by Id, upserts by the HubSpot id. */
async function writePlans(
  deps: SalesforceSenderDeps,
  writes: readonly HandoffWrite[],
): Promise<(WriteOutcome<SalesforceId> | undefined)[]> {
  const results: (WriteOutcome<SalesforceId> | undefined)[] = writes.map(() => undefined);
  const externalId = deps.protocol.writeBack.salesforce.hubspotContactId;
  for (const kind of ['update', 'upsert'] as const) {
    for (const object of ['Lead', 'Contact'] as const) {
      const indexes = writes.flatMap((w, i) => (w.kind === kind && w.object === object ? [i] : []));
      if (indexes.length === 0) continue;
      const group = indexes.map((i) => writes[i] as HandoffWrite);
      const outcome =
        kind === 'update'
          ? await deps.port.update(
              object,
              group.map((w) => ({ id: (w as Extract<HandoffWrite, { kind: 'update' }>).id, fields: w.fields })),
            )
          : await deps.port.upsert(
              object,
              externalId,
              group.map((w) => ({ fields: upsertFields(w as Extract<HandoffWrite, { kind: 'upsert' }>) })),
              { autoAssign: deps.protocol.salesforceOrg.owner === 'assignment_rules' },
            );
      indexes.forEach((at, j) => (results[at] = outcome[j]));
    }
  }
  return results;
}

/**
 * The org's own rules, after the writes: a duplicate rule's refusal resolved by the protocol's
 * policy, and the owner an assignment rule chose read back (org-rule-outcomes.ts).
 */
async function afterOrgRules(
  deps: SalesforceSenderDeps,
  plans: { effect: HandoffEffect; write: HandoffWrite }[],
  results: (WriteOutcome<SalesforceId> | undefined)[],
): Promise<void> {
  for (const [i, plan] of plans.entries()) {
    const result = results[i];
    if (result?.ok === false && result.code === DUPLICATE_CODE) results[i] = await resolveDuplicate(deps, plan, result);
    const settled = results[i];
    if (settled?.ok === true) plan.write = await ownerChosenByOrg(deps, plan.write, settled.id);
  }
}

/** The news of one hand-off or reassignment, and what becomes of its row once the news is queued. */
interface Feedback {
  readonly row: OutboxRow;
  readonly event: LeadEvent;
  readonly outcome: RowOutcome;
}

function settleHandoff(
  deps: SalesforceSenderDeps,
  plan: { row: OutboxRow; effect: HandoffEffect; write: HandoffWrite },
  result: WriteOutcome<SalesforceId> | undefined,
  outcomes: Outcomes,
): Feedback[] {
  const { row, effect, write } = plan;
  const at = deps.clock.now();
  if (result === undefined || (!result.ok && result.retryable && row.attempts + 1 < deps.maxAttempts)) {
    outcomes.set(row.id, {
      kind: 'retry',
      code: result?.ok === false ? result.code : 'CRM_RESPONSE_INVALID',
      message: result?.ok === false ? result.message : 'no result',
    });
    return [];
  }
  const feedback = result.ok ? undefined : marketingFeedback(write, result);
  const event: LeadEvent = result.ok
    ? {
        type: 'salesforce.handoff.completed',
        id: `${effect.handoffKey}:completed`,
        at,
        salesforceId: result.id,
        object: write.object,
        handoffKey: effect.handoffKey,
        ownerId: write.ownerId,
        created: write.kind === 'upsert' && result.created,
      }
    : {
        type: 'salesforce.handoff.failed',
        id: `${effect.handoffKey}:failed`,
        at,
        handoffKey: effect.handoffKey,
        reason: (feedback?.reason ?? `${result.code}: ${result.message}`).slice(0, 500),
        retryable: false,
        ...(feedback?.marketingAction === undefined ? {} : { marketingAction: feedback.marketingAction }),
      };
  return [
    {
      row,
      event,
      // A refusal Marketing can fix is the lead's feedback, not a dead letter for an operator to replay.
      outcome:
        result.ok || feedback !== undefined
          ? { kind: 'done' }
          : { kind: 'dead', code: result.code, message: result.message },
    },
  ];
}

/**
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

async function sendUpdates(deps: SalesforceSenderDeps, rows: readonly OutboxRow[], outcomes: Outcomes): Promise<void> {
  const updates = parsed(rows, outcomes, salesforceUpdateEffectSchema);
  for (const object of ['Lead', 'Contact'] as const) {
    const merged = new Map<SalesforceId, { rows: OutboxRow[]; update: SalesforceUpdate }>();
    for (const { row, effect } of updates.filter((u) => u.effect.object === object)) {
      const entry = merged.get(effect.salesforceId) ?? { rows: [], update: { id: effect.salesforceId, fields: {} } };
      entry.rows.push(row);
      entry.update = { id: effect.salesforceId, fields: { ...entry.update.fields, ...effect.fields } };
      merged.set(effect.salesforceId, entry);
    }
    if (merged.size === 0) continue;
    const entries = [...merged.values()];
    const results = await deps.port.update(
      object,
      entries.map((e) => e.update),
    );
    const refused = entries.filter((_, i) => {
      const result = results[i];
      return object === 'Lead' && result?.ok === false && result.code === CONVERTED_LEAD_CODE;
    });
    entries.forEach((entry, i) => {
      const outcome = writeOutcome(results[i]);
      if (!refused.includes(entry)) for (const row of entry.rows) outcomes.set(row.id, outcome);
    });
    if (refused.length > 0) await sendToConverted(deps, refused, outcomes);
  }
}

/** Updates a rep's conversion overtook go to the Contact; the engine hears of the conversion with the outcome. */
async function sendToConverted(
  deps: SalesforceSenderDeps,
  entries: readonly { rows: OutboxRow[]; update: SalesforceUpdate }[],
  outcomes: Outcomes,
): Promise<void> {
  const retargeted = await retargetConverted(
    deps.port,
    deps.protocol,
    entries.map((e) => e.update),
    deps.clock.now(),
  );
  const feedback: Feedback[] = [];
  entries.forEach((entry, i) => {
    const { outcome, conversion } = retargeted[i] ?? { outcome: writeOutcome(undefined), conversion: null };
    const [first, ...rest] = entry.rows;
    for (const row of rest) outcomes.set(row.id, outcome);
    if (first === undefined) return;
    if (conversion === null) outcomes.set(first.id, outcome);
    else feedback.push({ row: first, event: conversion, outcome });
  });
  await feedBack(deps, feedback, outcomes);
}

async function sendReassigns(
  deps: SalesforceSenderDeps,
  rows: readonly OutboxRow[],
  outcomes: Outcomes,
): Promise<void> {
  for (const { row, effect } of parsed(rows, outcomes, salesforceReassignEffectSchema)) {
    const ownerId = await deps.picker.pick(effect.routing.assign);
    const [result] = await deps.port.update(effect.object, [{ id: effect.salesforceId, fields: { OwnerId: ownerId } }]);
    const outcome = writeOutcome(result);
    if (outcome.kind !== 'done') {
      outcomes.set(row.id, outcome);
      continue;
    }
    const state = await assignedState(deps, effect.object, effect.salesforceId);
    const event: LeadEvent = {
      type: 'salesforce.owner.assigned',
      id: `${effect.reassignKey}:assigned`,
      at: deps.clock.now(),
      salesforceId: effect.salesforceId,
      object: effect.object,
      ownerId: state?.ownerId ?? ownerId,
      ...(state?.stateAt === undefined ? {} : { stateAt: state.stateAt }),
    };
    await feedBack(deps, [{ row, event, outcome }], outcomes);
  }
}

/**
 * The record as it stands after the assignment (one read; reassignments are rare), so the engine
 * can tell a late outbound message from before it. The owner is assigned either way: a failed read
 * is logged, not retried, since a retry would route the record a second time.
 */
async function assignedState(
  deps: SalesforceSenderDeps,
  object: 'Lead' | 'Contact',
  id: SalesforceId,
): Promise<{ ownerId: SalesforceId | null; stateAt: number | undefined } | null> {
  try {
    const [record] = await deps.port.retrieve(object, [id], ['OwnerId', 'SystemModstamp']);
    if (record === undefined) return null;
    const { SystemModstamp: modstamp, OwnerId: owner } = record.fields;
    const stateAt = typeof modstamp === 'string' ? parseInstant(modstamp) : null;
    return {
      ownerId: typeof owner === 'string' && isSalesforceId(owner) ? owner : null,
      stateAt: stateAt ?? undefined,
    };
  } catch (error) {
    const outcome = outcomeOf(error);
    deps.logger.warn(
      { object, code: 'code' in outcome ? outcome.code : 'RATE_LIMITED' },
      'could not read the reassigned record back; a late message from before may show the previous owner',
    );
    return null;
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
