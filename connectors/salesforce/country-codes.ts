import { isoCountries } from '../../src/shared/iso-3166';

export { countryCode } from '../../src/shared/iso-3166';

/**
 * Free-text countries and states (HubSpot's country is whatever a form or a person typed) as ISO
 * codes, for orgs with state and country/territory picklists, where Country must be a configured
 * name or CountryCode an ISO code. The names come from maintained datasets (npm i18n-iso-countries
 * for countries in several languages with their common aliases such as "USA" and "U.S.",
 * iso-3166-2 for subdivisions), not from a table of ours.
 * https://help.salesforce.com/s/articleView?id=sf.admin_state_country_picklists_overview.htm
 */

const simple = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** The ISO 3166-2 subdivision code (CA of US-CA) of a state name or code within a country. */
export function stateCode(country: string, text: string): string | undefined {
  const subdivisions = isoCountries().get(country.toUpperCase())?.subdivisions ?? [];
  const value = simple(text.replace(new RegExp(`^${country}-`, 'i'), ''));
  return subdivisions.find((sub) => simple(sub.code) === value || simple(sub.name) === value)?.code.toUpperCase();
}
