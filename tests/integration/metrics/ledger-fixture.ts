import { randomUUID } from 'node:crypto';
import { repositories } from '../../../src/store';
import type { Queryable } from '../../../src/store/db';
import type { LeadRecord } from '../../../src/store/lead-record';
import { leadId, salesforceId } from '../../../src/shared/ids';

/**
 * A small ledger whose every metric for March 2026 was computed by hand (see EXPECTED_MARCH).
 * Campaign A is a name ("Spring webinar"), campaign B a Salesforce Campaign Id. Now is 10 April
 * 2026 12:00 UTC; dormancy 14 days (idle before 27 March sleeps); not-pursued window 5 days.
 */
export const NOW = Date.parse('2026-04-10T12:00:00Z');
export const THRESHOLDS = { dormancyDays: 14, notPursuedDays: 5 } as const;
export const CAMPAIGN_A = 'Spring webinar';
export const CAMPAIGN_B = '701000000000001AAA';

/** `at('03-02 10:00')` is 2 March 2026 10:00 UTC. */
export const at = (text: string): number => Date.parse(`2026-${text.replace(' ', 'T')}:00Z`);
const plus = (instant: number, hours: number): number => instant + hours * 3_600_000;

type Row = Partial<Omit<LeadRecord, 'version'>> & { readonly name: string };

/** Each lead handed off gets a first-touch deadline one day after its hand-off. */
function lead(row: Row, index: number): Omit<LeadRecord, 'version'> {
  const { name: _name, ...fields } = row;
  return {
    id: leadId(randomUUID()),
    hubspotContactId: null,
    salesforceId: salesforceId(`00Q00000000${String(index).padStart(4, '0')}AAA`),
    salesforceObject: 'Lead',
    email: null,
    stage: 'mql',
    protocolVersion: '2026.1',
    fitScore: 60,
    readinessScore: 40,
    ownerId: null,
    territory: 'EMEA',
    team: 'east',
    campaign: null,
    source: 'webinar',
    rejectionCode: null,
    rejectionValid: null,
    slaStatus: null,
    slaAcceptDueAt: null,
    slaFirstTouchDueAt:
      fields.handedOffAt === undefined || fields.handedOffAt === null ? null : plus(fields.handedOffAt, 24),
    timeToAcceptMin: null,
    timeToFirstTouchMin: null,
    createdAt: at('01-01 09:00'),
    mqlAt: null,
    handedOffAt: null,
    acceptedAt: null,
    rejectedAt: null,
    firstTouchAt: null,
    workingAt: null,
    convertedAt: null,
    closedAt: null,
    recycledAt: null,
    disqualifiedAt: null,
    dormantAt: null,
    lastActivityAt: null,
    outcome: null,
    amount: null,
    opportunityId: null,
    recycleCount: 0,
    retired: false,
    nextTimerAt: null,
    state: {},
    ...fields,
  };
}

const A = { campaign: CAMPAIGN_A, ownerId: 'u1' } as const;
const B = { campaign: CAMPAIGN_B, ownerId: 'u2', source: 'paid_search', territory: 'NA', team: 'west' } as const;

