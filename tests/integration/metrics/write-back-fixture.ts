import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLUMNS, generateHistory, type LedgerRow } from '../../../bench/metrics-history';
import type { SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { resolvePeriod, type Period } from '../../../src/metrics';
import { type Protocol } from '../../../src/protocol';
import { loadProtocol } from '../../../src/config/load-protocol';

/**
 * Seeded history for the write-back: bench/metrics-history's ledger (40 campaigns, 25 recorded by
 * Salesforce Campaign Id, 15 by name), its Campaign Ids swapped for the Campaigns the simulator
 * created, and the awkward cases a real org has among the named ones: a cloned campaign whose
 * old copy is inactive, two active Campaigns with one name, and a name with no Campaign at all.
 */
export const NOW = Date.parse('2026-04-10T12:00:00Z');
export const CLONED = 'Webinar series 1';
export const TWINS = 'Webinar series 2';
export const MISSING = 'Webinar series 3';

export function shippedProtocol(): Protocol {
  const loaded = loadProtocol(
    readFileSync(join(__dirname, '..', '..', '..', 'config', 'protocol.yaml'), 'utf8'),
    'protocol.yaml',
  );
  if (!loaded.ok) throw loaded.error;
  return loaded.value;
}

export interface SeededOrg {
  readonly rows: LedgerRow[];
  /** Salesforce Campaign Id of each campaign the ledger names, as leadpact should find it; null where it should not. */
  readonly campaignIds: ReadonlyMap<string, string | null>;
}

export function seedOrgAndLedger(sf: SalesforceSimulator, count: number): SeededOrg {
  const rows = generateHistory({ count, now: NOW, seed: 11 });
  const ledgerCampaigns = [...new Set(rows.map((row) => String(row.campaign)))].sort();
  const byId = ledgerCampaigns.filter((campaign) => campaign.startsWith('701'));
  const named = ledgerCampaigns.filter((campaign) => !campaign.startsWith('701'));
  const seededIds = sf.seed(
    'Campaign',
    byId.map((_, i) => ({ Name: `Field event ${i + 1}`, IsActive: true })),
  );
  const swap = new Map(byId.map((campaign, i) => [campaign, seededIds[i] ?? '']));
  for (const row of rows) row.campaign = swap.get(String(row.campaign)) ?? row.campaign;
  const plain = named.filter((name) => name !== CLONED && name !== TWINS && name !== MISSING);
  const plainIds = sf.seed(
    'Campaign',
    plain.map((Name) => ({ Name, IsActive: true })),
  );
  const [, clone] = sf.seed('Campaign', [
    { Name: CLONED, IsActive: false },
    { Name: CLONED, IsActive: true },
  ]);
  sf.seed('Campaign', [
    { Name: TWINS, IsActive: true },
    { Name: TWINS, IsActive: true },
  ]);
  const campaignIds = new Map<string, string | null>([
    ...[...swap.values()].map((id) => [id, id] as const),
    ...plain.map((name, i) => [name, plainIds[i] ?? null] as const),
    [CLONED, clone ?? null],
    [TWINS, null],
    [MISSING, null],
  ]);
  return { rows, campaignIds };
}

/** A lead that turned up after the first run: qualified, handed off and accepted a day before NOW. */
export function lateLead(campaign: string, index: number): LedgerRow {
  const day = NOW - 86_400_000;
  const row = Object.fromEntries(COLUMNS.map((column) => [column, null])) as LedgerRow;
  return Object.assign(row, {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    salesforce_id: `00Q9${String(index).padStart(11, '0')}AAA`,
    stage: 'accepted',
    protocol_version: '2026.1',
    territory: 'EMEA',
    team: 'emea-inbound',
    campaign,
    source: 'webinar',
    created_at: day - 3_600_000,
    mql_at: day,
    handed_off_at: day + 60_000,
    accepted_at: day + 600_000,
    time_to_accept_min: 9,
    sla_status: 'Met',
    last_activity_at: day + 600_000,
    state: '{}',
  });
}

export function period(spec: string): Period {
  const pair = resolvePeriod(spec, NOW);
  if (!pair.ok) throw new Error(pair.error);
  return pair.value.current;
}

const inPeriod = (value: unknown, span: Period): boolean =>
  typeof value === 'number' && value >= span.start && value < span.end;

/**
 * Two numbers worked out from the rows themselves, not by the SQL under test: MQLs (qualified in
 * the period) and the acceptance rate (accepted ÷ handed off, over the period's hand-offs).
 */
export function expectedNumbers(
  rows: readonly LedgerRow[],
  campaign: string,
  span: Period,
): { mqls: number; acceptanceRate: number | null } {
  const mine = rows.filter((row) => row.campaign === campaign);
  const handedOff = mine.filter((row) => inPeriod(row.handed_off_at, span));
  const accepted = handedOff.filter((row) => row.accepted_at !== null).length;
  return {
    mqls: mine.filter((row) => inPeriod(row.mql_at, span)).length,
    acceptanceRate: handedOff.length === 0 ? null : accepted / handedOff.length,
  };
}

/** A rate as the CRMs hold it: the percentage, two decimals. */
export const percent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 10_000) / 100);
