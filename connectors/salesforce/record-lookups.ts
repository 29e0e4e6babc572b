import type { Logger } from '../../src/shared/logger';
import { isSalesforceId, type SalesforceId } from '../../src/shared/ids';
import { campaignNameGroups, campaignsSoql, chooseCampaigns } from './campaign-lookup';
import { compositeQueries } from './composite-queries';
import {
  accountsSoql,
  chunk,
  conversionsSoql,
  domainOf,
  PEOPLE_SOQL,
  toAccount,
  toConversion,
  toPerson,
  type QueryRecord,
} from './record-reads';
import type { SalesforceHttp } from './salesforce-http';
import type { AccountMatch, ActiveRecordType, LeadConversion, PersonMatch } from './salesforce-port';

/* The connector's lookups, each sent as Composite query batches (composite-queries.ts). */

const EMAIL_CHUNK = 200;
// 100 LIKE terms keep a query's URL well under the 16 KB a GET may have.
const DOMAIN_CHUNK = 100;
/** 18-character ids: 200 of them keep a query's URI near 5,000 characters. */
const CONVERSION_CHUNK = 200;

export async function findMatches(
  http: SalesforceHttp,
  apiVersion: string,
  emails: readonly string[],
  domains: readonly string[],
): Promise<{ people: PersonMatch[]; accounts: AccountMatch[] }> {
  const people: PersonMatch[] = [];
  const accounts: AccountMatch[] = [];
  const emailParts = chunk(
    [...new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''))],
    EMAIL_CHUNK,
  );
  const domainParts = chunk([...new Set(domains.map(domainOf).filter((d) => d !== ''))], DOMAIN_CHUNK);
  await compositeQueries(http, apiVersion, 'findMatches', [
    ...emailParts.flatMap((part) => [
      { soql: PEOPLE_SOQL.leads(part), keep: (raw: QueryRecord) => people.push(...toPerson('Lead', raw)) },
      { soql: PEOPLE_SOQL.contacts(part), keep: (raw: QueryRecord) => people.push(...toPerson('Contact', raw)) },
    ]),
    ...domainParts.map((part) => ({
      soql: accountsSoql(part),
      keep: (raw: QueryRecord) => accounts.push(...toAccount(raw, new Set(part))),
    })),
  ]);
  return { people, accounts };
}

export async function findConversions(
  http: SalesforceHttp,
  apiVersion: string,
  contactIds: readonly SalesforceId[],
): Promise<ReadonlyMap<SalesforceId, LeadConversion>> {
  const found = new Map<SalesforceId, LeadConversion>();
  const parts = chunk([...new Set(contactIds)], CONVERSION_CHUNK);
  await compositeQueries(
    http,
    apiVersion,
    'findConversions',
    parts.map((part) => ({
      soql: conversionsSoql(part),
      keep: (raw: QueryRecord) => {
        const conversion = toConversion(raw);
        if (conversion !== null) found.set(conversion.contactId, conversion);
      },
    })),
  );
  return found;
}

export async function findCampaignIdsByName(
  http: SalesforceHttp,
  apiVersion: string,
  names: readonly string[],
  log: Logger,
): Promise<ReadonlyMap<string, SalesforceId>> {
  const wanted = [...new Set(names.filter((name) => name.trim() !== ''))];
  const rows: QueryRecord[] = [];
  await compositeQueries(
    http,
    apiVersion,
    'findCampaignIdsByName',
    campaignNameGroups(wanted).map((part) => ({
      soql: campaignsSoql(part),
      keep: (raw: QueryRecord) => rows.push(raw),
    })),
  );
  const { ids, ambiguous } = chooseCampaigns(wanted, rows);
  if (ambiguous.length > 0)
    log.warn({ ambiguous }, 'campaign names matching several Salesforce Campaigns were left unwritten');
  return ids;
}

export async function findRecordTypes(http: SalesforceHttp, apiVersion: string): Promise<readonly ActiveRecordType[]> {
  const found: ActiveRecordType[] = [];
  await compositeQueries(http, apiVersion, 'findRecordTypes', [
    {
      soql: "SELECT Id, DeveloperName, SobjectType FROM RecordType WHERE IsActive = true AND SobjectType IN ('Lead', 'Contact')",
      keep: (raw) => {
        const object = raw['SobjectType'];
        const developerName = raw['DeveloperName'];
        if ((object === 'Lead' || object === 'Contact') && typeof developerName === 'string' && isSalesforceId(raw.Id))
          found.push({ id: raw.Id, object, developerName });
      },
    },
  ]);
  return found;
}
