import type { SalesforceObject } from './effects';
import type { Lead } from './lead';
import type { Protocol } from './schema/protocol.schema';
import type { WriteBackNames } from './schema/write-back.schema';
import { isoInstant, type FieldValue } from './values';
import {
  OUTCOME_OPTIONS,
  qualificationSummary,
  REJECTION_OPTIONS,
  RESPONSE_OPTIONS,
  SLA_OPTIONS,
  slaLabel,
  salesResponse,
  STAGE_OPTIONS,
  type FieldOptions,
} from './write-back-values';

export { SLA_STATUS_LABELS, slaLabel, STAGE_LABELS } from './write-back-values';

/**
 * The one table of the lead fields leadpact writes back (DESIGN.md, "Default names leadpact
 * writes"): per role, its type, allowed values, label and help on each CRM it is written to, and
 * how the lead projects into it. Writing, provisioning (write-back-specs.ts) and the ledger are
 * derived from it.
 *
 * The default names sit beside the configurable names in schema/write-back.schema.ts (the protocol
 * file's schema cannot import this folder without an import cycle); the table is keyed by the same
 * roles, and its type requires a column on exactly the CRMs that have a name for the role.
 */

export type SalesforceRole = keyof WriteBackNames['salesforce'];
export type HubSpotRole = keyof WriteBackNames['hubspot'];
export type WriteBackRole = SalesforceRole | HubSpotRole;

/** A datetime projects to an instant (epoch ms), which each CRM spells its own way. */
export type FieldType = 'text' | 'longText' | 'number' | 'datetime' | 'picklist';

/** Salesforce's side of a field: its CustomField's label, sizes, and what it says to the people who read it. */
export interface SalesforceColumn {
  readonly label: string;
  /** For the admin, in Setup: what the field is for and who writes it. */
  readonly description: string;
  /** For the rep, beside the field on the record: what it means and what to do with it. */
  readonly helpText: string;
  /** Only these objects carry the field (default: Lead and Contact alike). */
  readonly objects?: readonly SalesforceObject[];
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly externalId?: boolean;
  readonly unique?: boolean;
}

/** HubSpot's side of a field: the property's label, its description, and its type where it differs. */
export interface HubSpotColumn {
  readonly label: string;
  readonly description: string;
  /** The rejection code stays text in HubSpot: a code the protocol no longer lists still reads there. */
  readonly type?: FieldType;
}

interface FieldRow {
  readonly type: FieldType;
  /** The picklist (Salesforce) or enumeration (HubSpot) values: exactly what the projection writes. */
  readonly options?: FieldOptions;
  readonly project: (lead: Lead, protocol: Protocol) => FieldValue;
}

type WriteBackField<R extends WriteBackRole> = FieldRow &
  (R extends SalesforceRole ? { readonly salesforce: SalesforceColumn } : { readonly salesforce?: never }) &
  (R extends HubSpotRole ? { readonly hubspot: HubSpotColumn } : { readonly hubspot?: never });

const minutes = { precision: 10, scale: 0 } as const;
const score = { precision: 5, scale: 0 } as const;
const BY_LEADPACT = 'Written by leadpact; an edit here is overwritten.';

