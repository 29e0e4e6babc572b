import { NONE_KEY } from './catalogue';
import type { LeftBehindLead } from './series';

/** A lead owner as the org last described it (read by the workers, kept in the store). */
export interface OwnerEntry {
  readonly kind: 'user' | 'queue';
  /** Null: Salesforce has no such user or queue (deleted, or never one). */
  readonly name: string | null;
  readonly active: boolean | null;
}

/** What turns Salesforce ids into words and links: owner names, and the org's URL. */
export interface Directory {
  readonly owners: ReadonlyMap<string, OwnerEntry>;
  /** The org's instance URL (https://acme.my.salesforce.com); null until the workers have stored it. */
  readonly instanceUrl: string | null;
}

export const EMPTY_DIRECTORY: Directory = { owners: new Map(), instanceUrl: null };

/** Key prefix of a queue's id (a Group); a lead's other owners are Users (005). */
const QUEUE_PREFIX = '00G';

/** A slice key as people read it: "none recorded" for leads without a value. */
export const sliceName = (key: string): string => (key === NONE_KEY ? 'none recorded' : key);

/**
 * An owner as people know them: "Dana Reyes", "Dana Reyes (inactive)", "EMEA leads (queue)".
 * An id the org does not know, or whose name was not read yet, shows as itself with
 * "(unknown user)" or "(unknown queue)", so the page never breaks on a deleted user.
 */
export function ownerLabel(id: string | null, directory: Directory): string {
  if (id === null || id === NONE_KEY) return 'no owner';
  const entry = directory.owners.get(id);
  const queue = entry?.kind === 'queue' || (entry === undefined && id.startsWith(QUEUE_PREFIX));
  if (entry?.name == null) return `${id} (unknown ${queue ? 'queue' : 'user'})`;
  if (queue) return `${entry.name} (queue)`;
  return entry.active === false ? `${entry.name} (inactive)` : entry.name;
}

/** Where a Lead or Contact opens in Lightning: <instance URL>/lightning/r/<object>/<id>/view. */
export function salesforceRecordUrl(
  instanceUrl: string | null,
  object: 'Lead' | 'Contact' | null,
  id: string | null,
): string | null {
  // Only a web address becomes a link: a stored value is never trusted to be one (javascript:...).
  if (instanceUrl === null || id === null || !/^https?:\/\/[^\s"'<>]+$/i.test(instanceUrl)) return null;
  return `${instanceUrl.replace(/\/+$/, '')}/lightning/r/${object ?? 'Lead'}/${encodeURIComponent(id)}/view`;
}

/** A lead left behind, with its owner's name and the link to its record, as every format shows it. */
export interface NamedLead extends LeftBehindLead {
  /** The person's name; else the e-mail; else the Salesforce, HubSpot or leadpact id. */
  readonly label: string;
  readonly ownerName: string;
  readonly recordUrl: string | null;
}

export function namedLead(lead: LeftBehindLead, directory: Directory): NamedLead {
  const id = lead.salesforceId ?? (lead.hubspotContactId === null ? lead.leadId : `HubSpot ${lead.hubspotContactId}`);
  return {
    ...lead,
    label: lead.name ?? lead.email ?? id,
    ownerName: ownerLabel(lead.owner, directory),
    recordUrl: salesforceRecordUrl(directory.instanceUrl, lead.salesforceObject, lead.salesforceId),
  };
}
