import type { Random } from './random';

/**
 * Who the synthetic market is made of: the kinds of people who fill in a B2B analytics vendor's
 * forms, and the contact properties HubSpot would hold about each. Every name, company and address
 * is invented (addresses use the reserved .example domain, except the personal-mailbox persona).
 */
export const PERSONAS = ['hot', 'warming', 'cold_fit', 'poor_fit', 'competitor', 'opted_out'] as const;
export type Persona = (typeof PERSONAS)[number];

export interface Campaign {
  readonly name: string;
  /** How many of the arrivals come through it, relatively. */
  readonly weight: number;
  /** Who it attracts: a partner referral brings better-fitting people than a free report. */
  readonly personas: readonly (readonly [Persona, number])[];
}

export const CAMPAIGNS: readonly Campaign[] = [
  {
    name: 'benchmark-report-2026',
    weight: 4,
    personas: [
      ['hot', 4],
      ['warming', 12],
      ['cold_fit', 24],
      ['poor_fit', 54],
      ['competitor', 3],
      ['opted_out', 3],
    ],
  },
  {
    name: 'product-analytics-webinar',
    weight: 3,
    personas: [
      ['hot', 8],
      ['warming', 30],
      ['cold_fit', 24],
      ['poor_fit', 34],
      ['competitor', 2],
      ['opted_out', 2],
    ],
  },
  {
    name: 'pricing-retargeting',
    weight: 2,
    personas: [
      ['hot', 26],
      ['warming', 20],
      ['cold_fit', 16],
      ['poor_fit', 34],
      ['competitor', 2],
      ['opted_out', 2],
    ],
  },
  {
    name: 'linkedin-product-leaders',
    weight: 2,
    personas: [
      ['hot', 10],
      ['warming', 18],
      ['cold_fit', 32],
      ['poor_fit', 36],
      ['competitor', 2],
      ['opted_out', 2],
    ],
  },
  {
    name: 'partner-referrals',
    weight: 1,
    personas: [
      ['hot', 30],
      ['warming', 26],
      ['cold_fit', 26],
      ['poor_fit', 16],
      ['competitor', 1],
      ['opted_out', 1],
    ],
  },
];

const FIRST_NAMES = [
  'Ava',
  'Ben',
  'Chloe',
  'Daniel',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Keiko',
  'Liam',
  'Maya',
  'Nikhil',
  'Olivia',
  'Pavel',
  'Quinn',
  'Rosa',
  'Samir',
  'Tessa',
  'Umar',
  'Vera',
  'Wen',
  'Yusuf',
  'Zoe',
];
const LAST_NAMES = [
  'Adeyemi',
  'Bauer',
  'Castillo',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Gallagher',
  'Haddad',
  'Ito',
  'Jansen',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quintero',
  'Rossi',
  'Sato',
  'Tanaka',
  'Umarov',
  'Varga',
  'Walsh',
  'Yilmaz',
  'Zhou',
];
const BRANDS = [
  'Northwind',
  'Bluefin',
  'Copperleaf',
  'Brightpath',
  'Lumen',
  'Kestrel',
  'Orchard',
  'Harbor',
  'Summit',
  'Tidewater',
  'Redwood',
  'Silverline',
  'Quartz',
  'Maple',
  'Beacon',
  'Cobalt',
  'Evergreen',
  'Granite',
  'Juniper',
  'Meridian',
  'Nimbus',
  'Oakridge',
  'Pinnacle',
  'Sable',
  'Trellis',
  'Vantage',
  'Willow',
  'Zephyr',
];
const COMPETITORS = ['Amplitude', 'Mixpanel', 'Heap'];

/** HubSpot industry values: those of the example protocol's ideal customer, then others. */
const ICP_INDUSTRIES: readonly (readonly [string, readonly string[]])[] = [
  ['COMPUTER_SOFTWARE', ['Software', 'Labs', 'Cloud']],
  ['INTERNET', ['Digital', 'Online', 'Media']],
  ['INFORMATION_TECHNOLOGY_AND_SERVICES', ['Systems', 'Consulting', 'IT']],
  ['FINANCIAL_SERVICES', ['Pay', 'Capital', 'Finance']],
  ['RETAIL', ['Retail', 'Stores', 'Commerce']],
];
const OTHER_INDUSTRIES: readonly (readonly [string, readonly string[]])[] = [
  ['HIGHER_EDUCATION', ['University', 'College']],
  ['NON_PROFIT_ORGANIZATION_MANAGEMENT', ['Foundation', 'Trust']],
  ['MECHANICAL_OR_INDUSTRIAL_ENGINEERING', ['Manufacturing', 'Industries']],
  ['HOSPITAL_HEALTH_CARE', ['Health', 'Clinics']],
];