export const LEDGER: readonly Row[] = [
  {
    name: 'L1 won',
    ...A,
    stage: 'won',
    mqlAt: at('03-02 09:00'),
    handedOffAt: at('03-02 10:00'),
    acceptedAt: at('03-02 11:00'),
    timeToAcceptMin: 60,
    slaStatus: 'Met',
    firstTouchAt: at('03-02 12:00'),
    timeToFirstTouchMin: 120,
    workingAt: at('03-03 09:00'),
    convertedAt: at('03-10 09:00'),
    closedAt: at('03-20 09:00'),
    outcome: 'won',
    amount: 10_000,
    lastActivityAt: at('03-20 09:00'),
  },
  {
    name: 'L2 working, asleep',
    ...A,
    stage: 'working',
    mqlAt: at('03-04 09:00'),
    handedOffAt: at('03-04 10:00'),
    acceptedAt: at('03-05 10:00'),
    timeToAcceptMin: 300,
    slaStatus: 'Breached',
    firstTouchAt: at('03-06 10:00'),
    timeToFirstTouchMin: 600,
    workingAt: at('03-06 10:00'),
    lastActivityAt: at('03-06 10:00'),
  },
  {
    name: 'L3 rejected NOT_ICP',
    ...A,
    stage: 'rejected',
    mqlAt: at('03-05 09:00'),
    handedOffAt: at('03-05 10:00'),
    rejectedAt: at('03-05 15:00'),
    slaStatus: 'Met',
    rejectionCode: 'NOT_ICP',
    rejectionValid: true,
  },
  {
    name: 'L4 rejected, invalid code',
    ...A,
    stage: 'rejected',
    mqlAt: at('03-06 09:00'),
    handedOffAt: at('03-06 10:00'),
    rejectedAt: at('03-06 15:00'),
    slaStatus: 'Met',
    rejectionCode: 'BAD',
    rejectionValid: false,
  },
  {
    name: 'L5 ignored',
    ...A,
    stage: 'handed_off',
    mqlAt: at('03-07 09:00'),
    handedOffAt: at('03-07 10:00'),
    slaStatus: 'Breached',
  },
  {
    name: 'L6 lost',
    ...B,
    stage: 'lost',
    mqlAt: at('03-10 09:00'),
    handedOffAt: at('03-10 10:00'),
    acceptedAt: at('03-10 10:30'),
    timeToAcceptMin: 30,
    slaStatus: 'Met',
    firstTouchAt: at('03-10 10:45'),
    timeToFirstTouchMin: 45,
    workingAt: at('03-10 10:45'),
    convertedAt: at('03-15 09:00'),
    closedAt: at('03-28 09:00'),
    outcome: 'lost',
    lastActivityAt: at('03-28 09:00'),
  },
  {
    name: 'L7 working, active',
    ...B,
    stage: 'working',
    mqlAt: at('03-12 09:00'),
    handedOffAt: at('03-12 10:00'),
    acceptedAt: at('03-12 11:30'),
    timeToAcceptMin: 90,
    slaStatus: 'Met',
    firstTouchAt: at('03-12 13:20'),
    timeToFirstTouchMin: 200,
    workingAt: at('03-12 13:20'),
    lastActivityAt: at('04-08 09:00'),
  },
  {
    name: 'L8 rejected late, no code',
    ...B,
    stage: 'rejected',
    mqlAt: at('03-15 09:00'),
    handedOffAt: at('03-15 10:00'),
    rejectedAt: at('03-18 10:00'),
    slaStatus: 'Breached',
  },
  { name: 'L9 qualified, not handed off', ...B, stage: 'mql', mqlAt: at('03-20 09:00') },
  {
    name: 'L10 qualified in March, handed off in April',
    ...B,
    stage: 'accepted',
    mqlAt: at('03-31 23:00'),
    handedOffAt: at('04-01 09:00'),
    acceptedAt: at('04-01 10:00'),
    timeToAcceptMin: 60,
    slaStatus: 'Met',
  },
  {
    name: 'L11 accepted, never touched',
    ...A,
    stage: 'accepted',
    mqlAt: at('02-25 09:00'),
    handedOffAt: at('03-01 00:30'),
    acceptedAt: at('03-01 00:45'),
    timeToAcceptMin: 15,
    slaStatus: 'Met',
  },
  {
    name: 'L12 dormant since February',
    ...A,
    stage: 'dormant',
    mqlAt: at('01-10 09:00'),
    handedOffAt: at('01-10 10:00'),
    acceptedAt: at('01-11 10:00'),
    dormantAt: at('02-20 09:00'),
  },
  {
    name: 'L13 won in March, qualified in January',
    ...B,
    stage: 'won',
    mqlAt: at('01-05 09:00'),
    handedOffAt: at('01-05 10:00'),
    acceptedAt: at('01-05 11:00'),
    convertedAt: at('02-01 09:00'),
    closedAt: at('03-25 09:00'),
    outcome: 'won',
    amount: 5_000,
  },
  { name: 'L14 retired (merged away)', ...A, stage: 'mql', mqlAt: at('03-03 09:00'), retired: true },
  {
    name: 'L15 February only',
    ...A,
    stage: 'rejected',
    mqlAt: at('02-01 09:00'),
    handedOffAt: at('02-01 10:00'),
    rejectedAt: at('02-01 12:00'),
  },
  {
    name: 'L16 accepted, touched late',
    ...A,
    stage: 'accepted',
    mqlAt: at('03-28 09:00'),
    handedOffAt: at('03-28 10:00'),
    acceptedAt: at('03-29 10:00'),
    timeToAcceptMin: 480,
    slaStatus: 'Met',
    firstTouchAt: at('03-30 10:00'),
    timeToFirstTouchMin: 960,
    lastActivityAt: at('03-30 10:00'),
  },
];

