import type { PicklistValueSpec } from '../shared/field-specs';
import type { Lead, SlaStatus } from './lead';
import type { Protocol } from './schema/protocol.schema';
import { STAGES, type Stage } from './stages';
import { summarize } from './summary';

// What the write-back fields hold and how their values read: the words of each picklist, and the
// projections the table (write-back-fields.ts) needs beyond a plain property of the lead.

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

/** The values a picklist offers, with the words people see; the rejection codes come from the protocol. */
export type FieldOptions = (protocol: Pick<Protocol, 'rejection'>) => readonly PicklistValueSpec[];

/** How each stage reads in a picklist: words, not API values (label "Handed off", value handed_off). */
export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  new: 'New',
  nurturing: 'Nurturing',
  mql: 'Marketing-qualified (MQL)',
  handed_off: 'Handed off',
  accepted: 'Accepted',
  rejected: 'Rejected',
  working: 'Working',
  converted: 'Converted',
  won: 'Won',
  lost: 'Lost',
  recycled: 'Recycled',
  disqualified: 'Disqualified',
  dormant: 'Dormant',
};

/** The answers a rep picks on a Contact, where Status (a Lead field) does not exist. */
export const SALES_RESPONSES = ['accepted', 'rejected'] as const;
export type SalesResponse = (typeof SALES_RESPONSES)[number];

const fixed =
  (entries: readonly (readonly [string, string])[]): FieldOptions =>
  () =>
    entries.map(([value, label]) => ({ value, label }));

export const STAGE_OPTIONS = fixed(STAGES.map((stage) => [stage, STAGE_LABELS[stage]]));
// The SLA status is written as its label (DESIGN.md: On Track, At Risk, Breached, Met).
export const SLA_OPTIONS = fixed(Object.values(SLA_STATUS_LABELS).map((label) => [label, label]));
export const OUTCOME_OPTIONS = fixed([
  ['won', 'Won'],
  ['lost', 'Lost'],
]);
export const RESPONSE_OPTIONS = fixed([
  ['accepted', 'Accepted'],
  ['rejected', 'Rejected'],
]);
export const REJECTION_OPTIONS: FieldOptions = ({ rejection }) =>
  rejection.codes.map((entry) => ({ value: entry.code, label: entry.label }));

/** Sales' answer as a Contact shows it: cleared at each hand-off, so a new cycle asks again. */
export function salesResponse(lead: Lead): SalesResponse | null {
  if (lead.rejection !== null) return 'rejected';
  return lead.acceptedAt === null ? null : 'accepted';
}
