import type { FieldValue, WriteOutcome } from '../../src/shared/crm-port';
import type { SalesforceId } from '../../src/shared/ids';
import { countryCode, stateCode } from './country-codes';

/**
 * A write's address fields as an org with state and country/territory picklists takes them:
 * Country and State become CountryCode and StateCode (ISO), which the org completes with its own
 * names. A value no dataset recognises is not sent: the record fails with the value named, for
 * Marketing to correct, rather than with the org's "There's a problem with this country".
 * https://help.salesforce.com/s/articleView?id=sf.admin_state_country_picklists_overview.htm
 */

/** The address field prefixes leadpact may write, by object. */
const PREFIXES: Readonly<Record<string, readonly string[]>> = {
  Lead: [''],
  Contact: ['Mailing', 'Other'],
  Account: ['Billing', 'Shipping'],
};

export type CodedFields =
  | { readonly ok: true; readonly fields: Record<string, FieldValue> }
  | { readonly ok: false; readonly field: string; readonly message: string };

function text(value: FieldValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function withAddressCodes(object: string, given: Readonly<Record<string, FieldValue>>): CodedFields {
  const fields: Record<string, FieldValue> = { ...given };
  for (const prefix of PREFIXES[object] ?? []) {
    const [country, state] = [`${prefix}Country`, `${prefix}State`];
    let code = text(fields[`${prefix}CountryCode`]);
    if (country in fields) {
      const value = text(fields[country]);
      const found = value === null ? null : countryCode(value);
      if (found === undefined)
        return {
          ok: false,
          field: country,
          message: `${object}.${country} "${String(value)}" is not a country Salesforce's country picklist knows; correct the country in HubSpot (a name such as "United States" or an ISO code such as "US").`,
        };
      delete fields[country];
      fields[`${prefix}CountryCode`] = found;
      code = found;
    }
    if (!(state in fields) || code === null) continue;
    const value = text(fields[state]);
    const found = value === null ? null : stateCode(code, value);
    if (found === undefined)
      return {
        ok: false,
        field: state,
        message: `${object}.${state} "${String(value)}" is not a state of ${code} that Salesforce's state picklist knows; correct the state in HubSpot (its full name or ISO code, e.g. "California" or "CA").`,
      };
    delete fields[state];
    fields[`${prefix}StateCode`] = found;
  }
  return { ok: true, fields };
}

type Failure = Extract<WriteOutcome<SalesforceId>, { ok: false }>;

/**
 * Codes the address fields of writes when the org has state and country picklists, which it tells
 * by describe: the object has CountryCode (Mailing/BillingCountryCode) only when they are on. The
 * answer is asked once per object, and only of objects whose writes carry an address.
 */
export class AddressCoder {
  private readonly modes = new Map<string, Promise<boolean>>();

  constructor(private readonly fieldNames: (object: string) => Promise<readonly string[]>) {}

  /** Each record's fields ready to send, or the failure that keeps it from being sent. */
  async code(
    object: string,
    records: readonly Readonly<Record<string, FieldValue>>[],
  ): Promise<({ readonly fields: Record<string, FieldValue> } | Failure)[]> {
    const prefixes = PREFIXES[object] ?? [];
    const carries = records.some((fields) => prefixes.some((p) => `${p}Country` in fields || `${p}State` in fields));
    if (!carries || !(await this.picklists(object))) return records.map((fields) => ({ fields: { ...fields } }));
    return records.map((fields) => {
      const coded = withAddressCodes(object, fields);
      return coded.ok
        ? { fields: coded.fields }
        : { ok: false, code: ADDRESS_UNMAPPED, message: coded.message, fields: [coded.field], retryable: false };
    });
  }

  private picklists(object: string): Promise<boolean> {
    let mode = this.modes.get(object);
    if (mode === undefined) {
      const codeField = `${PREFIXES[object]?.[0] ?? ''}CountryCode`;
      mode = this.fieldNames(object).then((names) => names.includes(codeField));
      mode.catch(() => this.modes.delete(object));
      this.modes.set(object, mode);
    }
    return mode;
  }
}

/** The record-level code of a country or state leadpact could not map: the org's own code for it. */
export const ADDRESS_UNMAPPED = 'FIELD_INTEGRITY_EXCEPTION';
