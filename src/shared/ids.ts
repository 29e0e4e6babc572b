declare const brand: unique symbol;

/** A string that the compiler keeps apart from other strings of a different brand. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type LeadId = Brand<string, 'LeadId'>;
export type HubSpotContactId = Brand<string, 'HubSpotContactId'>;
export type SalesforceId = Brand<string, 'SalesforceId'>;

const HUBSPOT_ID = /^[1-9][0-9]{0,19}$/;
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const LEAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isHubSpotContactId(value: string): value is HubSpotContactId {
  return HUBSPOT_ID.test(value);
}

export function isSalesforceId(value: string): value is SalesforceId {
  return SALESFORCE_ID.test(value);
}

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 3-character suffix of an 18-character Salesforce id: each character encodes which of five
 * characters of the 15-character id are upper case, so the 18-character form survives tools that
 * ignore case. https://help.salesforce.com/s/articleView?id=000385008
 */
export function salesforceIdSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let flags = 0;
    for (let i = 0; i < 5; i += 1) {
      const code = id15.charCodeAt(chunk * 5 + i);
      if (code >= 65 && code <= 90) flags |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(flags);
  }
  return suffix;
}

/**
 * Whether an 18-character id's last three characters match the case of its first fifteen (a
 * 15-character id has no suffix to check). Salesforce refuses a mismatch with MALFORMED_ID.
 */
export function hasValidSalesforceSuffix(id: string): boolean {
  return id.length !== 18 || salesforceIdSuffix(id.slice(0, 15)) === id.slice(15).toUpperCase();
}

export function isLeadId(value: string): value is LeadId {
  return LEAD_ID.test(value);
}

export function hubSpotContactId(value: string | number): HubSpotContactId {
  const text = String(value);
  if (!isHubSpotContactId(text)) throw new TypeError(`not a HubSpot object id: ${JSON.stringify(text.slice(0, 40))}`);
  return text;
}

export function salesforceId(value: string): SalesforceId {
  if (!isSalesforceId(value)) throw new TypeError(`not a Salesforce id: ${JSON.stringify(value.slice(0, 40))}`);
  return value;
}

export function leadId(value: string): LeadId {
  if (!isLeadId(value)) throw new TypeError(`not a lead id: ${JSON.stringify(value.slice(0, 40))}`);
  return value;
}