export const WRITE_BACK_FIELDS: { readonly [R in WriteBackRole]: WriteBackField<R> } = {
  hubspotContactId: {
    type: 'text',
    project: (lead) => lead.hubspotContactId,
    salesforce: {
      label: 'HubSpot Contact Id',
      description: `The HubSpot contact this record belongs to; leadpact finds the record by it. ${BY_LEADPACT}`,
      helpText: 'The HubSpot contact this person came from. Do not change it: leadpact would lose track of the lead.',
      length: 40,
      externalId: true,
      unique: true,
    },
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
    options: STAGE_OPTIONS,
    project: (lead) => lead.stage,
    salesforce: {
      label: 'Lead Protocol Stage',
      description: `Where the lead stands in the lead protocol Marketing and Sales agreed. ${BY_LEADPACT}`,
      helpText: 'Where this lead stands in the agreed lead protocol. leadpact sets it from what you and Marketing do.',
    },
    hubspot: {
      label: 'Lead protocol stage',
      description: 'Where the lead stands in the agreed lead protocol; written by leadpact only.',
      type: 'picklist',
    },
  },
  protocolVersion: {
    type: 'text',
    project: (lead) => lead.protocolVersion,
    salesforce: {
      label: 'Protocol Version',
      description: `The version of the lead protocol that judged this lead. ${BY_LEADPACT}`,
      helpText: 'The version of the agreed lead protocol that qualified this lead.',
      length: 40,
    },
    hubspot: { label: 'Lead protocol version', description: 'The version of the lead protocol that judged this lead.' },
  },
  fitScore: {
    type: 'number',
    project: (lead) => lead.qualification?.fit.score ?? null,
    salesforce: {
      label: 'Fit Score',
      description: `How well the person matches the ideal customer, by the protocol's fit rules. ${BY_LEADPACT}`,
      helpText: 'How well this person matches the ideal customer; the Qualification Summary says why.',
      ...score,
    },
  },
  readinessScore: {
    type: 'number',
    project: (lead) => lead.qualification?.readiness.score ?? null,
    salesforce: {
      label: 'Readiness Score',
      description: `How ready the person is to talk to Sales now, by the protocol's readiness rules. ${BY_LEADPACT}`,
      helpText: 'How ready this person is to talk now (visits, downloads, demo requests); the summary says why.',
      ...score,
    },
  },
  qualificationSummary: {
    type: 'longText',
    project: qualificationSummary,
    salesforce: {
      label: 'Qualification Summary',
      description: `Why Marketing qualified the lead: fit and readiness reasons, source, campaign, recent touches. ${BY_LEADPACT}`,
      helpText: 'Why Marketing handed you this lead: what fits, what they did recently, and where they came from.',
      length: 32768,
    },
  },
  mqlAt: {
    type: 'datetime',
    project: (lead) => lead.mqlAt,
    salesforce: {
      label: 'MQL At',
      description: `When the lead became marketing-qualified. ${BY_LEADPACT}`,
      helpText: 'When this lead met the agreed definition of a marketing-qualified lead.',
    },
  },
  handoffAt: {
    type: 'datetime',
    project: (lead) => lead.handedOffAt,
    salesforce: {
      label: 'Handoff At',
      description: `When leadpact handed the lead to Sales; the SLA clock starts here. ${BY_LEADPACT}`,
      helpText: 'When this lead was handed to Sales. The time to accept or reject it counts from here.',
    },
  },
  slaAcceptDue: {
    type: 'datetime',
    project: (lead) => lead.sla?.accept.dueAt ?? null,
    salesforce: {
      label: 'SLA Accept Due',
      description: `When Sales must have accepted or rejected the lead, in business hours. ${BY_LEADPACT}`,
      helpText: 'Accept or reject this lead before this time, as Sales and Marketing agreed.',
    },
  },
  slaStatus: {
    type: 'picklist',
    options: SLA_OPTIONS,
    project: (lead) => slaLabel(lead.slaStatus),
    salesforce: {
      label: 'SLA Status',
      description: `Whether Sales answers the lead within the agreed time: On Track, At Risk, Breached, Met. ${BY_LEADPACT}`,
      helpText: 'On Track: time left. At Risk: answer soon. Breached: the agreed time passed. Met: answered in time.',
    },
    hubspot: { label: 'Sales SLA status', description: 'Whether Sales is acting on the lead within the agreed time.' },
  },
  acceptedAt: {
    type: 'datetime',
    project: (lead) => lead.acceptedAt,
    salesforce: {
      label: 'Accepted At',
      description: `When Sales accepted the lead. ${BY_LEADPACT}`,
      helpText: 'When Sales accepted this lead.',
    },
  },
  timeToAcceptMin: {
    type: 'number',
    project: (lead) => lead.timeToAcceptMin,
    salesforce: {
      label: 'Time To Accept (min)',
      description: `Business minutes from hand-off to acceptance. ${BY_LEADPACT}`,
      helpText: 'Business minutes between the hand-off and the acceptance.',
      ...minutes,
    },
    hubspot: { label: 'Time to accept (minutes)', description: 'Business minutes from hand-off to acceptance.' },
  },
  firstTouchAt: {
    type: 'datetime',
    project: (lead) => lead.firstTouchAt,
    salesforce: {
      label: 'First Touch At',
      description: `When Sales first called, e-mailed or met the person after hand-off. ${BY_LEADPACT}`,
      helpText: 'When Sales first called, e-mailed or met this person after the hand-off (from logged activities).',
    },
  },
  timeToFirstTouchMin: {
    type: 'number',
    project: (lead) => lead.timeToFirstTouchMin,
    salesforce: {
      label: 'Time To First Touch (min)',
      description: `Business minutes from hand-off to the first sales touch. ${BY_LEADPACT}`,
      helpText: 'Business minutes between the hand-off and the first call, e-mail or meeting.',
      ...minutes,
    },
    hubspot: {
      label: 'Time to first touch (minutes)',
      description: 'Business minutes from hand-off to the first sales touch (call, email, meeting).',
    },
  },
  rejectionCode: {
    // A restricted picklist of the protocol's codes: provision adds new ones and deactivates
    // removed ones, which records keep. HubSpot keeps it as text.
    type: 'picklist',
    options: REJECTION_OPTIONS,
    project: (lead) => lead.rejection?.code ?? null,
    salesforce: {
      label: 'Rejection Code',
      description:
        "Sales' reason for rejecting the lead, from the codes Marketing and Sales agreed in the lead protocol. " +
        'Sales sets it; leadpact carries it to HubSpot and acts on it (recycle, disqualify, fix data, merge).',
      helpText:
        'Rejecting this lead? Pick the agreed reason: Marketing acts on it (nurture, fix the data, merge). ' +
        'Add a Rejection Note to say more.',
    },
    hubspot: {
      label: 'Sales rejection code',
      description: 'The agreed reason code Sales gave when rejecting the lead.',
      type: 'text',
    },
  },
  rejectionNote: {
    // Written by Sales beside the code; leadpact carries it to HubSpot and into the feedback.
    type: 'longText',
    project: (lead) => lead.rejection?.note ?? null,
    salesforce: {
      label: 'Rejection Note',
      description:
        'What the rep says about a rejection, beside its code. Sales writes it; leadpact carries it to HubSpot.',
      helpText: 'Why you rejected this lead, in your words. Marketing reads it in HubSpot beside the Rejection Code.',
      length: 32768,
    },
    hubspot: {
      label: 'Sales rejection note',
      description: 'What the salesperson wrote about why they rejected the lead, beside the code.',
    },
  },
  salesResponse: {
    type: 'picklist',
    options: RESPONSE_OPTIONS,
    project: salesResponse,
    salesforce: {
      label: 'Sales Response',
      description:
        "Sales' answer to a lead handed off as a Contact (a Lead answers through Status). Sales sets it; " +
        'leadpact clears it at each hand-off and reports the answer to HubSpot.',
      helpText:
        'Marketing handed you this contact. Pick Accepted to work it, or Rejected with a Rejection Code ' +
        '(and a note) to send it back.',
      objects: ['Contact'],
    },
  },
  salesFeedback: {
    type: 'longText',
    project: (lead) => lead.salesFeedback,
    hubspot: { label: 'Sales feedback', description: 'What Sales said about the lead.' },
  },
  outcome: {
    type: 'picklist',
    options: OUTCOME_OPTIONS,
    project: (lead) => lead.outcome,
    hubspot: {
      label: 'Sales outcome',
      description: 'Whether the opportunity from this lead was won or lost.',
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

/** Whether the field is on this object: most are on Lead and Contact alike. */
export function carriedBy(column: SalesforceColumn, object: SalesforceObject): boolean {
  return column.objects === undefined || column.objects.includes(object);
}

/** Salesforce takes a datetime as ISO 8601, HubSpot as epoch milliseconds in a string. */
function encode(crm: 'salesforce' | 'hubspot', type: FieldType, value: FieldValue): FieldValue {
  if (type !== 'datetime' || typeof value !== 'number') return value;
  return crm === 'salesforce' ? isoInstant(value) : String(value);
}

/** leadpact's own fields on a Salesforce record of this object (null clears a value from an earlier cycle). */
export function salesforceEngineFields(
  lead: Lead,
  protocol: Protocol,
  object: SalesforceObject,
): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const [role, name] of Object.entries(protocol.writeBack.salesforce) as [SalesforceRole, string][]) {
    const field = WRITE_BACK_FIELDS[role];
    if (carriedBy(field.salesforce, object))
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
