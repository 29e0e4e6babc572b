import { repositories } from '../../../src/store';
import { qualifiedContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

const CONTACTS = 10_000;

/**
 * Salesforce API calls that write records: sObject DML and Collections. (POST /composite carries
 * only the match-before-create queries, and /tooling the field provisioning before the burst.)
 */
function salesforceWrites(h: Harness): number {
  return (
    Object.entries(h.sf.calls().byRoute)
      // POST /composite/sobjects/{type} is a retrieve (outbound messages' records read back), not a write.
      .filter(
        ([route]) =>
          /^(PATCH|POST|DELETE|PUT) \/(sobjects|composite\/sobjects)/.test(route) &&
          !/^POST \/composite\/sobjects\/[^/\s]+$/.test(route),
      )
      .reduce((total, [, n]) => total + n, 0)
  );
}

describe('a burst of 10,000 qualifying contacts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('ends as exactly 10,000 Salesforce Leads, written in at most 60 Salesforce write calls', async () => {
    const started = Date.now();
    const writesBefore = salesforceWrites(h);
    for (let n = 0; n < CONTACTS; n++) h.hs.user.createContact(qualifiedContact(`burst${n}`));
    await eventually(
      async () => {
        const handedOff = await h.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM leads WHERE stage = 'handed_off' AND salesforce_id IS NOT NULL",
        );
        return (handedOff.rows[0]?.n ?? 0) >= CONTACTS ? true : undefined;
      },
      280_000,
      'every lead handed off',
    );
    const leads = h.sf.records('Lead').filter((l) => String(l.Email).startsWith('buyerburst'));
    const distinct = new Set(leads.map((l) => l.HubSpot_Contact_Id__c));
    const writes = salesforceWrites(h) - writesBefore;
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `burst: ${CONTACTS} contacts -> ${leads.length} Leads in ${seconds.toFixed(1)} s; Salesforce write calls ${writes} (all calls ${h.sf.calls().total}); HubSpot calls ${h.hs.calls().total}\n`,
    );
    expect(leads).toHaveLength(CONTACTS);
    expect(distinct.size).toBe(CONTACTS);
    expect(writes).toBeLessThanOrEqual(60);
    expect(await repositories(h.db).leads.count()).toBe(CONTACTS);
  }, 300_000);
});
