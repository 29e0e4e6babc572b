/**
 * Salesforce record ids: a 3-character key prefix naming the object, a 2-character pod, a reserved
 * character and a 9-digit base-62 counter (15 characters, case-sensitive), plus a 3-character
 * suffix that encodes the case of the first 15 characters so the 18-character form survives
 * case-insensitive tools.
 * https://help.salesforce.com/s/articleView?id=000385008 (What are Salesforce IDs composed of?)
 */

import { salesforceIdSuffix } from '../../../../src/shared/ids';

export const KEY_PREFIXES = {
  Account: '001',
  Contact: '003',
  User: '005',
  Opportunity: '006',
  Lead: '00Q',
  Task: '00T',
  Event: '00U',
  Organization: '00D',
  Group: '00G',
  CustomField: '00N',
  CampaignMember: '00v',
  Campaign: '701',
  QueryLocator: '01g',
  WorkflowOutboundMessage: '04k',
  OutboundNotification: '04l',
  UserLicense: '100',
  Profile: '00e',
  PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa',
  ObjectPermissions: '110',
  FieldPermissions: '01k',
  GroupMember: '011',
} as const;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const POD = '5g';
const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;

/** The 3-character case-encoding suffix of a 15-character id: the one computation, shared with `leadpact check`. */
export const idChecksum = salesforceIdSuffix;

export function to18(id15: string): string {
  return id15 + idChecksum(id15);
}

/**
 * The canonical 18-character id of a 15- or 18-character input, or undefined when the input is not
 * an id (wrong length, bad characters, or an 18-character id whose suffix does not match).
 */
export function normalizeId(value: string): string | undefined {
  if (ID15.test(value)) return to18(value);
  if (!ID18.test(value)) return undefined;
  const id15 = value.slice(0, 15);
  return idChecksum(id15) === value.slice(15).toUpperCase() ? to18(id15) : undefined;
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i += 1) {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

/**
 * Issues ids per key prefix. Counters start apart from zero so that ids mix digits and letters as
 * real ones do, and increase so that ids sort in creation order (SOQL ORDER BY Id relies on it).
 */
export class IdFactory {
  private readonly counters = new Map<string, number>();

  constructor(private readonly start = 62 ** 5 + 1) {}

  next(prefix: string): string {
    const count = this.counters.get(prefix) ?? this.start;
    this.counters.set(prefix, count + 1);
    return to18(`${prefix}${POD}0${base62(count, 9)}`);
  }

  reset(): void {
    this.counters.clear();
  }
}
