import { randomBytes, randomUUID } from 'node:crypto';
import { HUBSPOT_SCOPE_NEEDS } from '../required-scopes';
import type { HubSpotSimulatorCredentials } from './sim-context';

export interface HubSpotSimulatorOptions {
  readonly port?: number;
  readonly host?: string;
  /** The private-app token the simulator accepts (`pat-na1-…`); random by default. */
  readonly accessToken?: string;
  /** A second token whose writes count as a marketer's in the HubSpot UI (changeSource CRM_UI). */
  readonly uiUserToken?: string;
  /**
   * The private app token's scopes; calls outside them get 403 MISSING_SCOPES. Default: every scope
   * leadpact needs (connectors/hubspot/required-scopes.ts), campaign metrics included. The UI user's
   * token is a person's and keeps full access.
   */
  readonly scopes?: readonly string[];
  readonly appId?: string | number;
  readonly portalId?: number;
  readonly clientSecret?: string;
  readonly developerApiKey?: string;
  /** Requests per rolling window for the private app: 100 (Free/Starter) or 190 (Professional/Enterprise). */
  readonly ratePer10s?: number;
  /** The rolling window's length; 10,000 ms at HubSpot. Benchmarks may compress it (and must say so). */
  readonly rateWindowMs?: number;
  /** Requests per day: 250,000 (Free/Starter), 625,000 (Professional), 1,000,000 (Enterprise). */
  readonly dailyLimit?: number;
  /** Search requests per second per account (5 at HubSpot). */
  readonly searchPerSecond?: number;
  /** How long a write takes to show in search results. */
  readonly searchLagMs?: number;
  /** Scales HubSpot's redelivery schedule (10 retries over ~24 h at the default 84,457 ms). */
  readonly webhookRetryBaseMs?: number;
  /** How long events gather before a delivery. */
  readonly webhookBatchWindowMs?: number;
  /** How long a webhook receiver may take to answer before the attempt counts as failed. */
  readonly webhookTimeoutMs?: number;
  readonly webhookMaxRetries?: number;
  /** Seeds the generator behind injected faults and retry jitter. */
  readonly randomSeed?: number;
  readonly clock?: () => number;
}

export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly credentials: HubSpotSimulatorCredentials;
  readonly scopes: readonly string[];
  readonly ratePer10s: number;
  readonly rateWindowMs: number;
  readonly dailyLimit: number;
  readonly searchPerSecond: number;
  readonly searchLagMs: number;
  readonly webhookRetryBaseMs: number;
  readonly webhookBatchWindowMs: number;
  readonly webhookTimeoutMs: number;
  readonly webhookMaxRetries: number;
  readonly randomSeed: number;
  readonly clock: () => number;
}

/** 24 h ÷ (2^10 − 1): ten doubling retries fit HubSpot's 24-hour redelivery window. */
export const HUBSPOT_RETRY_BASE_MS = 84_457;

function positive(name: string, value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback;
  if (!Number.isFinite(chosen) || chosen < 0)
    throw new RangeError(`HubSpot simulator option ${name} must be a non-negative number`);
  return chosen;
}

export function resolveOptions(options: HubSpotSimulatorOptions): ResolvedOptions {
  return {
    port: positive('port', options.port, 0),
    host: options.host ?? '127.0.0.1',
    credentials: {
      accessToken: options.accessToken ?? `pat-na1-${randomUUID()}`,
      uiUserToken: options.uiUserToken ?? `pat-na1-${randomUUID()}`,
      uiUserId: 9_000_001,
      appId: String(options.appId ?? 3_141_592),
      portalId: options.portalId ?? 62_515,
      clientSecret: options.clientSecret ?? randomUUID(),
      developerApiKey: options.developerApiKey ?? randomBytes(16).toString('hex'),
    },
    scopes: [...(options.scopes ?? HUBSPOT_SCOPE_NEEDS.map((need) => need.scope))],
    ratePer10s: Math.max(1, positive('ratePer10s', options.ratePer10s, 100)),
    rateWindowMs: Math.max(1, positive('rateWindowMs', options.rateWindowMs, 10_000)),
    dailyLimit: positive('dailyLimit', options.dailyLimit, 250_000),
    searchPerSecond: Math.max(1, positive('searchPerSecond', options.searchPerSecond, 5)),
    searchLagMs: positive('searchLagMs', options.searchLagMs, 50),
    webhookRetryBaseMs: positive('webhookRetryBaseMs', options.webhookRetryBaseMs, HUBSPOT_RETRY_BASE_MS),
    webhookBatchWindowMs: positive('webhookBatchWindowMs', options.webhookBatchWindowMs, 100),
    webhookTimeoutMs: Math.max(1, positive('webhookTimeoutMs', options.webhookTimeoutMs, 5_000)),
    webhookMaxRetries: positive('webhookMaxRetries', options.webhookMaxRetries, 10),
    randomSeed: options.randomSeed ?? 42,
    clock: options.clock ?? Date.now,
  };
}
