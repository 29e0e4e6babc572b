import { seededRandom } from '../src/shared/random';
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../src/store/db';

/**
 * A realistic lead ledger for benchmarks and demos: `count` leads created over the half year
 * before `now`, spread unevenly over 40 campaigns (a few large, many small; 25 recorded by
 * Salesforce Campaign Id, 15 by name), 8 sources, 5 territories, 6 teams and 120 owners, moving
 * through the stages with plausible delays: most qualify, most hand-offs are decided, a minority
 * are ignored, some accepted leads go quiet, a third of conversions are won. Deterministic for a seed.
 */
export interface HistoryOptions {
  readonly count: number;
  readonly now: number;
  readonly seed?: number;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
const SOURCES = [
  'organic_search',
  'paid_search',
  'webinar',
  'events',
  'email',
  'social',
  'referral',
  'direct',
] as const;
const TERRITORIES = ['EMEA', 'NA-East', 'NA-West', 'APAC', 'LATAM'] as const;
const TEAMS = ['emea-inbound', 'emea-field', 'na-inbound', 'na-field', 'apac', 'latam'] as const;
const CODES: readonly (readonly [string | null, boolean | null, number])[] = [
  ['NOT_ICP', true, 35],
  ['NO_BUDGET', true, 20],
  ['BAD_DATA', true, 15],
  ['DUPLICATE', true, 10],
  ['WRONG_PERSON', true, 10],
  [null, null, 7],
  ['OTHER', false, 3],
];

const CAMPAIGNS = Array.from({ length: 40 }, (_, k) =>
  k < 25 ? `701${String(k + 1).padStart(12, '0')}AAA` : `Webinar series ${k - 24}`,
);
const CAMPAIGN_WEIGHTS = CAMPAIGNS.map((_, k) => 1 / (k + 1) ** 0.8);

function weighted<T>(rand: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((s, w) => s + w, 0);
  let roll = rand() * total;
  for (const [i, item] of items.entries()) {
    roll -= weights[i] ?? 0;
    if (roll <= 0) return item;
  }
  return items[items.length - 1] as T;
}

/** Log-normal minutes around a median, as response times are: mostly quick, a long tail. */
const minutes = (rand: () => number, median: number): number =>
  Math.round(median * Math.exp((rand() + rand() + rand() - 1.5) * 1.6));

export type LedgerRow = Record<(typeof COLUMNS)[number], unknown>;

export const COLUMNS = [
  'id',
  'salesforce_id',
  'stage',
  'protocol_version',
  'owner_id',
  'territory',
  'team',
  'campaign',
  'source',
  'rejection_code',
  'rejection_valid',
  'sla_status',
  'sla_first_touch_due_at',
  'time_to_accept_min',
  'time_to_first_touch_min',
  'created_at',
  'mql_at',
  'handed_off_at',
  'accepted_at',
  'rejected_at',
  'first_touch_at',
  'working_at',
  'converted_at',
  'closed_at',
  'recycled_at',
  'disqualified_at',
  'dormant_at',
  'last_activity_at',
  'outcome',
  'amount',
  'state',
] as const;

export function generateHistory(options: HistoryOptions): LedgerRow[] {
  const rand = seededRandom(options.seed ?? 7);
  return Array.from({ length: options.count }, (_, i) => generateLead(rand, i, options.now));
}

function generateLead(rand: () => number, i: number, now: number): LedgerRow {
  const owner = Math.floor(rand() * 120);
  const row: LedgerRow = Object.fromEntries(COLUMNS.map((c) => [c, null])) as LedgerRow;
  const createdAt = now - rand() * 180 * DAY;
  Object.assign(row, {
    id: randomUUID(),
    salesforce_id: `00Q${String(i).padStart(12, '0')}AAA`,
    stage: 'nurturing',
    protocol_version: '2026.1',
    owner_id: `005${String(owner).padStart(12, '0')}AAA`,
    territory: TERRITORIES[owner % TERRITORIES.length],
    team: TEAMS[owner % TEAMS.length],
    campaign: weighted(rand, CAMPAIGNS, CAMPAIGN_WEIGHTS),
    source: SOURCES[Math.floor(rand() * SOURCES.length)],
    created_at: createdAt,
    state: '{}',
  });
  const mqlAt = createdAt + rand() * 20 * DAY;
  if (rand() > 0.72 || mqlAt > now) return row;
  Object.assign(row, { stage: 'mql', mql_at: mqlAt });
  const handedAt = mqlAt + rand() * 3 * 3_600_000;
  if (rand() > 0.88 || handedAt > now) return row;
  Object.assign(row, {
    stage: 'handed_off',
    handed_off_at: handedAt,
    sla_first_touch_due_at: handedAt + 2 * DAY,
    last_activity_at: handedAt,
  });
  const decision = rand();
  if (decision < 0.62) accept(rand, row, handedAt, now);
  else if (decision < 0.87) reject(rand, row, handedAt, now);
  else row.sla_status = now - handedAt > DAY ? 'Breached' : 'On Track';
  return row;
}

function accept(rand: () => number, row: LedgerRow, handedAt: number, now: number): void {
  const tta = minutes(rand, 90);
  const acceptedAt = handedAt + tta * 1.6 * MINUTE;
  if (acceptedAt > now) {
    row.sla_status = 'At Risk';
    return;
  }
  Object.assign(row, {
    stage: 'accepted',
    accepted_at: acceptedAt,
    time_to_accept_min: tta,
    sla_status: tta <= 240 ? 'Met' : 'Breached',
    last_activity_at: acceptedAt,
  });
  const ttf = tta + minutes(rand, 150);
  const touchedAt = handedAt + ttf * 1.6 * MINUTE;
  if (rand() > 0.8 || touchedAt > now) {
    if (now - acceptedAt > 45 * DAY) settleStalled(rand, row, acceptedAt, now);
    return;
  }
  Object.assign(row, {
    stage: 'working',
    first_touch_at: touchedAt,
    working_at: touchedAt,
    time_to_first_touch_min: ttf,
    last_activity_at: touchedAt + rand() * 20 * DAY,
  });
  if ((row.last_activity_at as number) > now) row.last_activity_at = now - rand() * DAY;
  const convertedAt = touchedAt + (5 + rand() * 35) * DAY;
  if (rand() > 0.35 || convertedAt > now) {
    if (now - touchedAt > 60 * DAY) settleStalled(rand, row, row.last_activity_at as number, now);
    return;
  }
  Object.assign(row, { stage: 'converted', converted_at: convertedAt, last_activity_at: convertedAt });
  const closedAt = convertedAt + (10 + rand() * 50) * DAY;
  const outcome = rand();
  if (closedAt > now || outcome > 0.8) return;
  const won = outcome < 0.35;
  Object.assign(row, {
    stage: won ? 'won' : 'lost',
    outcome: won ? 'won' : 'lost',
    closed_at: closedAt,
    last_activity_at: closedAt,
    amount: won ? Math.round(5_000 + rand() * 75_000) : null,
  });
}

/** What becomes of a lead that stalled long ago: mostly closed out or recycled, some dormant, a few still worked. */
function settleStalled(rand: () => number, row: LedgerRow, lastSign: number, now: number): void {
  const roll = rand();
  if (roll < 0.45) Object.assign(row, { stage: 'disqualified', disqualified_at: lastSign + 14 * DAY });
  else if (roll < 0.75) Object.assign(row, { stage: 'recycled', recycled_at: lastSign + 30 * DAY });
  else if (roll < 0.9) Object.assign(row, { stage: 'dormant', dormant_at: lastSign + 30 * DAY });
  else row.last_activity_at = now - rand() * 10 * DAY;
}

function reject(rand: () => number, row: LedgerRow, handedAt: number, now: number): void {
  const rejectedAt = handedAt + minutes(rand, 120) * 1.6 * MINUTE;
  if (rejectedAt > now) return;
  const [code, valid] = weighted(
    rand,
    CODES,
    CODES.map((c) => c[2]),
  );
  const recycled = rand() < 0.3;
  Object.assign(row, {
    stage: recycled ? 'recycled' : 'rejected',
    rejected_at: rejectedAt,
    rejection_code: code,
    rejection_valid: valid,
    sla_status: rejectedAt - handedAt <= 240 * 1.6 * MINUTE ? 'Met' : 'Breached',
    last_activity_at: rejectedAt,
    recycled_at: recycled ? rejectedAt : null,
  });
}

const INSTANTS = new Set<string>(COLUMNS.filter((c) => c.endsWith('_at')));
// 30 parameters a row; PostgreSQL allows 65,535 a statement.
const ROWS_PER_INSERT = 1_000;

/** Multi-row INSERTs, 1,000 leads a statement. */
export async function insertHistory(db: Queryable, rows: readonly LedgerRow[]): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += ROWS_PER_INSERT) {
    const params: unknown[] = [];
    const tuples = rows.slice(offset, offset + ROWS_PER_INSERT).map((row) => {
      const base = params.length;
      for (const column of COLUMNS) {
        const value = row[column];
        params.push(INSTANTS.has(column) && typeof value === 'number' ? new Date(value).toISOString() : value);
      }
      return `(${COLUMNS.map((_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    await db.query(`INSERT INTO leads (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
