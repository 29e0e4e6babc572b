import { z } from 'zod';
import { CrmError } from '../../src/shared/errors';
import { queryAllPages, chunk } from './record-reads';
import type { SalesforceHttp } from './salesforce-http';
import { queryResultSchema } from './salesforce.schema';
import { soqlList } from './soql-text';

/**
 * Read-only questions about the org, for `leadpact doctor` and the start preflight: who the
 * users and queues the protocol names are, what the integration user may see and edit (describe
 * answers as the caller: a field without read access is absent, one without edit access is not
 * updateable), and how much of the daily API allocation is left. Nothing here writes.
 */

export interface OrgUser {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly isActive: boolean;
}

export interface OrgQueue {
  readonly id: string;
  readonly name: string;
  /** Users and groups in the queue; null when the org would not say (no access to GroupMember). */
  readonly memberCount: number | null;
}

export interface DescribedField {
  readonly name: string;
  readonly type: string;
  readonly updateable: boolean;
  readonly createable: boolean;
}

export interface ObjectAccess {
  readonly object: string;
  /** Null: the object is not visible to the caller at all. */
  readonly fields: ReadonlyMap<string, DescribedField> | null;
  readonly createable: boolean;
  readonly updateable: boolean;
}

export interface DailyAllocation {
  readonly max: number;
  readonly remaining: number;
}

/** The org's own rules on the objects leadpact writes (Setup objects, read through SOQL). */
export interface OrgRules {
  /** Active lead assignment rules by name; null when the integration user may not read them. */
  readonly assignmentRules: readonly string[] | null;
  /** Active duplicate rules on Lead and Contact ("Lead: Standard_Lead_Duplicate_Rule"); null: not readable. */
  readonly duplicateRules: readonly string[] | null;
  /** State and country picklists: on when Lead's describe has CountryCode. */
  readonly countryPicklists: boolean;
}

/** A validation rule as Setup holds it (Tooling API ValidationRule). */
export interface ValidationRuleSetup {
  readonly object: string;
  readonly name: string;
  readonly message: string;
  /** The field the message is shown at; null: the top of the page. */
  readonly field: string | null;
}

/** A Lead or Contact record type (RecordType). */
export interface RecordTypeSetup {
  readonly id: string;
  readonly object: string;
  readonly developerName: string;
  readonly name: string;
  readonly active: boolean;
}

/** An outbound message as Setup holds it (Tooling API WorkflowOutboundMessage). */
export interface OutboundMessageSetup {
  readonly name: string;
  readonly object: string;
  readonly endpointUrl: string | null;
}

export interface SalesforceInspection {
  /** Users by id (15 or 18 characters); an id with no user is absent. Keys are 18-character ids. */
  users(ids: readonly string[]): Promise<readonly OrgUser[]>;
  /** Groups of type Queue by id; an id that is no queue is absent. */
  queues(ids: readonly string[]): Promise<readonly OrgQueue[]>;
  /** What the caller may see and do on an object (describe). */
  access(object: string): Promise<ObjectAccess>;
  /** DailyApiRequests from /limits. */
  dailyAllocation(): Promise<DailyAllocation | null>;
  orgRules(): Promise<OrgRules>;
  /** The org's outbound messages; null when the integration user may not read them. */
  outboundMessages(): Promise<readonly OutboundMessageSetup[] | null>;
  /** The active validation rules on these objects; null when the integration user may not read them. */
  validationRules(objects: readonly string[]): Promise<readonly ValidationRuleSetup[] | null>;
  /** The record types of Lead and Contact, active or not; null when the integration user may not read them. */
  recordTypes(): Promise<readonly RecordTypeSetup[] | null>;
}

const describeAccessSchema = z.looseObject({
  name: z.string(),
  createable: z.boolean().optional(),
  updateable: z.boolean().optional(),
  fields: z.array(
    z.looseObject({
      name: z.string(),
      type: z.string(),
      updateable: z.boolean().optional(),
      createable: z.boolean().optional(),
    }),
  ),
});

const limitsSchema = z.looseObject({
  DailyApiRequests: z.looseObject({ Max: z.number(), Remaining: z.number() }).optional(),
});

const ID_CHUNK = 200;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Errors that mean "this object or route is not visible to you", as opposed to an outage. */
function isNotVisible(error: unknown): boolean {
  if (!(error instanceof CrmError)) return false;
  return (
    error.code === 'CRM_NOT_FOUND' ||
    error.code === 'CRM_FORBIDDEN' ||
    ['INVALID_TYPE', 'NOT_FOUND', 'INSUFFICIENT_ACCESS'].includes(error.vendorCode ?? '')
  );
}

class OrgInspection implements SalesforceInspection {
  constructor(private readonly http: SalesforceHttp) {}

  private async query(soql: string, resource = 'query'): Promise<readonly Record<string, unknown>[]> {
    const first = await this.http.send('inspect', queryResultSchema, {
      method: 'GET',
      url: `/${resource}?q=${encodeURIComponent(soql)}`,
    });
    return queryAllPages(this.http, 'inspect', first);
  }

  async users(ids: readonly string[]): Promise<readonly OrgUser[]> {
    const out: OrgUser[] = [];
    for (const group of chunk([...new Set(ids)], ID_CHUNK)) {
      const rows = await this.query(`SELECT Id, Name, Username, IsActive FROM User WHERE Id IN ${soqlList(group)}`);
      for (const row of rows)
        out.push({
          id: text(row['Id']),
          name: text(row['Name']),
          username: text(row['Username']),
          isActive: row['IsActive'] === true,
        });
    }
    return out;
  }

