import type { SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { salesforceId } from '../../../src/shared/ids';
import type { Queryable } from '../../../src/store/db';
import { at, seedLedger } from './ledger-fixture';

/** An owner id no user of the org has (a user deleted since, or never one). */
export const GONE_USER = '0055g00000Z9y8XAAR';

export interface NamedOrg {
  readonly avery: string;
  readonly queue: string;
  /** The Salesforce Lead of the lead left behind (Ada Lovelace, Analytical Engines), owned by Avery. */
  readonly adaLead: string;
  /** A Contact handed off on an Account, left behind, owned by the deleted user. */
  readonly graceContact: string;
}

/**
 * A March 2026 ledger on the simulated org's own users, queue and records: leads owned by Avery
 * Chen (a seeded rep), by the Lead Queue and by a user the org does not know; two of them left
 * behind (accepted, never touched) as real records of the org.
 */
export async function seedNamedOrg(db: Queryable, sim: SalesforceSimulator): Promise<NamedOrg> {
  const found = sim.records('User').find((u) => u.FirstName === 'Avery')?.Id;
  const avery = typeof found === 'string' ? found : '';
  const queue = sim.defaults().leadQueueId;
  const [adaLead = ''] = sim.seed('Lead', [
    { FirstName: 'Ada', LastName: 'Lovelace', Company: 'Analytical Engines', OwnerId: avery },
  ]);
  const [account = ''] = sim.seed('Account', [{ Name: 'Hopper Systems' }]);
  const [graceContact = ''] = sim.seed('Contact', [{ FirstName: 'Grace', LastName: 'Hopper', AccountId: account }]);
  const person = (firstname: string, lastname: string, company: string) => ({
    crm: { hubspot: { firstname, lastname, email: `${firstname.toLowerCase()}@example.com` }, salesforce: {} },
    agreed: { company },
  });
  const leftBehind = { stage: 'accepted', handedOffAt: at('03-02 10:00'), acceptedAt: at('03-02 11:00') } as const;
  await seedLedger(db, [
    {
      name: 'ada',
      ...leftBehind,
      salesforceId: salesforceId(adaLead),
      ownerId: salesforceId(avery),
      mqlAt: at('03-02 09:00'),
      state: person('Ada', 'Lovelace', 'Analytical Engines'),
    },
    {
      name: 'grace',
      ...leftBehind,
      salesforceId: salesforceId(graceContact),
      salesforceObject: 'Contact',
      // Accepted a day after Ada: the oldest is listed first.
      handedOffAt: at('03-03 10:00'),
      acceptedAt: at('03-03 11:00'),
      ownerId: salesforceId(GONE_USER),
      mqlAt: at('03-03 09:00'),
      state: person('Grace', 'Hopper', 'Hopper Systems'),
    },
    { name: 'queued', ownerId: salesforceId(queue), mqlAt: at('03-04 09:00') },
  ]);
  return { avery, queue, adaLead, graceContact };
}
