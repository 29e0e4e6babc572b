import {
  handoffEffectSchema,
  matchableDomain,
  matchHandoff,
  needsRouting,
  planHandoff,
  type HandoffEffect,
  type HandoffWrite,
  type LeadEvent,
} from '../../protocol';
import type { WriteOutcome } from '../../shared/crm-port';
import type { SalesforceId } from '../../shared/ids';
import type { OutboxRow } from '../../store';
import { outcomeOf, type BatchSender } from './outbox-relay';
import {
  DUPLICATE_CODE,
  marketingFeedback,
  ownerChosenByOrg,
  resolveDuplicate,
  upsertFields,
} from './org-rule-outcomes';
import { RecordTypeIds } from './record-types';
import { sendReassigns } from './salesforce-reassigns';
import { feedBack, parsed, type Feedback, type Outcomes, type SalesforceSenderDeps } from './salesforce-sender-support';
import { sendTasks } from './salesforce-tasks';
import { sendUpdates } from './salesforce-updates';

export type { SalesforceSenderDeps } from './salesforce-sender-support';

/**
 * Email holds at most 80 characters and Website 255 (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_lead.htm):
 * a longer address or domain matches no record, and put in the match query it could push the query
 * past SOQL's 100,000 characters and fail the matching of every hand-off in the batch.
 */
const MAX_EMAIL = 80;
const MAX_WEBSITE = 255;

/** Sends Salesforce work: hand-offs, field updates, tasks and reassignments, one call per kind and object. */
export function salesforceSender(deps: SalesforceSenderDeps): BatchSender {
  const recordTypes = new RecordTypeIds(deps);
  return async (rows) => {
    const outcomes: Outcomes = new Map();
    const byKind = (kind: string) => rows.filter((row) => row.kind === kind);
    await guarded(deps, byKind('handoff'), outcomes, (part) => sendHandoffs(deps, recordTypes, part, outcomes));
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

async function sendHandoffs(
  deps: SalesforceSenderDeps,
  recordTypes: RecordTypeIds,
  rows: readonly OutboxRow[],
  outcomes: Outcomes,
): Promise<void> {
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
  await recordTypes.apply(plans);
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

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
