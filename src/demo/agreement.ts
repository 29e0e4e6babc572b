import { NO_CODE } from '../metrics/catalogue';
import type { ScorecardData } from '../metrics';
import type { Protocol } from '../protocol';

/**
 * The demo's closing check: the scorecard leadpact computed from its ledger against what the two
 * CRMs hold at the end, counted straight from the simulators' records. Pure: records in, counts out.
 */

type SimRecord = Readonly<Record<string, unknown>>;

export interface CrmState {
  readonly salesforce: {
    readonly leads: readonly SimRecord[];
    readonly contacts: readonly SimRecord[];
    readonly opportunities: readonly SimRecord[];
  };
  /** Live HubSpot contacts (merged-away and archived ones are gone). */
  readonly hubspot: readonly { readonly id: string; readonly properties: Readonly<Record<string, string | null>> }[];
}

export interface Counts {
  readonly handedOff: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly rejectedByCode: Readonly<Record<string, number>>;
  readonly slaBreached: number;
  readonly won: number;
  readonly wonAmount: number;
}

export interface CrmCounts extends Counts {
  readonly contacts: number;
  readonly lost: number;
  /** HubSpot contacts whose leadpact_outcome says won: the feedback Marketing sees. */
  readonly wonInHubSpot: number;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const yes = (value: unknown): boolean => value === true || value === 'true';

function increment(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/**
 * Counts the way someone looking at the CRMs would: every Lead leadpact created for a HubSpot
 * contact that still exists is a hand-off; its Status says whether Sales accepted (or converted)
 * it or rejected it, its rejection code why; a converted Lead lives on as its Contact, whose SLA
 * status leadpact keeps; its Opportunity says won or lost, and for how much. A Lead the SLA ladder
 * returned to Marketing is closed too, but no one in Sales rejected it: leadpact marks those with
 * the stage it writes, so only Sales' own rejections (coded, or stuck waiting for a code) count.
 */
export function crmCounts(state: CrmState, protocol: Protocol): CrmCounts {
  const names = protocol.writeBack.salesforce;
  const status = protocol.salesStatus;
  const live = new Set(state.hubspot.map((contact) => contact.id));
  const contactsById = new Map(state.salesforce.contacts.map((record) => [text(record.Id), record]));
  const opportunities = new Map(state.salesforce.opportunities.map((record) => [text(record.Id), record]));
  const leads = state.salesforce.leads.filter(
    (lead) => !yes(lead.IsDeleted) && live.has(text(lead[names.hubspotContactId])),
  );
  const rejectedByCode: Record<string, number> = {};
  let accepted = 0;
  let rejected = 0;
  let slaBreached = 0;
  let won = 0;
  let lost = 0;
  let wonAmount = 0;
  for (const lead of leads) {
    const converted = yes(lead.IsConverted);
    const current = converted ? (contactsById.get(text(lead.ConvertedContactId)) ?? lead) : lead;
    if (text(current[names.slaStatus]) === 'Breached') slaBreached++;
    if (converted || status.accepted.includes(text(lead[status.leadField]))) accepted++;
    const code = text(lead[names.rejectionCode]);
    if (
      !converted &&
      status.rejected.includes(text(lead[status.leadField])) &&
      (code !== '' || text(lead[names.stage]) === 'rejected')
    ) {
      rejected++;
      increment(rejectedByCode, code === '' ? NO_CODE : code);
    }
    const opportunity = opportunities.get(text(lead.ConvertedOpportunityId));
    if (opportunity !== undefined && yes(opportunity.IsClosed)) {
      if (yes(opportunity.IsWon)) {
        won++;
        wonAmount += Number(opportunity.Amount ?? 0);
      } else lost++;
    }
  }
  return {
    contacts: state.hubspot.length,
    handedOff: leads.length,
    accepted,
    rejected,
    rejectedByCode,
    slaBreached,
    won,
    wonAmount,
    lost,
    wonInHubSpot: state.hubspot.filter((contact) => contact.properties.leadpact_outcome === 'won').length,
  };
}

/** The same counts as the scorecard shows them, for the period it covers. */
export function scorecardCounts(data: ScorecardData): Counts {
  const overall = data.overall;
  const settled = overall.sla_compliance.denominator ?? 0;
  const met = overall.sla_compliance.numerator ?? 0;
  return {
    handedOff: overall.handed_off.value ?? 0,
    accepted: overall.accepted.value ?? 0,
    rejected: overall.rejected.value ?? 0,
    rejectedByCode: Object.fromEntries(data.rejections.map((entry) => [entry.code, entry.count])),
    slaBreached: settled - met,
    won: overall.won.value ?? 0,
    wonAmount: overall.mql_revenue.value ?? 0,
  };
}

export interface Check {
  readonly name: string;
  readonly crm: number | string;
  readonly scorecard: number | string;
  readonly agree: boolean;
}

/** Each scorecard number beside the CRMs' own, and whether they agree; one row per rejection code. */
export function compareCounts(crm: CrmCounts, card: Counts): Check[] {
  const pair = (name: string, left: number, right: number): Check => ({
    name,
    crm: left,
    scorecard: right,
    agree: Math.abs(left - right) < 0.005,
  });
  const codes = [...new Set([...Object.keys(crm.rejectedByCode), ...Object.keys(card.rejectedByCode)])].sort();
  return [
    pair('Handed off to Sales', crm.handedOff, card.handedOff),
    pair('Accepted by Sales', crm.accepted, card.accepted),
    pair('Rejected by Sales', crm.rejected, card.rejected),
    ...codes.map((code) => pair(`  rejected ${code}`, crm.rejectedByCode[code] ?? 0, card.rejectedByCode[code] ?? 0)),
    pair('SLA breached', crm.slaBreached, card.slaBreached),
    pair('Won', crm.won, card.won),
    pair('Won in HubSpot (leadpact_outcome)', crm.wonInHubSpot, card.won),
    pair('Revenue won', crm.wonAmount, card.wonAmount),
  ];
}
