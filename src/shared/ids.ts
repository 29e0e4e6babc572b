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
