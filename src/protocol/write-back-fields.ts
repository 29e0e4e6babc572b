import type { CustomFieldSpec, HubSpotPropertySpec } from '../shared/field-specs';
import type { Lead, SlaStatus } from './lead';
import type { Protocol } from './schema/protocol.schema';
import type { WriteBackNames } from './schema/write-back.schema';
import { STAGES } from './stages';
import { summarize } from './summary';
import { isoInstant, type FieldValue } from './values';

/**
 * The one table of the lead fields leadpact writes back (DESIGN.md, "Default names leadpact
 * writes"): per role, its type, allowed values, label on each CRM it is written to, and how the
 * lead projects into it. Writing, provisioning and the ledger are derived from it.
 *
 * The default names sit beside the configurable names in schema/write-back.schema.ts (the protocol
 * file's schema cannot import this folder without an import cycle); the table is keyed by the same
 * roles, and its type requires a column on exactly the CRMs that have a name for the role.
 */

/** How the SLA status reads in both CRMs and in the ledger (DESIGN.md: On Track, At Risk, Breached, Met). */
export const SLA_STATUS_LABELS: Readonly<Record<SlaStatus, string>> = {
  on_track: 'On Track',
  at_risk: 'At Risk',
  breached: 'Breached',
  met: 'Met',
};

export function slaLabel(status: SlaStatus | null): string | null {
  return status === null ? null : SLA_STATUS_LABELS[status];
}

export function qualificationSummary(lead: Lead, protocol: Protocol): string | null {
  const qualification = lead.qualification;
  if (qualification === null) return null;
  return summarize(
    {
      protocolVersion: lead.protocolVersion,
      qualifiedAt: lead.mqlAt,
      fit: qualification.fit,
      readiness: qualification.readiness,
      source: lead.source,
      campaign: lead.campaign,
      touches: lead.touches,
    },
    protocol.handoff.summary,
  );
}

export type SalesforceRole = keyof WriteBackNames['salesforce'];
export type HubSpotRole = keyof WriteBackNames['hubspot'];
export type WriteBackRole = SalesforceRole | HubSpotRole;

/** A datetime projects to an instant (epoch ms), which each CRM spells its own way. */
export type FieldType = 'text' | 'longText' | 'number' | 'datetime' | 'picklist';

/** Salesforce's side of a field: the label and the sizes of its CustomField. */
export interface SalesforceColumn {
  readonly label: string;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly externalId?: boolean;
  readonly unique?: boolean;
}

/** HubSpot's side of a field: the property's label, description and how an option reads. */
export interface HubSpotColumn {
  readonly label: string;
  readonly description: string;
  readonly optionLabel?: (value: string) => string;
}

interface FieldRow {
  readonly type: FieldType;
  /** The picklist (Salesforce) or enumeration (HubSpot) values: exactly what the projection writes. */
  readonly values?: readonly string[];
  readonly project: (lead: Lead, protocol: Protocol) => FieldValue;
}

type WriteBackField<R extends WriteBackRole> = FieldRow &
  (R extends SalesforceRole ? { readonly salesforce: SalesforceColumn } : { readonly salesforce?: never }) &
  (R extends HubSpotRole ? { readonly hubspot: HubSpotColumn } : { readonly hubspot?: never });

const titleCase = (value: string): string =>
  value
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

const minutes = { precision: 10, scale: 0 } as const;
const score = { precision: 5, scale: 0 } as const;