  async queues(ids: readonly string[]): Promise<readonly OrgQueue[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await this.query(
      `SELECT Id, Name FROM Group WHERE Type = 'Queue' AND Id IN ${soqlList(unique.slice(0, ID_CHUNK))}`,
    );
    const members = await this.memberCounts(rows.map((row) => text(row['Id'])));
    return rows.map((row) => ({
      id: text(row['Id']),
      name: text(row['Name']),
      memberCount: members === null ? null : (members.get(text(row['Id'])) ?? 0),
    }));
  }

  private async memberCounts(groupIds: readonly string[]): Promise<Map<string, number> | null> {
    if (groupIds.length === 0) return new Map();
    try {
      const rows = await this.query(`SELECT Id, GroupId FROM GroupMember WHERE GroupId IN ${soqlList(groupIds)}`);
      const counts = new Map<string, number>();
      for (const row of rows) counts.set(text(row['GroupId']), (counts.get(text(row['GroupId'])) ?? 0) + 1);
      return counts;
    } catch (error) {
      if (isNotVisible(error)) return null;
      throw error;
    }
  }

  async access(object: string): Promise<ObjectAccess> {
    try {
      const describe = await this.http.send('inspect', describeAccessSchema, {
        method: 'GET',
        url: `/sobjects/${object}/describe`,
      });
      return {
        object,
        createable: describe.createable ?? true,
        updateable: describe.updateable ?? true,
        fields: new Map(
          describe.fields.map((field) => [
            field.name.toLowerCase(),
            {
              name: field.name,
              type: field.type,
              updateable: field.updateable ?? true,
              createable: field.createable ?? true,
            },
          ]),
        ),
      };
    } catch (error) {
      if (isNotVisible(error)) return { object, fields: null, createable: false, updateable: false };
      throw error;
    }
  }

  async outboundMessages(): Promise<readonly OutboundMessageSetup[] | null> {
    const rows = await this.readable(
      'SELECT Id, Name, EntityDefinitionId FROM WorkflowOutboundMessage',
      'tooling/query',
    );
    if (rows === null) return null;
    const out: OutboundMessageSetup[] = [];
    // Metadata (which holds the endpoint) may be read for one row per query only.
    for (const row of rows) {
      const [one] = await this.query(
        `SELECT Id, Metadata FROM WorkflowOutboundMessage WHERE Id = '${text(row['Id']).replace(/[^A-Za-z0-9]/g, '')}'`,
        'tooling/query',
      );
      const metadata = one?.['Metadata'] as { endpointUrl?: unknown } | undefined;
      out.push({
        name: text(row['Name']),
        object: text(row['EntityDefinitionId']),
        endpointUrl: typeof metadata?.endpointUrl === 'string' ? metadata.endpointUrl : null,
      });
    }
    return out;
  }

  /** null for an object or route the caller may not see; other failures are the caller's to report. */
  private async readable(soql: string, resource = 'query'): Promise<readonly Record<string, unknown>[] | null> {
    try {
      return await this.query(soql, resource);
    } catch (error) {
      if (isNotVisible(error)) return null;
      throw error;
    }
  }

  async validationRules(objects: readonly string[]): Promise<readonly ValidationRuleSetup[] | null> {
    // EntityDefinition.DeveloperName is filtered here: a relationship filter on it is not reliable in every release.
    const rows = await this.readable(
      'SELECT Id, ValidationName, Active, ErrorMessage, ErrorDisplayField, EntityDefinition.DeveloperName FROM ValidationRule WHERE Active = true',
      'tooling/query',
    );
    if (rows === null) return null;
    const wanted = new Set(objects.map((object) => object.toLowerCase()));
    return rows
      .map((row) => ({
        object: text((row['EntityDefinition'] as Record<string, unknown> | null | undefined)?.['DeveloperName']),
        name: text(row['ValidationName']),
        message: text(row['ErrorMessage']),
        field: text(row['ErrorDisplayField']) === '' ? null : text(row['ErrorDisplayField']),
      }))
      .filter((rule) => wanted.has(rule.object.toLowerCase()));
  }

  async recordTypes(): Promise<readonly RecordTypeSetup[] | null> {
    const rows = await this.readable(
      "SELECT Id, DeveloperName, Name, SobjectType, IsActive FROM RecordType WHERE SobjectType IN ('Lead', 'Contact')",
    );
    return (
      rows?.map((row) => ({
        id: text(row['Id']),
        object: text(row['SobjectType']),
        developerName: text(row['DeveloperName']),
        name: text(row['Name']),
        active: row['IsActive'] === true,
      })) ?? null
    );
  }

  async orgRules(): Promise<OrgRules> {
    const readable = async (soql: string, label: (row: Record<string, unknown>) => string) =>
      (await this.readable(soql))?.map(label) ?? null;
    const lead = await this.access('Lead');
    return {
      assignmentRules: await readable(
        "SELECT Id, Name FROM AssignmentRule WHERE SobjectType = 'Lead' AND Active = true",
        (row) => text(row['Name']),
      ),
      duplicateRules: await readable(
        "SELECT Id, DeveloperName, SobjectType FROM DuplicateRule WHERE IsActive = true AND SobjectType IN ('Lead', 'Contact')",
        (row) => `${text(row['SobjectType'])}: ${text(row['DeveloperName'])}`,
      ),
      countryPicklists: lead.fields?.has('countrycode') === true,
    };
  }

  async dailyAllocation(): Promise<DailyAllocation | null> {
    const limits = await this.http.send('inspect', limitsSchema, { method: 'GET', url: '/limits' });
    const daily = limits.DailyApiRequests;
    return daily === undefined ? null : { max: daily.Max, remaining: daily.Remaining };
  }
}

export function orgInspection(http: SalesforceHttp): SalesforceInspection {
  return new OrgInspection(http);
}
