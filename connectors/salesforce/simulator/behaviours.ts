import { insertRecord, type SaveOutcome } from './dml';
import { normalizeId } from './schema/ids';
import { auditStamp, type Actor } from './org';
import { CONVERTED_LEAD_STATUS } from './schema/sales-objects';
import type { Row, Value } from './store';
import { formatDate } from './schema/values';

/**
 * What Sales does in the Salesforce UI, for tests and the demo: converting a lead (an Account, a
 * Contact and optionally an Opportunity, the lead marked converted) and merging duplicates (the
 * losers deleted with MasterRecordId set, their related records moved to the master).
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_convertlead.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_merge.htm
 */

export class SimulatorError extends Error {}

export interface ConvertLeadOptions {
  readonly opportunity?:
    | {
        readonly amount?: number | undefined;
        readonly stageName?: string | undefined;
        readonly name?: string | undefined;
        readonly closeDate?: string | undefined;
      }
    | undefined;
  readonly doNotCreateOpportunity?: boolean | undefined;
  /** An existing account to attach the contact (and opportunity) to. */
  readonly accountId?: string | undefined;
  /** Who converts: the integration user unless named (in an org, usually the rep who owns the Lead). */
  readonly asUser?: string | undefined;
}

export interface ConvertLeadResult {
  readonly leadId: string;
  readonly accountId: string;
  readonly contactId: string;
  readonly opportunityId: string | null;
}

const DAY_MS = 86_400_000;

function live(ctx: Actor, object: string, rawId: string): Row {
  const id = normalizeId(rawId);
  const row = id === undefined ? undefined : ctx.store.get(object, id);
  if (row === undefined || row['IsDeleted'] === true) throw new SimulatorError(`no live ${object} with id ${rawId}`);
  return row;
}

function created(outcome: SaveOutcome, what: string): string {
  if (outcome.ok) return outcome.id;
  throw new SimulatorError(
    `could not create the ${what}: ${outcome.errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ')}`,
  );
}

function pick(row: Row, mapping: Readonly<Record<string, string>>): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [from, to] of Object.entries(mapping)) {
    const value = row[from] ?? null;
    if (value !== null) out.set(to, value);
  }
  return out;
}

function touch(
  ctx: Actor,
  object: string,
  row: Row,
  changes: Record<string, Value>,
  event: 'updated' | 'deleted',
): void {
  const now = auditStamp(ctx.now());
  ctx.store.put(
    object,
    { ...row, ...changes, LastModifiedDate: now, LastModifiedById: ctx.userId, SystemModstamp: now },
    event,
  );
}

function convert(ctx: Actor, lead: Row, options: ConvertLeadOptions): ConvertLeadResult {
  // A converted record needs a user owner; a lead still owned by a queue goes to the converting user.
  const owner = typeof lead['OwnerId'] === 'string' && lead['OwnerId'].startsWith('005') ? lead['OwnerId'] : ctx.userId;
  const accountId =
    options.accountId === undefined
      ? created(
          insertRecord(
            ctx,
            'Account',
            new Map([
              ...pick(lead, {
                Company: 'Name',
                Website: 'Website',
                Phone: 'Phone',
                Industry: 'Industry',
                AnnualRevenue: 'AnnualRevenue',
                NumberOfEmployees: 'NumberOfEmployees',
                City: 'BillingCity',
                State: 'BillingState',
                Country: 'BillingCountry',
                LeadSource: 'AccountSource',
              }),
              ['OwnerId', owner],
            ]),
          ),
          'account',
        )
      : String(live(ctx, 'Account', options.accountId)['Id']);
  const contactFields = pick(lead, {
    FirstName: 'FirstName',
    LastName: 'LastName',
    Salutation: 'Salutation',
    Email: 'Email',
    Phone: 'Phone',
    MobilePhone: 'MobilePhone',
    Title: 'Title',
    LeadSource: 'LeadSource',
    Description: 'Description',
    City: 'MailingCity',
    State: 'MailingState',
    Country: 'MailingCountry',
  });
  const contactId = created(
    insertRecord(ctx, 'Contact', new Map([...contactFields, ['AccountId', accountId], ['OwnerId', owner]])),
    'contact',
  );
  let opportunityId: string | null = null;
  if (options.doNotCreateOpportunity !== true) {
    const spec = options.opportunity ?? {};
    const opportunity = new Map<string, Value>([
      ['AccountId', accountId],
      ['Name', spec.name ?? `${String(lead['Company'] ?? 'Lead')}-`],
      ['StageName', spec.stageName ?? 'Prospecting'],
      ['CloseDate', spec.closeDate ?? formatDate(ctx.now() + 30 * DAY_MS)],
      ['OwnerId', owner],
      ...[...pick(lead, { LeadSource: 'LeadSource' })],
    ]);
    if (spec.amount !== undefined) opportunity.set('Amount', spec.amount);
    opportunityId = created(insertRecord(ctx, 'Opportunity', opportunity), 'opportunity');
  }
  touch(
    ctx,
    'Lead',
    lead,
    {
      IsConverted: true,
      ConvertedDate: formatDate(ctx.now()),
      ConvertedAccountId: accountId,
      ConvertedContactId: contactId,
      ConvertedOpportunityId: opportunityId,
      Status: CONVERTED_LEAD_STATUS,
      OwnerId: owner,
    },
    'updated',
  );
  return { leadId: String(lead['Id']), accountId, contactId, opportunityId };
}

export function convertLead(ctx: Actor, leadId: string, options: ConvertLeadOptions = {}): ConvertLeadResult {
  const lead = live(ctx, 'Lead', leadId);
  if (lead['IsConverted'] === true) throw new SimulatorError(`lead ${leadId} is already converted`);
  return ctx.store.transaction(() => convert(ctx, lead, options));
}

// Related records that follow the master: object → reference fields pointing at the merged object.
const CHILDREN: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  Lead: [
    ['Task', 'WhoId'],
    ['CampaignMember', 'LeadId'],
  ],
  Contact: [
    ['Task', 'WhoId'],
    ['CampaignMember', 'ContactId'],
  ],
  Account: [
    ['Contact', 'AccountId'],
    ['Opportunity', 'AccountId'],
    ['Task', 'WhatId'],
    ['Account', 'ParentId'],
  ],
};

export function mergeRecords(ctx: Actor, masterId: string, duplicateIds: readonly string[]): void {
  const object = ctx.registry.objectOfId(normalizeId(masterId) ?? '');
  const children = object === undefined ? undefined : CHILDREN[object];
  if (object === undefined || children === undefined)
    throw new SimulatorError('only Leads, Contacts and Accounts can be merged');
  // The merge call takes a master and up to two records to merge into it.
  if (duplicateIds.length < 1 || duplicateIds.length > 2) throw new SimulatorError('merge takes one or two duplicates');
  const master = live(ctx, object, masterId);
  const duplicates = duplicateIds.map((id) => live(ctx, object, id));
  if (duplicates.some((d) => d['Id'] === master['Id']))
    throw new SimulatorError('a record cannot be merged into itself');
  ctx.store.transaction(() => {
    for (const duplicate of duplicates) {
      for (const [child, field] of children) {
        for (const row of ctx.store
          .rows(child)
          .filter((r) => r[field] === duplicate['Id'] && r['IsDeleted'] !== true)) {
          touch(ctx, child, row, { [field]: master['Id'] ?? null }, 'updated');
        }
      }
      touch(ctx, object, duplicate, { IsDeleted: true, MasterRecordId: master['Id'] ?? null }, 'deleted');
    }
    touch(ctx, object, master, {}, 'updated');
  });
}
