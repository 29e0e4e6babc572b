import type { FieldValue } from './crm-port';
import type { SalesforceId } from './ids';

// What leadpact asks each CRM to hold and write, in the CRMs' own terms: the application layer
// builds these from the write-back field table and the connectors carry them out.

export type SObjectName =
  'Lead' | 'Contact' | 'Account' | 'Opportunity' | 'Campaign' | 'CampaignMember' | 'Task' | 'Event' | 'User';

/**
 * The Salesforce objects whose changes mean something to a lead: the person records, the
 * Opportunity a conversion creates, and Tasks and Events on a person (calls, emails, meetings: its
 * first touch). Reconciliation reads them, and the outbound messages an admin sets up cover them.
 */
export const FOLLOWED_SALESFORCE_OBJECTS = [
  'Lead',
  'Contact',
  'Opportunity',
  'Task',
  'Event',
] as const satisfies readonly SObjectName[];
export type FollowedObject = (typeof FOLLOWED_SALESFORCE_OBJECTS)[number];

/** A record as read: its id, its type, and the requested fields (values as the REST API returns them). */
export interface SalesforceRecord {
  readonly id: SalesforceId;
  readonly object: SObjectName;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface SalesforceWrite {
  readonly fields: Readonly<Record<string, FieldValue>>;
}

export interface SalesforceUpdate extends SalesforceWrite {
  readonly id: SalesforceId;
}

/** A picklist value: what the API reads and writes, and the words a person sees in the list. */
export interface PicklistValueSpec {
  readonly value: string;
  readonly label: string;
}

export interface CustomFieldSpec {
  readonly object: SObjectName;
  /** API name with the __c suffix. */
  readonly name: string;
  readonly label: string;
  /** What the field is for, shown to admins in Setup (Metadata `description`, up to 1,000 characters). */
  readonly description?: string;
  /** The hover text a rep sees beside the field on the record (Metadata `inlineHelpText`, up to 510). */
  readonly helpText?: string;
  readonly type: 'Text' | 'LongTextArea' | 'Number' | 'Percent' | 'DateTime' | 'Picklist' | 'Checkbox';
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** A restricted picklist's active values; values it held before and no longer lists are deactivated, never deleted. */
  readonly picklistValues?: readonly PicklistValueSpec[];
  readonly externalId?: boolean;
  readonly unique?: boolean;
}

export interface HubSpotPropertySpec {
  readonly name: string;
  readonly label: string;
  readonly type: 'string' | 'number' | 'datetime' | 'date' | 'enumeration' | 'bool';
  readonly fieldType: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'booleancheckbox';
  readonly options?: readonly { readonly label: string; readonly value: string }[];
  readonly description?: string;
}

/** A custom object's property; one with unique values is a key its records can be upserted by. */
export interface HubSpotObjectPropertySpec extends HubSpotPropertySpec {
  readonly hasUniqueValue?: boolean;
}

/** A custom object (the body of POST /crm/v3/schemas, in our own words). */
export interface HubSpotObjectSchemaSpec {
  readonly name: string;
  readonly labels: { readonly singular: string; readonly plural: string };
  readonly primaryDisplayProperty: string;
  readonly secondaryDisplayProperties: readonly string[];
  readonly searchableProperties: readonly string[];
  readonly requiredProperties: readonly string[];
  readonly properties: readonly HubSpotObjectPropertySpec[];
  readonly associatedObjects: readonly string[];
}
