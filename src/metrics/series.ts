/** Series the scorecard shows beside the aggregates: weekly SLA, time to accept, leads left behind. */

export interface SlaWeek {
  /** Monday 00:00 local, as YYYY-MM-DD. */
  readonly weekOf: string;
  readonly met: number;
  /** Met or Breached; clocks still running are left out, as in sla_compliance. */
  readonly settled: number;
  readonly value: number | null;
}

export interface Bucket {
  readonly label: string;
  /** Business minutes, inclusive lower bound. */
  readonly from: number;
  /** Exclusive upper bound; null for the open last bucket. */
  readonly to: number | null;
  readonly count: number;
}

export type LeftBehindReason = 'sleeping' | 'dormant' | 'not_pursued' | 'no_decision';

export interface LeftBehindLead {
  readonly leadId: string;
  readonly salesforceId: string | null;
  /** Lead or Contact (a hand-off onto an existing Account); null before the hand-off landed. */
  readonly salesforceObject: 'Lead' | 'Contact' | null;
  readonly hubspotContactId: string | null;
  /** First and last name, as HubSpot and Salesforce agree on them; null when neither is known. */
  readonly name: string | null;
  readonly company: string | null;
  readonly email: string | null;
  readonly owner: string | null;
  readonly campaign: string | null;
  readonly stage: string;
  readonly reason: LeftBehindReason;
  /** The last sign of life: last activity, else first touch, acceptance or hand-off. */
  readonly since: number;
}