export const WRITE_BACK_FIELDS: { readonly [R in WriteBackRole]: WriteBackField<R> } = {
  hubspotContactId: {
    type: 'text',
    project: (lead) => lead.hubspotContactId,
    salesforce: { label: 'HubSpot Contact Id', length: 40, externalId: true, unique: true },
  },
  salesforceId: {
    type: 'text',
    project: (lead) => lead.salesforce?.id ?? null,
    hubspot: {
      label: 'Salesforce record id',
      description: 'The Salesforce Lead or Contact this contact was handed off as.',
    },
  },
  stage: {
    type: 'picklist',
    values: STAGES,
    project: (lead) => lead.stage,
    salesforce: { label: 'Lead Protocol Stage' },
    hubspot: {
      label: 'Lead protocol stage',
      description: 'Where the lead stands in the agreed lead protocol; written by leadpact only.',
      optionLabel: titleCase,
    },
  },
  protocolVersion: {
    type: 'text',
    project: (lead) => lead.protocolVersion,
    salesforce: { label: 'Protocol Version', length: 40 },
    hubspot: { label: 'Lead protocol version', description: 'The version of the lead protocol that judged this lead.' },
  },
  fitScore: {
    type: 'number',
    project: (lead) => lead.qualification?.fit.score ?? null,
    salesforce: { label: 'Fit Score', ...score },
  },
  readinessScore: {
    type: 'number',
    project: (lead) => lead.qualification?.readiness.score ?? null,
    salesforce: { label: 'Readiness Score', ...score },
  },
  qualificationSummary: {
    type: 'longText',
    project: qualificationSummary,
    salesforce: { label: 'Qualification Summary', length: 32768 },
  },
  mqlAt: { type: 'datetime', project: (lead) => lead.mqlAt, salesforce: { label: 'MQL At' } },
  handoffAt: { type: 'datetime', project: (lead) => lead.handedOffAt, salesforce: { label: 'Handoff At' } },
  slaAcceptDue: {
    type: 'datetime',
    project: (lead) => lead.sla?.accept.dueAt ?? null,
    salesforce: { label: 'SLA Accept Due' },
  },
  slaStatus: {
    type: 'picklist',
    values: Object.values(SLA_STATUS_LABELS),
    project: (lead) => slaLabel(lead.slaStatus),
    salesforce: { label: 'SLA Status' },
    hubspot: { label: 'Sales SLA status', description: 'Whether Sales is acting on the lead within the agreed time.' },
  },
  acceptedAt: { type: 'datetime', project: (lead) => lead.acceptedAt, salesforce: { label: 'Accepted At' } },
  timeToAcceptMin: {
    type: 'number',
    project: (lead) => lead.timeToAcceptMin,
    salesforce: { label: 'Time To Accept (min)', ...minutes },
    hubspot: { label: 'Time to accept (minutes)', description: 'Business minutes from hand-off to acceptance.' },
  },
  firstTouchAt: { type: 'datetime', project: (lead) => lead.firstTouchAt, salesforce: { label: 'First Touch At' } },
  timeToFirstTouchMin: {
    type: 'number',
    project: (lead) => lead.timeToFirstTouchMin,
    salesforce: { label: 'Time To First Touch (min)', ...minutes },
    hubspot: {
      label: 'Time to first touch (minutes)',
      description: 'Business minutes from hand-off to the first sales touch (call, email, meeting).',
    },
  },
  rejectionCode: {
    // The protocol's codes may change between versions: free text, not a picklist.
    type: 'text',
    project: (lead) => lead.rejection?.code ?? null,
    salesforce: { label: 'Rejection Code', length: 80 },
    hubspot: {
      label: 'Sales rejection code',
      description: 'The agreed reason code Sales gave when rejecting the lead.',
    },
  },
  rejectionNote: {
    // Written by Sales beside the code; leadpact carries it to HubSpot and into the feedback.
    type: 'longText',
    project: (lead) => lead.rejection?.note ?? null,
    salesforce: { label: 'Rejection Note', length: 32768 },
    hubspot: {
      label: 'Sales rejection note',
      description: 'What the salesperson wrote about why they rejected the lead, beside the code.',
    },
  },
  salesFeedback: {
    type: 'longText',
    project: (lead) => lead.salesFeedback,
    hubspot: { label: 'Sales feedback', description: 'What Sales said about the lead.' },
  },
  outcome: {
    type: 'picklist',
    values: ['won', 'lost'],
    project: (lead) => lead.outcome,
    hubspot: {
      label: 'Sales outcome',
      description: 'Whether the opportunity from this lead was won or lost.',
      optionLabel: titleCase,
    },
  },
  reengageAt: {
    type: 'datetime',
    project: (lead) => lead.reengageAt,
    hubspot: { label: 'Re-engage at', description: 'When a recycled lead is due back from nurturing.' },
  },
  amount: {
    type: 'number',
    project: (lead) => lead.amount,
    hubspot: { label: 'Won amount', description: 'The amount of the won opportunity.' },
  },
};

