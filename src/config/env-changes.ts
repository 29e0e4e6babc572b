import type { ConfigProblem } from '../shared/errors';

/**
 * SALESFORCE_CHANGES: how leadpact learns what changed in Salesforce. `outbound` (default): outbound
 * messages the org posts, read back, plus reconciliation. `cdc`: Change Data Capture over the Pub/Sub
 * API (no outbound message needed; one subscriber across the workers). `poll`: reconciliation alone.
 */
export const SALESFORCE_CHANGE_SOURCES = ['outbound', 'cdc', 'poll'] as const;
export type SalesforceChangeSource = (typeof SALESFORCE_CHANGE_SOURCES)[number];

export const DEFAULT_PUBSUB_ENDPOINT = 'api.pubsub.salesforce.com:7443';
export const DEFAULT_CDC_CHANNEL = '/data/ChangeEvents';

/** The standard channel, one object's channel, or a custom channel (PlatformEventChannel). */
export const CDC_CHANNEL = /^\/data\/(?:ChangeEvents|[A-Za-z][A-Za-z0-9_]*ChangeEvent|[A-Za-z][A-Za-z0-9_]*__chn)$/;
export const HOST_PORT = /^[A-Za-z0-9.-]+:[0-9]{1,5}$/;

export interface ChangeSourceEnv {
  readonly source: SalesforceChangeSource;
  /** host:port of the Pub/Sub API. */
  readonly pubSubEndpoint: string;
  readonly channel: string;
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
