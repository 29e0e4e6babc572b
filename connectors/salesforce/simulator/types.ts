import type { CallCounts } from './api-usage';
import type { ConvertLeadOptions, ConvertLeadResult } from './behaviours';
import type { SimFaults } from './faults';
import type { OAuthCredentials } from './oauth';
import type { OutboundConfig, OutboundStats } from './outbound';
import type { OrgRulesConfig } from './org-rules/config';
import type { ChangeEventOptions, PubSubEndpoint } from './pubsub';

export type { CallCounts } from './api-usage';
export type { ConvertLeadOptions, ConvertLeadResult } from './behaviours';
export type { SimFaults } from './faults';
export type { OutboundConfig, OutboundStats } from './outbound';
export type { ChangeEventOptions, PubSubEndpoint } from './pubsub';
export type {
  AssignmentRuleConfig,
  DuplicateRuleConfig,
  OrgRulesConfig,
  RecordTypeConfig,
  ValidationRuleConfig,
} from './org-rules/config';

export interface CommittedChange {
  readonly kind: 'created' | 'updated' | 'deleted';
  readonly object: string;
  readonly id: string;
  readonly record: Readonly<Record<string, unknown>>;
}

export interface SalesforceSimulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The newest API version served (default 62.0); older versions down to 20.0 answer too. */
  readonly apiVersion?: string;
  /** An 18-character org id starting 00D (default: a fixed one). */
  readonly orgId?: string;
  readonly credentials?: {
    readonly clientId?: string;
    readonly clientSecret?: string;
    readonly username?: string;
    readonly password?: string;
    readonly securityToken?: string;
    /** The connected app's certificate (or public key) PEM, for the JWT bearer grant. */
    readonly jwtCertificatePem?: string;
  };
  /** Daily API requests, rolling 24 h (default 100,000 as an Enterprise org's base allocation). */
  readonly dailyApiLimit?: number;
  /** Session timeout (default 2 hours). */
  readonly sessionTtlMs?: number;
  readonly outbound?: OutboundConfig;
  /** Change Data Capture over the Pub/Sub API (gRPC over TLS); off unless given. */
  readonly changeEvents?: ChangeEventOptions;
  /** How long a committed change stays invisible to queries (default 0). */
  readonly queryLagMs?: number;
  readonly faults?: SimFaults;
  /** Seed of the fault injector's random error rate. */
  readonly randomSeed?: number;
  /**
   * 'enforced' (default): profiles, permission sets and field-level security apply to every API
   * session, as on the platform; a custom field is visible to nobody until a permission set grants
   * it. 'all': everyone may read and edit everything, for quick experiments.
   */
  readonly access?: 'enforced' | 'all';
  /**
   * The org's own rules (org-rules/): by default a typical production org's, with one active lead
   * assignment rule (everything to the Lead Queue), the standard duplicate rules, and state and
   * country picklists on. Give some to change them, or 'none' for an org that runs none.
   */
  readonly orgRules?: Partial<OrgRulesConfig> | 'none';
  /** The org's clock (epoch ms) for timestamps, sessions and the daily window; default Date.now. */
  readonly clock?: () => number;
}

/** What the simulator accepts: give these to jsforce / leadpact as SALESFORCE_*. */
export interface SimulatorCredentials extends OAuthCredentials {
  readonly loginUrl: string;
}

export interface SeedOptions {
  /** Send outbound messages for the seeded records as for API inserts (default false). */
  readonly notify?: boolean;
}

export interface SalesforceSimulator {
  /** Base URL: both loginUrl and instance_url. */
  readonly url: string;
  readonly apiVersion: string;
  readonly credentials: SimulatorCredentials;
  /** A valid session id of the integration user (or of the user named), as a login gives one. */
  mintAccessToken(userId?: string): string;
  /** A refresh token of the integration user, as the web-server flow would issue one. */
  mintRefreshToken(): string;
  calls(): CallCounts;
  /** Back to the state at start: data, custom fields, counters, usage, faults, outbound queue. Sessions stay valid. */
  reset(): void;
  seed(object: string, records: readonly Readonly<Record<string, unknown>>[], options?: SeedOptions): string[];
  convertLead(id: string, options?: ConvertLeadOptions): ConvertLeadResult;
  merge(masterId: string, duplicateIds: readonly string[]): void;
  /** The org's own rules as they stand. */
  orgRules(): OrgRulesConfig;
  /** Changes some of the org's own rules (e.g. adds a validation rule, turns picklists off) until reset. */
  setOrgRules(change: Partial<OrgRulesConfig>): void;
  setFaults(faults: SimFaults): void;
  setOutbound(config: OutboundConfig | null): void;
  outboundStats(): OutboundStats;
  /** The Pub/Sub API endpoint, when the simulator was started with changeEvents. */
  readonly pubsub: PubSubEndpoint | undefined;
  expireSessions(): void;
  /** The records of an object (deleted ones included), values as the REST API returns them. */
  records(object: string): readonly Readonly<Record<string, unknown>>[];
  /**
   * Called once per committed transaction with what it created, updated or deleted (the record as
   * the API would return it): the instant a write became visible, for latency measurements.
   */
  onCommit(listener: (changes: readonly CommittedChange[]) => void): () => void;
  /**
   * Ids of the default users and lead queue: the integration user (API-only profile), the
   * System Administrator, and every user (the reps are Standard Users).
   */
  defaults(): {
    readonly integrationUserId: string;
    readonly adminUserId: string;
    readonly userIds: readonly string[];
    readonly leadQueueId: string;
  };
  close(): Promise<void>;
}
