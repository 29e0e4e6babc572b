import type { AssociationStore } from './associations';
import type { ChangeFeed, WriteSource } from './change-feed';
import type { CrmWrites } from './crm-writes';
import type { SchemaStore } from './custom-schemas';
import type { ObjectStore } from './object-store';
import type { OwnerStore } from './owners';
import type { PropertyRegistry } from './property-registry';
import type { SearchIndex } from './search-index';
import type { Actor } from './sim-http';

/** What the simulator accepts; `leadpact sim` prints these. */
export interface HubSpotSimulatorCredentials {
  /** The private app's access token: its writes are the integration's (changeSource INTEGRATION). */
  readonly accessToken: string;
  /** A second token standing for a marketer working in HubSpot: its writes carry changeSource CRM_UI. */
  readonly uiUserToken: string;
  readonly uiUserId: number;
  readonly appId: string;
  readonly portalId: number;
  /** Signs webhooks (X-HubSpot-Signature-v3). */
  readonly clientSecret: string;
  /** The webhooks v3 API takes the developer API key as `hapikey`. */
  readonly developerApiKey: string;
}

/** Settings the control surface may change while running. */
export interface SimSettings {
  searchLagMs: number;
}

export interface SimContext {
  readonly credentials: HubSpotSimulatorCredentials;
  readonly clock: () => number;
  readonly store: ObjectStore;
  /** What search reads: the store as the (lagging) index shows it. */
  readonly searchIndex: SearchIndex;
  readonly registry: PropertyRegistry;
  /** Custom object schemas; their properties are in the registry under their objectTypeId. */
  readonly schemas: SchemaStore;
  readonly writes: CrmWrites;
  readonly owners: OwnerStore;
  readonly associations: AssociationStore;
  readonly feed: ChangeFeed;
  readonly settings: SimSettings;
}

/**
 * How HubSpot attributes a write: an app's API call is `INTEGRATION` with the app id as sourceId
 * (what webhook payloads and property history show); a person in the UI is `CRM_UI`, `userId:<id>`.
 */
export function sourceOf(actor: Actor, credentials: HubSpotSimulatorCredentials): WriteSource {
  if (actor.kind === 'app') return { changeSource: 'INTEGRATION', sourceId: credentials.appId };
  return userSource(credentials);
}

export function userSource(credentials: HubSpotSimulatorCredentials): WriteSource {
  return { changeSource: 'CRM_UI', sourceId: `userId:${credentials.uiUserId}` };
}
