import type { Harness } from './pipeline-harness';
import { eventually } from './pipeline-harness';

const DAY = 86_400_000;

/** A contact that fits the example protocol's ICP and asked for a demo yesterday: marketing-qualified. */
export function qualifiedContact(
  n: number | string,
  overrides: Record<string, string> = {},
  now = Date.now(),
): Record<string, string> {
  return {
    email: `buyer${n}@acme-${n}.io`,
    firstname: 'Dana',
    lastname: `Buyer ${n}`,
    company: `Acme ${n}`,
    country: 'United Kingdom',
    industry: 'COMPUTER_SOFTWARE',
    numberofemployees: '400',
    jobtitle: 'VP Product',
    annualrevenue: '20000000',
    demo_requested_date: String(now - DAY),
    utm_campaign: 'spring-webinar',
    ...overrides,
  };
}

/** Creates a qualified contact as a marketer would and waits for its Salesforce Lead. */
export async function handedOff(
  h: Harness,
  n: number | string,
  overrides: Record<string, string> = {},
): Promise<{ contactId: string; lead: Readonly<Record<string, unknown>> }> {
  const contact = h.hs.user.createContact(qualifiedContact(n, overrides));
  const lead = await eventually(
    () => h.sf.records('Lead').find((l) => l.HubSpot_Contact_Id__c === contact.id),
    20_000,
    `the Lead of contact ${n}`,
  );
  return { contactId: contact.id, lead };
}

export function hubspotContact(h: Harness, id: string): Readonly<Record<string, string | null>> | undefined {
  return h.hs.contacts().find((c) => c.id === id)?.properties;
}
