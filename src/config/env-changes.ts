import type { ConfigProblem } from '../shared/errors';

/**
 * SALESFORCE_CHANGES: how leadpact learns what changed in Salesforce. `outbound`: outbound messages
 * the org posts, read back, plus reconciliation. `cdc`: Change Data Capture over the Pub/Sub API (no
 * outbound message needed; one subscriber across the workers). `poll`: reconciliation alone. Unset:
 * `cdc` when the org has leadpact's channel with every object it follows, else `outbound`
 * (chooseChangeSource; the service asks the org once at start).
 */
export const SALESFORCE_CHANGE_SOURCES = ['outbound', 'cdc', 'poll'] as const;
export type SalesforceChangeSource = (typeof SALESFORCE_CHANGE_SOURCES)[number];

export const DEFAULT_PUBSUB_ENDPOINT = 'api.pubsub.salesforce.com:7443';
export const DEFAULT_CDC_CHANNEL = '/data/ChangeEvents';
/** The custom channel `leadpact provision` creates (PlatformEventChannel Leadpact__chn). */
export const LEADPACT_CDC_CHANNEL = '/data/Leadpact__chn';

/** The standard channel, one object's channel, or a custom channel (PlatformEventChannel). */
export const CDC_CHANNEL = /^\/data\/(?:ChangeEvents|[A-Za-z][A-Za-z0-9_]*ChangeEvent|[A-Za-z][A-Za-z0-9_]*__chn)$/;
export const HOST_PORT = /^[A-Za-z0-9.-]+:[0-9]{1,5}$/;

export interface ChangeSourceEnv {
  /** Undefined: SALESFORCE_CHANGES is unset, and the org decides (chooseChangeSource). */
  readonly source: SalesforceChangeSource | undefined;
  /** host:port of the Pub/Sub API. */
  readonly pubSubEndpoint: string;
  /** Undefined: SALESFORCE_CDC_CHANNEL is unset (leadpact's channel when the org has it, else the standard one). */
  readonly channel: string | undefined;
  /** A PEM certificate to trust for the Pub/Sub API (SALESFORCE_PUBSUB_CA_FILE), besides the system's. */
  readonly trustedCertificate: string | undefined;
}

/** Reads SALESFORCE_PUBSUB_CA_FILE; a problem is reported under its name. */
export function readCertificate(
  path: string | undefined,
  problems: ConfigProblem[],
  readFile: (path: string) => string,
): string | undefined {
  if (path === undefined) return undefined;
  try {
    const pem = readFile(path);
    if (pem.includes('BEGIN CERTIFICATE')) return pem;
    problems.push({ path: 'SALESFORCE_PUBSUB_CA_FILE', message: 'expected a PEM certificate file' });
  } catch {
    problems.push({ path: 'SALESFORCE_PUBSUB_CA_FILE', message: 'the file cannot be read' });
  }
  return undefined;
}

/** What the org holds of leadpact's channel, asked once at start; null: it could not be read. */
export type LeadpactChannelState =
  { readonly exists: false } | { readonly exists: true; readonly missing: readonly string[] } | null;

export interface ChosenChangeSource {
  readonly source: SalesforceChangeSource;
  readonly channel: string;
  /** Why, in words for the log. */
  readonly reason: string;
}

/** Whether the org must be asked about leadpact's channel: only what is unset depends on it. */
export function needsChannelCheck(env: Pick<ChangeSourceEnv, 'source' | 'channel'>): boolean {
  return env.source === undefined || (env.source === 'cdc' && env.channel === undefined);
}

/**
 * The source and channel the service follows: what the environment says, and for what it leaves
 * unset, whether the org has leadpact's channel holding every object leadpact follows.
 */
export function chooseChangeSource(
  env: Pick<ChangeSourceEnv, 'source' | 'channel'>,
  org: LeadpactChannelState,
): ChosenChangeSource {
  const ready = org !== null && org.exists && org.missing.length === 0;
  const channel = env.channel ?? (org?.exists === true ? LEADPACT_CDC_CHANNEL : DEFAULT_CDC_CHANNEL);
  if (env.source !== undefined)
    return { source: env.source, channel, reason: `SALESFORCE_CHANGES is set to ${env.source}` };
  if (ready)
    return {
      source: 'cdc',
      channel,
      reason: `SALESFORCE_CHANGES is unset and the org has leadpact's channel ${LEADPACT_CDC_CHANNEL}, so leadpact follows Salesforce through Change Data Capture`,
    };
  const why =
    org === null
      ? "leadpact could not read the org's Change Data Capture channels"
      : !org.exists
        ? `the org has no channel ${LEADPACT_CDC_CHANNEL}`
        : `the channel ${LEADPACT_CDC_CHANNEL} lacks ${org.missing.join(', ')}`;
  return {
    source: 'outbound',
    channel,
    reason: `SALESFORCE_CHANGES is unset and ${why}, so leadpact follows Salesforce through outbound messages; run leadpact provision to create the channel, or set SALESFORCE_CHANGES`,
  };
}
