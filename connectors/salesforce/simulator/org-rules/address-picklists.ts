import { isoCountries } from '../../../../src/shared/iso-3166';
import { recordError, type RecordError } from './types';
import type { Value } from '../schema/values';

/**
 * State and country/territory picklists: each address's Country and State must be a configured
 * country or state (its name, the integration value), or CountryCode / StateCode its ISO code;
 * setting either side fills the other. Any other text fails FIELD_INTEGRITY_EXCEPTION.
 * https://help.salesforce.com/s/articleView?id=sf.admin_state_country_picklists_overview.htm
 * https://help.salesforce.com/s/articleView?id=sf.admin_state_country_picklists_configure.htm
 */

/** The countries whose states a new org ships with, active (other countries have no states). */
const COUNTRIES_WITH_STATES = new Set(['US', 'CA', 'AU', 'BR', 'CN', 'IN', 'IE', 'IT', 'MX']);

interface Configured {
  readonly code: string;
  readonly name: string;
  readonly states: ReadonlyMap<string, string>;
}

let configured: ReadonlyMap<string, Configured> | undefined;

/** The org's countries by ISO code: ISO 3166 names as integration values, states where the org ships them. */
export function configuredCountries(): ReadonlyMap<string, Configured> {
  configured ??= new Map(
    [...isoCountries().values()].map((country) => [
      country.code,
      {
        code: country.code,
        name: country.name,
        states: new Map(
          COUNTRIES_WITH_STATES.has(country.code)
            ? country.subdivisions.map((sub) => [sub.code.toUpperCase(), sub.name])
            : [],
        ),
      },
    ]),
  );
  return configured;
}

export function allStateCodes(): string[] {
  return [...new Set([...configuredCountries().values()].flatMap((c) => [...c.states.keys()]))];
}

const COUNTRY_PROBLEM =
  "There's a problem with this country, even though it may appear correct. Please select a country/territory from the list of valid countries.";
const STATE_PROBLEM =
  "There's a problem with this state, even though it may appear correct. Please select a state from the list of valid states.";

function text(value: Value | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The code whose name this is, compared case-insensitively. */
function byName(names: Iterable<readonly [string, string]>, name: string): string | undefined {
  for (const [code, entry] of names) if (entry.toLowerCase() === name.toLowerCase()) return code;
  return undefined;
}

/** The code a save gives: its code field if it set that, else the code of the name it set. */
function chosen(
  record: Record<string, Value>,
  fields: { readonly name: string; readonly code: string },
  set: ReadonlySet<string>,
  names: Iterable<readonly [string, string]>,
): { readonly code: string | null | undefined; readonly field: string } {
  if (set.has(fields.code.toLowerCase()) || !set.has(fields.name.toLowerCase())) {
    return { code: text(record[fields.code])?.toUpperCase() ?? null, field: fields.code };
  }
  const name = text(record[fields.name]);
  return { code: name === null ? null : byName(names, name), field: fields.name };
}

/**
 * Checks one address of the record and completes it in place (name from code, code from name).
 * `set` holds the fields the save set (lower case): an address it left alone is not checked.
 */
export function checkAddress(record: Record<string, Value>, prefix: string, set: ReadonlySet<string>): RecordError[] {
  const country = { name: `${prefix}Country`, code: `${prefix}CountryCode` };
  const state = { name: `${prefix}State`, code: `${prefix}StateCode` };
  if (![country.name, country.code, state.name, state.code].some((f) => set.has(f.toLowerCase()))) return [];
  const countries = configuredCountries();
  const pickedCountry = chosen(
    record,
    country,
    set,
    [...countries].map(([code, c]) => [code, c.name] as const),
  );
  const found = pickedCountry.code === null ? null : countries.get(pickedCountry.code ?? '');
  if (found === undefined) return [recordError('FIELD_INTEGRITY_EXCEPTION', COUNTRY_PROBLEM, [pickedCountry.field])];
  record[country.code] = found?.code ?? null;
  record[country.name] = found?.name ?? null;
  const states = found?.states ?? new Map<string, string>();
  const pickedState = chosen(record, state, set, states);
  if (pickedState.code === null) {
    record[state.code] = null;
    record[state.name] = null;
    return [];
  }
  const stateName = states.get(pickedState.code ?? '');
  if (stateName === undefined) return [recordError('FIELD_INTEGRITY_EXCEPTION', STATE_PROBLEM, [pickedState.field])];
  record[state.code] = pickedState.code ?? null;
  record[state.name] = stateName;
  return [];
}
