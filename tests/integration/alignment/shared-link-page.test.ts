import type { Page } from 'playwright-core';
import { createShareLink, openShareLink, revokeLink, type NewShareLink } from '../../../src/app/share-links';
import { loadResponses, loadStatements } from '../../../src/store/metrics/diagnostic-repository';
import { launchChromium, type Browser } from '../../support/chromium';
import { startAdminFixture, type AdminFixture } from '../admin/admin-fixture';

describe('a read-only link made with `leadpact share`, in a browser', () => {
  let fixture: AdminFixture;
  let shared: NewShareLink;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fixture = await startAdminFixture({ everyRouter: true });
    shared = await createShareLink(fixture.db, { days: 7, audience: 'sales', publicUrl: fixture.url }, Date.now());
    browser = await launchChromium();
    page = browser.page;
  });
  afterAll(async () => {
    await browser.close();
    await fixture.close();
  });

  it('opens the scorecard without the admin token, and keeps no token in the store', async () => {
    await page.goto(shared.url);
    expect(page.url()).toBe(`${fixture.url}/shared/scorecard`);
    expect(await page.locator('h1').textContent()).toBe('Lead protocol scorecard');
    const stored = await fixture.db.query<{ token_sha256: string }>('SELECT token_sha256 FROM shared_links');
    expect(stored.rows.map((r) => r.token_sha256)).not.toContain(shared.token);
    expect(JSON.stringify(stored.rows)).not.toContain(shared.token);
  });

  it('takes the questionnaire anonymously, counted for the team the link was made for', async () => {
    expect(await page.locator('input[name=function]').evaluateAll((inputs) => inputs.length)).toBe(1);
    const { statements } = await loadStatements(fixture.db);
    for (const statement of statements) await page.check(`input[name="answer.${statement.id}"][value="4"]`);
    await page.check('input[name=level][value=staff]');
    await Promise.all([page.waitForURL(/recorded=1/), page.click('form.diagnostic button[type=submit]')]);
    expect(await page.locator('.notice').textContent()).toContain('your answers were recorded');
    expect(await page.locator('[data-diagnostic="sales"]').textContent()).toBe('80.0');
    const responses = await loadResponses(fixture.db, 0, Date.now() + 60_000);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ function: 'sales', level: 'staff' });
    expect(responses[0]?.respondent).toMatch(/^anonymous [0-9a-f]{12}$/);
  });

  it('opens the monthly pack read-only', async () => {
    const response = await page.goto(`${fixture.url}/shared/alignment-pack`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toMatch(/^Alignment pack: /);
  });

  it('is refused the admin API and the signed-in scorecard with the same browser session', async () => {
    for (const path of ['/admin/leads', '/admin/diagnostic', '/admin/queues']) {
      const response = await page.request.get(`${fixture.url}${path}`);
      expect([path, response.status()]).toEqual([path, 401]);
    }
    const signedIn = await page.goto(`${fixture.url}/scorecard`);
    expect(signedIn?.status()).toBe(401);
    expect(await page.locator('input[name=token]').count()).toBe(1);
    const edit = await page.request.put(`${fixture.url}/diagnostic/statements`, { data: { statements: [] } });
    expect(edit.status()).toBe(401);
  });

  it('opens for the days it was made for, and no longer', async () => {
    const { token, link } = shared;
    expect(link.expiresAt - link.createdAt).toBe(7 * 86_400_000);
    expect(await openShareLink(fixture.db, token, link.expiresAt - 1)).toMatchObject({ audience: 'sales' });
    expect(await openShareLink(fixture.db, token, link.expiresAt)).toBeUndefined();
  });

  it('closes at once when revoked, and an unknown link opens nothing', async () => {
    expect(await revokeLink(fixture.db, shared.link.id, Date.now())).toBe(true);
    const after = await page.goto(`${fixture.url}/shared/scorecard`);
    expect(after?.status()).toBe(401);
    expect(await page.locator('h1').textContent()).toBe('This shared link is closed');
    expect((await page.goto(shared.url))?.status()).toBe(404);
    expect((await page.goto(`${fixture.url}/shared/${'x'.repeat(43)}`))?.status()).toBe(404);
  });
});
