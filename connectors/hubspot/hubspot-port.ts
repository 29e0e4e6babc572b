import type { ApiUsage, ChangeCursor, ChangePage, ProvisionReport, WriteOutcome } from '../../src/shared/crm-port';
import type { CrmCallObserver } from '../../src/shared/crm-calls';
import type { HubSpotContactId } from '../../src/shared/ids';
import type { HubSpotObjectSchemaSpec, HubSpotPropertySpec } from '../../src/shared/field-specs';

export interface HubSpotContact {
  readonly id: HubSpotContactId;
  /** Property values as HubSpot returns them: strings, or null when unset. */
  readonly properties: Readonly<Record<string, string | null>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archived: boolean;
}

export interface HubSpotContactUpdate {
  readonly id: HubSpotContactId;
  /** HubSpot takes every property value as a string; '' clears it. */
  readonly properties: Readonly<Record<string, string>>;
}

/** A custom object record, created or updated by the value of a unique property. */
export interface HubSpotObjectUpsert {
  readonly idProperty: string;
  readonly id: string;
  /** Every value as a string; '' clears it. */
  readonly properties: Readonly<Record<string, string>>;
}

export interface HubSpotProvisionSpec {
  readonly group: { readonly name: string; readonly label: string };
  readonly properties: readonly HubSpotPropertySpec[];
  /** Webhook subscriptions: contact.creation, contact.propertyChange (with its property), ... */
  readonly webhooks?: {
    readonly appId: string;
    readonly targetUrl: string;
    readonly subscriptions: readonly { readonly eventType: string; readonly propertyName?: string }[];
  };
}

/**
 * The only HubSpot operations leadpact performs. Batch methods take at most 100 inputs and return
 * one outcome per input, in input order; callers chunk. The adapter paces itself under the app's
 * rate limit rather than collecting 429s.
 */
export interface HubSpotPort {
  updateContacts(updates: readonly HubSpotContactUpdate[]): Promise<readonly WriteOutcome<HubSpotContactId>[]>;
  /** Contacts by id; missing or archived ids are absent from the result. */
  readContacts(ids: readonly HubSpotContactId[], properties: readonly string[]): Promise<readonly HubSpotContact[]>;
  /**
   * Contacts modified since the cursor (search on lastmodifieddate, oldest first, with a moving
   * window so the 10,000-result cap never loses a record).
   */
  readChanges(cursor: ChangeCursor, properties: readonly string[], limit: number): Promise<ChangePage<HubSpotContact>>;
  /** Creates the property group, properties and webhook subscriptions that are missing. */
  provision(spec: HubSpotProvisionSpec): Promise<ProvisionReport>;
  /**
   * Creates the custom object, or brings an existing one's properties, labels and display, search
   * and required lists in line with the spec; a second run reports everything unchanged.
   */
  provisionObjectSchema(spec: HubSpotObjectSchemaSpec): Promise<ProvisionReport>;
  /** Upserts campaign metrics records (custom object leadpact_campaign_metrics) by their unique key. */
  upsertCampaignMetrics(records: readonly HubSpotObjectUpsert[]): Promise<readonly WriteOutcome<string>[]>;
  /** The id of the HubSpot account (portal) the access token belongs to. */
  portalId(): Promise<string>;
  usage(): ApiUsage;
  /** Tells `observer` about every call from now on (the composition root counts them). */
  observeCalls(observer: CrmCallObserver): void;
}