const SENIOR_TITLES = [
  'VP Product',
  'Head of Data',
  'Director of Analytics',
  'Chief Product Officer',
  'Head of Growth',
  'Director of Product',
  'VP Engineering',
];
const PRACTITIONER_TITLES = ['Product Manager', 'Data Analyst', 'Growth Marketer', 'Analytics Engineer'];
const POOR_TITLES = ['Student', 'Intern', 'Office Manager', 'Teacher', 'Freelance Consultant'];

/** Country spellings as forms produce them, by the territory the example protocol routes them to. */
const COUNTRIES: readonly (readonly [readonly string[], number])[] = [
  [['United States', 'USA', 'Canada', 'Brazil', 'Mexico'], 40],
  [['United Kingdom', 'Germany', 'France', 'Netherlands', 'Sweden', 'Ireland', 'Spain'], 35],
  [['Australia', 'Singapore', 'Japan', 'New Zealand'], 18],
  // No territory takes these: the fallback queue does.
  [['India', 'South Africa', 'United Arab Emirates'], 7],
];

export interface Person {
  readonly firstname: string;
  readonly lastname: string;
  readonly company: string;
  readonly domain: string;
  readonly properties: Readonly<Record<string, string>>;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function segmentOf(employees: number): string {
  if (employees > 2000) return 'enterprise';
  return employees >= 200 ? 'midmarket' : 'smb';
}

interface Firm {
  readonly company: string;
  readonly industry: string;
  readonly employees: number;
}

function firmFor(persona: Persona, rng: Random): Firm {
  const brand = rng.pick(BRANDS);
  if (persona === 'competitor')
    return { company: `${rng.pick(COMPETITORS)}`, industry: 'COMPUTER_SOFTWARE', employees: rng.int(300, 900) };
  const fits = persona !== 'poor_fit' || rng.chance(0.35);
  const [industry, suffixes] = rng.pick(fits ? ICP_INDUSTRIES : OTHER_INDUSTRIES);
  // A poor fit that does work in our industries is too small to buy.
  const employees =
    persona === 'poor_fit' ? rng.int(3, 40) : rng.chance(0.12) ? rng.int(5_500, 40_000) : rng.int(60, 4_500);
  return { company: `${brand} ${rng.pick(suffixes)}`, industry, employees };
}

function titleFor(persona: Persona, rng: Random): string {
  if (persona === 'poor_fit') return rng.chance(0.6) ? rng.pick(POOR_TITLES) : rng.pick(PRACTITIONER_TITLES);
  return rng.chance(0.75) ? rng.pick(SENIOR_TITLES) : rng.pick(PRACTITIONER_TITLES);
}

/** One invented person of the given persona, with the properties a marketer's HubSpot would hold. */
export function personFor(persona: Persona, campaign: string, index: number, rng: Random): Person {
  const firstname = rng.pick(FIRST_NAMES);
  const lastname = rng.pick(LAST_NAMES);
  const firm = firmFor(persona, rng);
  const domain = `${slug(firm.company)}.example`;
  // Some poor fits sign up with a personal mailbox: the protocol takes points off for it.
  const personal = persona === 'poor_fit' && rng.chance(0.4);
  const email = personal
    ? `${slug(firstname)}.${slug(lastname)}${index}@gmail.com`
    : `${slug(firstname)}.${slug(lastname)}${index}@${domain}`;
  const countries = rng.weighted(COUNTRIES);
  const properties: Record<string, string> = {
    email,
    firstname,
    lastname,
    company: firm.company,
    jobtitle: titleFor(persona, rng),
    country: rng.pick(countries),
    industry: firm.industry,
    numberofemployees: String(firm.employees),
    company_segment: segmentOf(firm.employees),
    annualrevenue: String(firm.employees * rng.int(60, 240) * 1_000),
    utm_campaign: campaign,
  };
  if (persona === 'opted_out') properties.do_not_contact = 'true';
  return { firstname, lastname, company: firm.company, domain, properties };
}

/** The same person again under another address (a second sign-up): Sales will call it a duplicate. */
export function duplicateOf(properties: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const first = slug(properties.firstname ?? '');
  const [local = '', domain = 'example.example'] = (properties.email ?? '').split('@');
  // ava.bauer12@… signs up again as abauer12@…: the same person, another address, so no e-mail match.
  return { ...properties, email: `${local.replace(`${first}.`, first.charAt(0))}@${domain}` };
}
