import { createRequire } from 'node:module';
import isoNames from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import de from 'i18n-iso-countries/langs/de.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import es from 'i18n-iso-countries/langs/es.json';
import { z } from 'zod';

/**
 * ISO 3166-1 countries and their ISO 3166-2 subdivisions, from maintained npm datasets, not a table
 * of ours: i18n-iso-countries (names in several languages, with aliases such as "USA" and "U.S.")
 * and iso-3166-2 (subdivisions; it ships no types, so its data is read through zod).
 */

export interface Subdivision {
  /** The code after the country's, e.g. CA of US-CA. */
  readonly code: string;
  readonly name: string;
  readonly type: string;
}

export interface IsoCountry {
  /** ISO 3166-1 alpha-2. */
  readonly code: string;
  readonly name: string;
  readonly subdivisions: readonly Subdivision[];
}

const datasetSchema = z.record(
  z.string(),
  z.object({
    name: z.string(),
    sub: z.record(z.string(), z.object({ name: z.string(), type: z.string() })),
  }),
);

let countries: ReadonlyMap<string, IsoCountry> | undefined;

/** Every country by its alpha-2 code (upper case), loaded once. */
export function isoCountries(): ReadonlyMap<string, IsoCountry> {
  if (countries !== undefined) return countries;
  const module = z.object({ data: datasetSchema }).parse(createRequire(__filename)('iso-3166-2'));
  countries = new Map(
    Object.entries(module.data).map(([code, country]) => [
      code.toUpperCase(),
      {
        code: code.toUpperCase(),
        name: country.name,
        subdivisions: Object.entries(country.sub).map(([full, sub]) => ({
          code: full.slice(full.indexOf('-') + 1),
          name: sub.name,
          type: sub.type,
        })),
      },
    ]),
  );
  return countries;
}

const LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
for (const locale of [en, de, fr, es]) isoNames.registerLocale(locale);

/** The ISO 3166-1 alpha-2 code of a country name, alias, alpha-2 or alpha-3 code; undefined when none fits. */
export function countryCode(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (/^[A-Za-z]{2}$/.test(value) && isoNames.isValid(value.toUpperCase())) return value.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(value)) {
    const alpha2 = isoNames.alpha3ToAlpha2(value.toUpperCase());
    if (alpha2 !== undefined) return alpha2;
  }
  for (const language of LANGUAGES) {
    const code = isoNames.getAlpha2Code(value, language) ?? isoNames.getSimpleAlpha2Code(value, language);
    if (code !== undefined) return code;
  }
  return undefined;
}

/**
 * Whether two values of a country field name the same country ("USA" and "United States"): an org
 * with state and country picklists answers with its own name for the country leadpact wrote.
 */
export function sameCountry(field: string, a: unknown, b: unknown): boolean {
  if (!/country$/i.test(field) || typeof a !== 'string' || typeof b !== 'string') return false;
  const code = countryCode(a);
  return code !== undefined && code === countryCode(b);
}
