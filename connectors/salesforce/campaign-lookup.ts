import { isSalesforceId, type SalesforceId } from '../../src/shared/ids';
import type { QueryRecord } from './record-reads';
import { soqlList } from './soql-text';

/**
 * Campaigns by name, for the metrics the ledger keeps per campaign name. Campaign.Name is not
 * unique in Salesforce (a campaign cloned for next year keeps its name), and SOQL compares text
 * case-insensitively, so a name may match several Campaigns.
 */

// A query stays well under the 16,384 characters a REST URI may have once percent-encoded.
const ENCODED_QUERY_BUDGET = 12_000;
const SELECT = 'SELECT Id, Name, IsActive FROM Campaign WHERE Name IN ';

export function campaignsSoql(names: readonly string[]): string {
  return `${SELECT}${soqlList(names)}`;
}

/** Names grouped so that each group's query, percent-encoded, fits the budget. */
export function campaignNameGroups(names: readonly string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = encodeURIComponent(SELECT).length;
  for (const name of names) {
    const cost = encodeURIComponent(`${soqlList([name])}, `).length;
    if (current.length > 0 && length + cost > ENCODED_QUERY_BUDGET) {
      groups.push(current);
      current = [];
      length = encodeURIComponent(SELECT).length;
    }
    current.push(name);
    length += cost;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export interface CampaignChoice {
  readonly ids: ReadonlyMap<string, SalesforceId>;
  /** Names matching several Campaigns with no single active one, or sharing one with another spelling: left unwritten. */
  readonly ambiguous: readonly { readonly name: string; readonly ids: readonly SalesforceId[] }[];
}

interface Candidate {
  readonly id: SalesforceId;
  readonly active: boolean;
}

/**
 * One Campaign per requested name. Several matches: the only active one wins (the clone being run
 * now, not last year's closed original); with none or several active, the name is ambiguous and
 * gets no Id, because writing a campaign's numbers onto the wrong Campaign is worse than not
 * writing them: the caller reports it as unresolved, and renaming one Campaign settles it.
 */
export function chooseCampaigns(names: readonly string[], rows: readonly QueryRecord[]): CampaignChoice {
  const byName = new Map<string, Candidate[]>();
  for (const row of rows) {
    const name = row['Name'];
    if (typeof name !== 'string' || !isSalesforceId(row.Id)) continue;
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), { id: row.Id, active: row['IsActive'] === true }]);
  }
  const chosen = new Map<string, SalesforceId>();
  const ambiguous: { name: string; ids: SalesforceId[] }[] = [];
  for (const name of new Set(names)) {
    const candidates = byName.get(name.toLowerCase()) ?? [];
    const active = candidates.filter((c) => c.active);
    const pick = candidates.length === 1 ? candidates[0] : active.length === 1 ? active[0] : undefined;
    if (pick !== undefined) chosen.set(name, pick.id);
    else if (candidates.length > 1) ambiguous.push({ name, ids: candidates.map((c) => c.id) });
  }
  // Two spellings of one name ("Webinar", "webinar") are two sets of numbers for one Campaign.
  const uses = new Map<SalesforceId, number>();
  for (const id of chosen.values()) uses.set(id, (uses.get(id) ?? 0) + 1);
  const ids = new Map<string, SalesforceId>();
  for (const [name, id] of chosen) {
    if (uses.get(id) === 1) ids.set(name, id);
    else ambiguous.push({ name, ids: [id] });
  }
  return { ids, ambiguous };
}