export async function seedLedger(db: Queryable, rows: readonly Row[] = LEDGER): Promise<void> {
  const { leads } = repositories(db);
  for (const [index, row] of rows.entries()) {
    const saved = await leads.insert(lead(row, index + 1));
    if (!saved.ok) throw new Error(`fixture lead ${row.name} not saved: ${saved.error.kind}`);
  }
}

/** Worked out by hand from LEDGER for March 2026 (the reasoning is in the test's comments). */
export const EXPECTED_MARCH_ALL = {
  mqls: { numerator: 11, denominator: null, value: 11 },
  handed_off: { numerator: 10, denominator: null, value: 10 },
  accepted: { numerator: 6, denominator: null, value: 6 },
  rejected: { numerator: 3, denominator: null, value: 3 },
  awaiting_decision: { numerator: 1, denominator: null, value: 1 },
  won: { numerator: 2, denominator: null, value: 2 },
  acceptance_rate: { numerator: 6, denominator: 10, value: 0.6 },
  wastage_rate: { numerator: 5, denominator: 11, value: 5 / 11 },
  not_pursued_rate: { numerator: 2, denominator: 10, value: 0.2 },
  sla_compliance: { numerator: 7, denominator: 10, value: 0.7 },
  first_touch_on_time: { numerator: 3, denominator: 10, value: 0.3 },
  feedback_coverage: { numerator: 1, denominator: 3, value: 1 / 3 },
  time_to_accept_median: { numerator: null, denominator: 6, value: 75 },
  time_to_accept_p90: { numerator: null, denominator: 6, value: 390 },
  time_to_first_touch_median: { numerator: null, denominator: 5, value: 200 },
  time_to_first_touch_p90: { numerator: null, denominator: 5, value: 816 },
  lead_to_close_days_median: { numerator: null, denominator: 2, value: 48.5 },
  lead_to_close_days_p75: { numerator: null, denominator: 2, value: 63.75 },
  conv_mql_to_handed_off: { numerator: 10, denominator: 11, value: 10 / 11 },
  conv_handed_off_to_accepted: { numerator: 6, denominator: 10, value: 0.6 },
  conv_accepted_to_working: { numerator: 4, denominator: 6, value: 4 / 6 },
  conv_working_to_converted: { numerator: 2, denominator: 4, value: 0.5 },
  conv_converted_to_won: { numerator: 1, denominator: 2, value: 0.5 },
  sleeping_pipeline: { numerator: 3, denominator: null, value: 3 },
  sleeping_share: { numerator: 3, denominator: 6, value: 0.5 },
  mql_revenue: { numerator: 15_000, denominator: 2, value: 15_000 },
  'rejected_code:NOT_ICP': { numerator: 1, denominator: 3, value: 1 / 3 },
  'rejected_code:BAD': { numerator: 1, denominator: 3, value: 1 / 3 },
  'rejected_code:(no code)': { numerator: 1, denominator: 3, value: 1 / 3 },
} as const;