/** Salesforce takes a datetime as ISO 8601, HubSpot as epoch milliseconds in a string. */
function encode(crm: 'salesforce' | 'hubspot', type: FieldType, value: FieldValue): FieldValue {
  if (type !== 'datetime' || typeof value !== 'number') return value;
  return crm === 'salesforce' ? isoInstant(value) : String(value);
}

/** leadpact's own fields on the Salesforce record (null clears a value from an earlier cycle). */
export function salesforceEngineFields(lead: Lead, protocol: Protocol): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const [role, name] of Object.entries(protocol.writeBack.salesforce) as [SalesforceRole, string][]) {
    const field = WRITE_BACK_FIELDS[role];
    fields[name] = encode('salesforce', field.type, field.project(lead, protocol));
  }
  return fields;
}

/** leadpact's own properties on the HubSpot contact (null clears a value from an earlier cycle). */
export function hubspotEngineProperties(lead: Lead, protocol: Protocol): Record<string, FieldValue> {
  const properties: Record<string, FieldValue> = {};
  for (const [role, name] of Object.entries(protocol.writeBack.hubspot) as [HubSpotRole, string][]) {
    const field = WRITE_BACK_FIELDS[role];
    properties[name] = encode('hubspot', field.type, field.project(lead, protocol));
  }
  return properties;
}

const SALESFORCE_TYPES: Readonly<Record<FieldType, CustomFieldSpec['type']>> = {
  text: 'Text',
  longText: 'LongTextArea',
  number: 'Number',
  datetime: 'DateTime',
  picklist: 'Picklist',
};

const HUBSPOT_TYPES: Readonly<Record<FieldType, Pick<HubSpotPropertySpec, 'type' | 'fieldType'>>> = {
  text: { type: 'string', fieldType: 'text' },
  longText: { type: 'string', fieldType: 'textarea' },
  number: { type: 'number', fieldType: 'number' },
  datetime: { type: 'datetime', fieldType: 'date' },
  picklist: { type: 'enumeration', fieldType: 'select' },
};

/**
 * The custom fields the protocol's Salesforce write-back names need on the given objects. Lead and
 * Contact carry the same fields, because a hand-off lands on a Contact when the company is an Account.
 */
export function salesforceLeadFieldSpecs(
  names: WriteBackNames['salesforce'],
  objects: readonly CustomFieldSpec['object'][],
): CustomFieldSpec[] {
  const roles = Object.entries(names) as [SalesforceRole, string][];
  return objects.flatMap((object) =>
    roles.map(([role, name]) => {
      const { type, values, salesforce } = WRITE_BACK_FIELDS[role];
      const { label, ...sizes } = salesforce;
      return {
        object,
        name,
        label,
        type: SALESFORCE_TYPES[type],
        ...sizes,
        ...(values === undefined ? {} : { picklistValues: values }),
      };
    }),
  );
}

/** The contact properties the protocol's HubSpot write-back names need. */
export function hubspotLeadPropertySpecs(names: WriteBackNames['hubspot']): HubSpotPropertySpec[] {
  return (Object.entries(names) as [HubSpotRole, string][]).map(([role, name]) => {
    const { type, values, hubspot } = WRITE_BACK_FIELDS[role];
    const optionLabel = hubspot.optionLabel ?? ((value: string) => value);
    return {
      name,
      label: hubspot.label,
      ...HUBSPOT_TYPES[type],
      ...(values === undefined ? {} : { options: values.map((value) => ({ label: optionLabel(value), value })) }),
      description: hubspot.description,
    };
  });
}
