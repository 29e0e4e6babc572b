import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import {
  planHandoff,
  type CandidatePerson,
  type HandoffEffect,
  type HandoffWrite,
  type LeadEvent,
  type Protocol,
} from '../../protocol';
import type { WriteOutcome } from '../../shared/crm-port';
import { isSalesforceId, type SalesforceId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';

/**
 * What leadpact does about the org's own rules after a hand-off's write: a record a duplicate rule
 * flagged (DUPLICATES_DETECTED) is linked, saved anyway or held, as the protocol says; a record
 * the org's validation rules or picklists refused goes back to Marketing as fix-data feedback with
 * the admin's message; an owner the org's assignment rule chose is read back.
 */

type Outcome = WriteOutcome<SalesforceId>;

export interface HandoffPlan {
  readonly effect: HandoffEffect;
  write: HandoffWrite;
}

export interface OrgRuleDeps {
  readonly port: SalesforcePort;
  readonly protocol: Pick<Protocol, 'salesStatus' | 'writeBack' | 'salesforceOrg'>;
  readonly logger: Logger;
}

export const DUPLICATE_CODE = 'DUPLICATES_DETECTED';

/**
 * Record-level refusals that are the data's to fix, not leadpact's to retry or an operator's to
 * replay: the org's validation rules, its state and country picklists, required fields, picklist
 * values, text too long for the field, a malformed e-mail address.
 */
const FIX_DATA_CODES: ReadonlySet<string> = new Set([
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'FIELD_INTEGRITY_EXCEPTION',
  'REQUIRED_FIELD_MISSING',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'STRING_TOO_LONG',
  'INVALID_EMAIL_ADDRESS',
]);

/** A refusal that is the data's to fix: Marketing's, with the admin's message, never a retry or a dead letter. */
export function isFixData(result: WriteOutcome<string> | undefined): result is Extract<Outcome, { ok: false }> {
  return result?.ok === false && FIX_DATA_CODES.has(result.code);
}

/** The org's refusal in words: what it refused, at which fields, and the admin's message. */
export function refusalReason(what: string, object: string, result: Extract<Outcome, { ok: false }>): string {
  const where = result.fields.length === 0 ? '' : ` (${result.fields.map((f) => `${object}.${f}`).join(', ')})`;
  return `Salesforce refused ${what}${where}: ${result.message}`;
}

/** The failed hand-off event for a refusal Marketing can act on; undefined for one it cannot. */
export function marketingFeedback(
  write: HandoffWrite,
  result: Extract<Outcome, { ok: false }>,
): Pick<Extract<LeadEvent, { type: 'salesforce.handoff.failed' }>, 'reason' | 'marketingAction'> | undefined {
  if (result.code === DUPLICATE_CODE) {
    const found = (result.duplicates ?? []).map((d) => `${d.object} ${d.id}`).join(', ');
    return {
      reason: `Salesforce's duplicate rule found this person already in Salesforce${found === '' ? '' : ` (${found})`}: merge the duplicate, then the lead is handed off again.`,
      marketingAction: 'merge',
    };
  }
  if (!isFixData(result)) return undefined;
  return { reason: refusalReason(`the ${write.object}`, write.object, result), marketingAction: 'fix_data' };
}

/**
 * The record a duplicate rule found, as a person the hand-off may be linked to; undefined when it
 * may not: not a Lead or Contact, converted, or already the record of another HubSpot contact (two
 * contacts for one person are Marketing's to merge, not a record for two leads to share).
 */
async function person(
  deps: OrgRuleDeps,
  plan: HandoffPlan,
  object: string,
  id: SalesforceId,
): Promise<CandidatePerson | undefined> {
  if (object !== 'Lead' && object !== 'Contact') return undefined;
  const contactField = deps.protocol.writeBack.salesforce.hubspotContactId;
  const fields = [...(object === 'Lead' ? ['Email', 'OwnerId', 'IsConverted'] : ['Email', 'OwnerId']), contactField];
  const [record] = await deps.port.retrieve(object, [id], fields);
  if (record === undefined || record.fields['IsConverted'] === true) return undefined;
  const holder = record.fields[contactField];
  if (typeof holder === 'string' && holder !== '' && holder !== plan.effect.hubspotContactId) return undefined;
  const owner = record.fields['OwnerId'];
  return {
    id,
    object,
    email: typeof record.fields['Email'] === 'string' ? record.fields['Email'] : '',
    ownerId: typeof owner === 'string' && isSalesforceId(owner) ? owner : null,
    isConverted: false,
  };
}

/**
 * A new record a duplicate rule refused, resolved by the protocol's `salesforceOrg.onDuplicate`:
 * `link` updates the record the rule found (a Contact before a Lead), as match-before-create would
 * have; `allow_save` creates it anyway; `hold` leaves the refusal for Marketing to merge.
 */
export async function resolveDuplicate(
  deps: OrgRuleDeps,
  plan: HandoffPlan,
  result: Extract<Outcome, { ok: false }>,
): Promise<Outcome> {
  const write = plan.write;
  const policy = deps.protocol.salesforceOrg.onDuplicate;
  if (write.kind !== 'upsert' || policy === 'hold') return result;
  if (policy === 'allow_save') {
    const [saved] = await deps.port.upsert(
      write.object,
      deps.protocol.writeBack.salesforce.hubspotContactId,
      [{ fields: upsertFields(write) }],
      { allowSave: true, autoAssign: deps.protocol.salesforceOrg.owner === 'assignment_rules' },
    );
    return saved ?? result;
  }
  // A record that is another contact's is skipped: with none left, the refusal goes to Marketing to merge.
  const found = [...(result.duplicates ?? [])].sort((a, b) => rank(a.object) - rank(b.object));
  for (const duplicate of found) {
    const candidate = await person(deps, plan, duplicate.object, duplicate.id);
    if (candidate === undefined) continue;
    const linked = planHandoff(plan.effect, { kind: 'person', person: candidate }, null, deps.protocol);
    if (linked.kind !== 'update') continue;
    const [updated] = await deps.port.update(linked.object, [{ id: linked.id, fields: linked.fields }]);
    if (updated === undefined) return result;
    deps.logger.info(
      { object: linked.object, id: linked.id, rule: 'duplicate' },
      'hand-off linked to the record a Salesforce duplicate rule found',
    );
    plan.write = linked;
    return updated;
  }
  return result;
}

const rank = (object: string): number => (object === 'Contact' ? 0 : object === 'Lead' ? 1 : 2);

/** A new record takes its owner and its Account as Salesforce fields. */
export function upsertFields(write: Extract<HandoffWrite, { kind: 'upsert' }>): HandoffWrite['fields'] {
  return {
    ...write.fields,
    ...(write.accountId === null ? {} : { AccountId: write.accountId }),
    ...(write.ownerId === null ? {} : { OwnerId: write.ownerId }),
  };
}

/**
 * With `salesforceOrg.owner: assignment_rules` the org's rule chose the owner of a new record: read
 * it back so the lead's SLA clock runs for that person. A failed read leaves the owner unknown.
 */
export async function ownerChosenByOrg(
  deps: OrgRuleDeps,
  write: HandoffWrite,
  id: SalesforceId,
): Promise<HandoffWrite> {
  if (write.kind !== 'upsert' || deps.protocol.salesforceOrg.owner !== 'assignment_rules') return write;
  try {
    const [record] = await deps.port.retrieve(write.object, [id], ['OwnerId']);
    const owner = record?.fields['OwnerId'];
    return typeof owner === 'string' && isSalesforceId(owner) ? { ...write, ownerId: owner } : write;
  } catch (error) {
    deps.logger.warn(
      { object: write.object, err: error },
      'could not read back the owner the assignment rule chose; the lead keeps no owner until Salesforce reports one',
    );
    return write;
  }
}
