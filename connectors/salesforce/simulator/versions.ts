/**
 * The Versions resource (GET /services/data): every API version the org serves, oldest first, each
 * with its release label and root URL, as a real org lists them. The simulator answers every
 * version from 20.0 (Winter '11, the oldest REST API version) to the one it is configured with.
 * Three releases a year, so version 20 + n is release n % 3 (Winter, Spring, Summer) of 2011 + n / 3.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_versions.htm
 */

export const OLDEST_API_VERSION = 20;

const SEASONS = ['Winter', 'Spring', 'Summer'] as const;

export interface ApiVersion {
  readonly label: string;
  readonly url: string;
  readonly version: string;
}

function releaseLabel(major: number): string {
  const n = major - OLDEST_API_VERSION;
  const year = String(11 + Math.floor(n / 3)).padStart(2, '0');
  return `${SEASONS[n % 3] ?? 'Winter'} '${year}`;
}

/** Every served version up to `latest` (e.g. "62.0"), oldest first. */
export function apiVersions(latest: string): ApiVersion[] {
  const newest = Math.floor(Number(latest));
  const out: ApiVersion[] = [];
  for (let major = OLDEST_API_VERSION; major <= newest; major += 1) {
    const version = `${major}.0`;
    out.push({ label: releaseLabel(major), url: `/services/data/v${version}`, version });
  }
  return out;
}
