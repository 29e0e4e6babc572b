import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { LeadEvent, Protocol } from '../../protocol';
import { salesforceName } from '../../protocol/write-back';
import type { FieldValue } from '../../shared/crm-port';
import type { SalesforceUpdate } from '../../shared/field-specs';
import { isSalesforceId, type SalesforceId } from '../../shared/ids';
import { writeOutcome, type RowOutcome } from './outbox-relay';

/**
 * Salesforce refuses any update to a converted Lead (CANNOT_UPDATE_CONVERTED_LEAD: "cannot
 * reference converted lead"). A rep converting a Lead is normal selling, and leadpact may not have
 * heard of it yet when its next write goes out; the write belongs on the Contact the Lead became,
 * not in the dead letters. https://help.salesforce.com/s/articleView?id=sf.leads_notes.htm
 * ("Converted leads are read only").
 */
export const CONVERTED_LEAD_CODE = 'CANNOT_UPDATE_CONVERTED_LEAD';

const CONVERSION_FIELDS = ['IsConverted', 'ConvertedContactId', 'ConvertedAccountId', 'ConvertedOpportunityId'];

export interface Retargeted {
  readonly outcome: RowOutcome;
  /** The conversion, for the engine, when the Lead named the Contact it became. */
  readonly conversion: LeadEvent | null;
}

type Names = Pick<Protocol, 'fieldSync' | 'salesStatus'>;

/**
 * A Lead update's fields under the Contact's names: write-back fields are the same on both,
 * mapped fields take their Contact name (and are dropped where the Contact has none, like
 * Company), the Lead's status field takes the Contact's status field.
 */
export function contactFields(
  fields: Readonly<Record<string, FieldValue>>,
  protocol: Names,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(fields)) {
    const mapping = protocol.fieldSync.mapping.find((m) => m.salesforce === name);
    const target =
      mapping !== undefined
        ? salesforceName(mapping, 'Contact')
        : name === protocol.salesStatus.leadField
          ? protocol.salesStatus.contactField
          : name;
    if (target !== null) out[target] = value;
  }
  return out;
}

function idOf(value: unknown): SalesforceId | null {
  return typeof value === 'string' && isSalesforceId(value) ? value : null;
}

/**
 * Sends refused Lead updates to the Contacts the Leads became: one read of the Leads, one update
 * of the Contacts. A Lead that is not converted after all, or names no Contact, keeps its failure.
 */
export async function retargetConverted(
  port: Pick<SalesforcePort, 'retrieve' | 'update'>,
  protocol: Names,
  updates: readonly SalesforceUpdate[],
  at: number,
): Promise<Retargeted[]> {
  const leads = await port.retrieve(
    'Lead',
    updates.map((u) => u.id),
    CONVERSION_FIELDS,
  );
  const byId = new Map(leads.map((lead) => [lead.id, lead.fields]));
  const refused: RowOutcome = { kind: 'dead', code: CONVERTED_LEAD_CODE, message: 'cannot reference converted lead' };
  const plans = updates.map((update) => {
    const fields = byId.get(update.id);
    const contactId = fields?.['IsConverted'] === true ? idOf(fields['ConvertedContactId']) : null;
    return { update, fields, contactId };
  });
  const sendable = plans.filter((p) => p.contactId !== null);
  const results =
    sendable.length === 0
      ? []
      : await port.update(
          'Contact',
          sendable.map((p) => ({ id: p.contactId as SalesforceId, fields: contactFields(p.update.fields, protocol) })),
        );
  return plans.map((plan) => {
    const index = sendable.indexOf(plan);
    if (index < 0 || plan.contactId === null) return { outcome: refused, conversion: null };
    return {
      outcome: writeOutcome(results[index]),
      conversion: {
        type: 'salesforce.lead.converted',
        id: `${plan.update.id}:converted:retarget`,
        at,
        salesforceId: plan.update.id,
        object: 'Lead',
        contactId: plan.contactId,
        accountId: idOf(plan.fields?.['ConvertedAccountId']),
        opportunityId: idOf(plan.fields?.['ConvertedOpportunityId']),
      },
    };
  });
}
