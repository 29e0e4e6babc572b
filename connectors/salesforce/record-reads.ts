import type { AccountMatch, LeadConversion, PersonMatch } from './salesforce-port';
import type { SalesforceRecord } from '../../src/shared/field-specs';
import type { SObjectName } from '../../src/shared/field-specs';
import { isSalesforceId, type SalesforceId } from '../../src/shared/ids';
import { queryResultSchema, type QueryResult } from './salesforce.schema';
import type { SalesforceHttp } from './salesforce-http';
import { soqlContains, soqlList } from './soql-text';

/** Reads: every query follows nextRecordsUrl so callers see whole results. */

export type QueryRecord = QueryResult['records'][number];

export function toRecord(object: SObjectName, raw: QueryRecord): SalesforceRecord | undefined {
  if (!isSalesforceId(raw.Id)) return undefined;
  const { attributes: _attributes, ...fields } = raw;
  return { id: raw.Id, object, fields };
}

export async function queryAllPages(
  http: SalesforceHttp,
  operation: string,
  first: QueryResult,
): Promise<QueryRecord[]> {
  const records = [...first.records];
  let page = first;
  while (!page.done && page.nextRecordsUrl !== undefined) {
    page = await http.send(operation, queryResultSchema, { method: 'GET', url: page.nextRecordsUrl });
    records.push(...page.records);
  }
  return records;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function idOrNull(value: unknown): SalesforceId | null {
  return typeof value === 'string' && isSalesforceId(value) ? value : null;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const PEOPLE_SOQL = {
  leads: (emails: readonly string[]) =>
    `SELECT Id, Email, OwnerId, IsConverted FROM Lead WHERE IsConverted = false AND Email IN ${soqlList(emails)}`,
  contacts: (emails: readonly string[]) =>
    `SELECT Id, Email, AccountId, OwnerId FROM Contact WHERE Email IN ${soqlList(emails)}`,
};

export function toPerson(object: 'Lead' | 'Contact', raw: QueryRecord): PersonMatch[] {
  const email = text(raw['Email']);
  if (!isSalesforceId(raw.Id) || email === null) return [];
  return [
    {
      id: raw.Id,
      object,
      email,
      accountId: object === 'Contact' ? idOrNull(raw['AccountId']) : null,
      ownerId: idOrNull(raw['OwnerId']),
      isConverted: raw['IsConverted'] === true,
    },
  ];
}

export function conversionsSoql(contactIds: readonly string[]): string {
  return `SELECT Id, ConvertedContactId, ConvertedAccountId, ConvertedOpportunityId FROM Lead WHERE IsConverted = true AND ConvertedContactId IN ${soqlList(contactIds)}`;
}

export function toConversion(raw: QueryRecord): LeadConversion | null {
  const contactId = idOrNull(raw['ConvertedContactId']);
  if (!isSalesforceId(raw.Id) || contactId === null) return null;
  return {
    leadId: raw.Id,
    contactId,
    accountId: idOrNull(raw['ConvertedAccountId']),
    opportunityId: idOrNull(raw['ConvertedOpportunityId']),
  };
}

/** The host of a Website value without scheme, port, path or a leading www. */
export function domainOf(website: string): string {
  const host =
    website
      .trim()
      .toLowerCase()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .split(/[/?#:]/)[0] ?? '';
  return host.replace(/^www\./, '');
}

export function accountsSoql(domains: readonly string[]): string {
  return `SELECT Id, Name, Website, OwnerId FROM Account WHERE ${domains.map((d) => `Website LIKE ${soqlContains(d)}`).join(' OR ')}`;
}

export function toAccount(raw: QueryRecord, wanted: ReadonlySet<string>): AccountMatch[] {
  const website = text(raw['Website']);
  const domain = website === null ? '' : domainOf(website);
  if (!isSalesforceId(raw.Id) || !wanted.has(domain)) return [];
  return [{ id: raw.Id, domain, name: text(raw['Name']) ?? '', ownerId: idOrNull(raw['OwnerId']) }];
}
