import type {
  CustomFieldSpec,
  SalesforceRecord,
  SalesforceUpdate,
  SalesforceWrite,
  SObjectName,
} from '../../src/shared/field-specs';
import type { ApiUsage, ChangeCursor, ChangePage, ProvisionReport, WriteOutcome } from '../../src/shared/crm-port';
import type { CrmCallObserver } from '../../src/shared/crm-calls';
import type { SalesforceId } from '../../src/shared/ids';
import type { AccessReport } from './access-provisioning';
import type { AccessNeeds } from './provision-access';
import type { SalesforceWriteOptions } from './org-rule-headers';
import type { DeletedRecords, UpdatedRecords } from './replication';

export type { SalesforceWriteOptions } from './org-rule-headers';
export type { DeletedRecord, DeletedRecords, UpdatedRecords } from './replication';

/** An active record type of Lead or Contact, by its DeveloperName. */
export interface ActiveRecordType {
  readonly id: SalesforceId;
  readonly object: 'Lead' | 'Contact';
  readonly developerName: string;
}

/** The custom fields (created, updated, unchanged), and the access granted to them. */
export interface SalesforceProvisionReport extends ProvisionReport {
  readonly access: AccessReport;
}

export interface PersonMatch {
  readonly id: SalesforceId;
  readonly object: 'Lead' | 'Contact';
  readonly email: string;
  readonly accountId: SalesforceId | null;
  readonly ownerId: SalesforceId | null;
  readonly isConverted: boolean;
}

/** What a converted Lead became: read from the Lead, the only side of a conversion that records it. */
export interface LeadConversion {
  readonly leadId: SalesforceId;
  readonly contactId: SalesforceId;
  readonly accountId: SalesforceId | null;
  readonly opportunityId: SalesforceId | null;
}

export interface AccountMatch {
  readonly id: SalesforceId;
  readonly domain: string;
  readonly name: string;
  readonly ownerId: SalesforceId | null;
}

/**
 * The only Salesforce operations leadpact performs. Every batch method accepts at most 200 records
 * (sObject Collections) and returns one outcome per input, in input order; callers chunk.
 */
export interface SalesforcePort {
  /**
   * Upsert by an external-id field (HubSpot_Contact_Id__c by default): one collections call. Every
   * write tells the org's assignment rules to leave the owner alone unless `options.autoAssign`;
   * creates and upserts let duplicate rules refuse a duplicate unless `options.allowSave`.
   */
  upsert(
    object: SObjectName,
    externalIdField: string,
    records: readonly SalesforceWrite[],
    options?: SalesforceWriteOptions,
  ): Promise<readonly WriteOutcome<SalesforceId>[]>;
  create(
    object: SObjectName,
    records: readonly SalesforceWrite[],
    options?: SalesforceWriteOptions,
  ): Promise<readonly WriteOutcome<SalesforceId>[]>;
  /** Updates by Id; duplicate rules' alerts are acknowledged unless `options` says otherwise. */
  update(
    object: SObjectName,
    records: readonly SalesforceUpdate[],
    options?: SalesforceWriteOptions,
  ): Promise<readonly WriteOutcome<SalesforceId>[]>;
  /** Records by id; a missing or deleted id is simply absent from the result. */
  retrieve(
    object: SObjectName,
    ids: readonly SalesforceId[],
    fields: readonly string[],
  ): Promise<readonly SalesforceRecord[]>;
  /**
   * Whether an outbound message's SessionId is live and of our organization, asked of the instance
   * leadpact is connected to. Verified ids are remembered, hashed, for a few minutes.
   */
  isOwnSession(sessionId: string): Promise<boolean>;
  /** Leads (not converted) and Contacts whose Email is one of these, case-insensitively. */
  findPeopleByEmail(emails: readonly string[]): Promise<readonly PersonMatch[]>;
  /** Accounts whose Website's domain is one of these. */
  findAccountsByDomain(domains: readonly string[]): Promise<readonly AccountMatch[]>;
  /**
   * Both of the above in as few calls as the API allows: one Composite request carries the
   * people and account queries for up to 200 e-mails and 200 domains (a hand-off batch).
   */
  findMatches(
    emails: readonly string[],
    domains: readonly string[],
  ): Promise<{ readonly people: readonly PersonMatch[]; readonly accounts: readonly AccountMatch[] }>;
  /**
   * The conversions that produced these Contacts, by Contact id; a Contact no Lead converted into
   * is absent. A Contact does not name its Lead, so the Lead is queried (ConvertedContactId).
   */
  findConversions(contactIds: readonly SalesforceId[]): Promise<ReadonlyMap<SalesforceId, LeadConversion>>;
  /**
   * Campaign Ids by Campaign.Name, compared case-insensitively as SOQL does; a name with no
   * Campaign is absent. A name matching several Campaigns takes the only active one; with none or
   * several active it is absent too (and logged), as is a name sharing its Campaign with another
   * spelling of it. Up to five queries a call (Composite), each within a URI's length.
   */
  findCampaignIdsByName(names: readonly string[]): Promise<ReadonlyMap<string, SalesforceId>>;
  /** The active record types of Lead and Contact (RecordType), one query, for a hand-off's RecordTypeId. */
  findRecordTypes(): Promise<readonly ActiveRecordType[]>;
  /**
   * Records changed since the cursor, oldest first, including deleted ones (queryAll, IsDeleted).
   * Reads from `since` minus an overlap window and skips what the cursor already covers, so a
   * record whose commit landed late is never missed.
   */
  readChanges(
    object: SObjectName,
    cursor: ChangeCursor,
    fields: readonly string[],
    limit: number,
  ): Promise<ChangePage<SalesforceRecord>>;
  /**
   * Ids of the object's records created or changed in [start, end) (epoch ms; the API ignores
   * seconds; at most 30 days back), one call (sObject Get Updated).
   */
  getUpdated(object: SObjectName, start: number, end: number): Promise<UpdatedRecords>;
  /**
   * Ids of the object's records deleted or merged away in [start, end), with when, one call
   * (sObject Get Deleted). A start before the delete log's earliestDateAvailable (15 days at most)
   * fails with INVALID_REPLICATION_DATE.
   */
  getDeleted(object: SObjectName, start: number, end: number): Promise<DeletedRecords>;
  /**
   * Records by id, deleted and merged-away ones included while the Recycle Bin holds them
   * (queryAll: IsDeleted, MasterRecordId); a record gone from it is absent. One call per 200 ids.
   */
  readIncludingDeleted(
    object: SObjectName,
    ids: readonly SalesforceId[],
    fields: readonly string[],
  ): Promise<readonly SalesforceRecord[]>;
  /**
   * Creates the custom fields that are missing and corrects those that differ, then grants
   * leadpact's access to them (field-level security): the permission sets "leadpact Integration"
   * (the integration user) and "leadpact Sales" (the reps), from the fields and `needs`.
   */
  provisionFields(fields: readonly CustomFieldSpec[], needs?: AccessNeeds): Promise<SalesforceProvisionReport>;
  usage(): ApiUsage;
  /** Tells `observer` about every call from now on (the composition root counts them). */
  observeCalls(observer: CrmCallObserver): void;
  /**
   * The user leadpact acts as (CreatedById on what it writes), when the grant names it: the
   * password, JWT and client-credentials grants do; a bare access token does not (null).
   */
  integrationUser(): SalesforceId | null;
}
