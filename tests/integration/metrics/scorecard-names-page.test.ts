import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { refreshOwnerNames } from '../../../src/app/owner-names/refresh-owner-names';
import { migrate } from '../../../src/store/migrate';
import { connectorFor, useSimulator } from '../../contract/salesforce/support';
import { openTestDatabase, type TestDatabase } from '../../support/databases';
import { GONE_USER, seedNamedOrg, type NamedOrg } from './named-org-fixture';
import { openSignedIn, serveScorecard, type Served, type SignedIn } from './serve';

const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');

describe('owner names and record links on the scorecard, in a browser', () => {
  const sim = useSimulator();
  let t: TestDatabase;
  let org: NamedOrg;
  let connector: Awaited<ReturnType<typeof connectorFor>>;
  let served: Served;
  let browser: SignedIn;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await migrate(t.db);
    org = await seedNamedOrg(t.db, sim());
    connector = await connectorFor(sim());
    await refreshOwnerNames({
      db: t.db,
      directory: connector.inspection,
      instanceUrl: () => connector.instanceUrl(),
      now: Date.now,
    });
    served = await serveScorecard(t.db);
    browser = await openSignedIn(served);
    ({ context, page } = browser);
  });

  afterAll(async () => {
    await browser.close();
    await served.close();
    await connector.close();
    await t.dispose();
  });

  it('shows the owners by the names the org gives them, and a deleted user as its id', async () => {
    await page.click('#teams summary:has-text("By owner")');
    const owners = await page.locator('#teams details').first().locator('tbody tr td:first-child').allTextContents();
    expect(owners).toEqual(expect.arrayContaining(['Avery Chen', 'Lead Queue (queue)', `${GONE_USER} (unknown user)`]));
    const rows = await Promise.all(
      (await page.locator('#left-behind tbody tr').all()).map((row) => row.locator('td').allTextContents()),
    );
    expect(rows.map((cells) => [cells[0], cells[1], cells[3]])).toEqual([
      ['Ada Lovelace', 'Analytical Engines', 'Avery Chen'],
      ['Grace Hopper', 'Hopper Systems', `${GONE_USER} (unknown user)`],
    ]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'scorecard-names.png'), fullPage: true });
  });

  it('opens the lead’s own record in the org when its name is clicked', async () => {
    const link = page.locator('#left-behind a.record', { hasText: 'Ada Lovelace' });
    const [opened] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await opened.waitForLoadState('domcontentloaded');
    expect(opened.url()).toBe(`${sim().url}/lightning/r/Lead/${org.adaLead}/view`);
    // The simulator has no Lightning pages: the record the address names is looked up in the org itself.
    const id = opened.url().split('/').at(-2);
    expect(
      sim()
        .records('Lead')
        .find((lead) => lead.Id === id),
    ).toMatchObject({
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Company: 'Analytical Engines',
    });
    await opened.close();
  });
});
