import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_STATEMENTS } from '../../../src/metrics/diagnostic-bank';
import { recordResponse } from '../../../src/store/metrics/diagnostic-repository';
import { migrate } from '../../../src/store/migrate';
import { openTestDatabase, type TestDatabase } from '../../support/databases';
import { NOW, seedLedger } from './ledger-fixture';
import { openSignedIn, serveScorecard, type Served, type SignedIn } from './serve';

const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');

describe('the scorecard page in a browser', () => {
  let t: TestDatabase;
  let served: Served;
  let browser: SignedIn;
  let page: Page;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await migrate(t.db);
    await seedLedger(t.db);
    const all = (score: number) => Object.fromEntries(DEFAULT_STATEMENTS.map((s) => [s.id, score]));
    await recordResponse(
      t.db,
      { respondent: 'Mara', function: 'marketing', level: 'head', answers: all(2) },
      NOW - 86_400_000,
    );
    await recordResponse(
      t.db,
      { respondent: 'Sam', function: 'sales', level: 'head', answers: all(4) },
      NOW - 86_400_000,
    );
    served = await serveScorecard(t.db);
    browser = await openSignedIn(served);
    page = browser.page;
  });
  afterAll(async () => {
    await browser.close();
    await served.close();
    await t.dispose();
  });

  const texts = (selector: string) => page.locator(selector).allTextContents();
  /** The named attributes of each element the selector finds, read through Playwright (no DOM types here). */
  const attributes = async (selector: string, ...names: string[]) =>
    Promise.all(
      (await page.locator(selector).all()).map((element) =>
        Promise.all(names.map((name) => element.getAttribute(name))),
      ),
    );
  const attribute = async (selector: string, name: string) =>
    (await attributes(selector, name)).map(([value]) => value);

  it('opens after signing in with the admin token, on the period asked for', async () => {
    expect(await page.locator('h1').textContent()).toBe('Lead protocol scorecard');
    expect(await page.locator('.period').textContent()).toContain('March 2026');
  });

  it('shows the key figures with the counts behind them and the change on the period before', async () => {
    const tile = (metric: string) => page.locator(`.kpi[data-metric="${metric}"]`);
    expect(await tile('acceptance_rate').locator('.kpi-value').textContent()).toBe('60.0 %');
    expect(await tile('acceptance_rate').locator('.kpi-parts').textContent()).toBe('6 of 10');
    expect(await tile('wastage_rate').locator('.kpi-value').textContent()).toBe('45.5 %');
    expect(await tile('wastage_rate').locator('.delta').textContent()).toBe('▲ −4.5 pts vs 50.0 %');
    expect(await tile('sla_compliance').locator('.kpi-value').textContent()).toBe('70.0 %');
    expect(await tile('sleeping_pipeline').locator('.kpi-value').textContent()).toBe('3');
  });

  it('draws the funnel of the MQL cohort with its counts', async () => {
    expect(await attribute('#funnel .mark', 'data-stage')).toEqual([
      'mql',
      'handed_off',
      'accepted',
      'working',
      'converted',
      'won',
    ]);
    expect(await texts('#funnel .mark text.value')).toEqual(['11', '10', '6', '4', '2', '1']);
    expect(await attribute('#funnel .mark', 'aria-label')).toContain('Accepted: 6, 60.0 % of previous');
  });

  it('draws SLA compliance by week of hand-off', async () => {
    const weeks = await attributes('#sla-trend .mark', 'data-week', 'data-met', 'data-settled');
    expect(weeks.slice(-6)).toEqual([
      ['2026-02-23', '1', '1'],
      ['2026-03-02', '3', '5'],
      ['2026-03-09', '2', '3'],
      ['2026-03-16', '0', '0'],
      ['2026-03-23', '1', '1'],
      ['2026-03-30', '0', '0'],
    ]);
    expect(await texts('#sla-trend .mark text.value')).toEqual(['100%', '60%', '67%', '100%']);
  });

  it('draws rejection reasons by campaign, each segment with its count', async () => {
    const segments = (await attributes('#rejections .mark', 'data-campaign', 'data-code', 'data-value')).map((values) =>
      values.join(' '),
    );
    expect(segments.sort()).toEqual([
      '701000000000001AAA (no code) 1',
      'Spring webinar BAD 1',
      'Spring webinar NOT_ICP 1',
    ]);
    expect(await texts('#rejections .legend li')).toEqual(['(no code)', 'BAD', 'NOT_ICP']);
  });

  it('draws the time-to-accept distribution in business time', async () => {
    expect(await attribute('#time-to-accept .mark', 'data-bucket')).toEqual([
      '0–30 min',
      '30 min–1 h',
      '1 h–2 h',
      '2 h–4 h',
      '4 h–8 h',
      '8 h–16 h',
      '16 h+',
    ]);
    expect(await texts('#time-to-accept .mark text.value')).toEqual(['1', '1', '2', '0', '1', '1', '0']);
    expect(await page.locator('#time-to-accept .lede').textContent()).toContain('median 1.3 h, p90 6.5 h');
  });

  it('places beliefs on the four bands, and no observed index on a handful of leads', async () => {
    const markers = await attributes('#alignment .mark', 'data-marker', 'data-value');
    expect(markers).toEqual([
      ['marketing', '40.0'],
      ['sales', '80.0'],
    ]);
    expect(await texts('#alignment .marker-text')).toEqual(['Marketing believes 40', 'Sales believes 80']);
    expect(await page.locator('#alignment h3').first().textContent()).toMatch(
      /not enough leads yet: \d+ of 30 handed off/,
    );
    expect(await page.locator('#alignment [data-diagnostic="gap"]').textContent()).toBe('+40.0');
  });

  it('lists the leads left behind, oldest first', async () => {
    const rows = await Promise.all(
      (await page.locator('#left-behind tbody tr').all()).map((row) => row.locator('td').allTextContents()),
    );
    expect(rows.map((cells) => [cells[0], cells[5], cells[6]])).toEqual([
      ['00Q000000000012AAA', 'dormant', '89'],
      ['00Q000000000011AAA', 'accepted, never touched', '40'],
      ['00Q000000000002AAA', 'no activity', '35'],
      ['00Q000000000005AAA', 'no accept or reject', '34'],
      ['00Q000000000010AAA', 'accepted, never touched', '9'],
    ]);
  });

  it('takes the questionnaire from the page and counts the answers at once', async () => {
    await page.fill('input[name=respondent]', 'Mo');
    await page.check('input[name=function][value=marketing]');
    await page.check('input[name=level][value=staff]');
    for (const statement of DEFAULT_STATEMENTS) await page.check(`input[name="answer.${statement.id}"][value="4"]`);
    await Promise.all([page.waitForURL(/recorded=1/), page.click('#diagnostic button[type=submit]')]);
    expect(await page.locator('.notice').textContent()).toContain('your answers were recorded');
    // Marketing: Mara 40 and Mo 80 → 60.
    expect(await page.locator('#alignment [data-diagnostic="marketing"]').textContent()).toBe('60.0');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'scorecard.png'), fullPage: true });
  });

  it('switches period from the header and opens the monthly pack from it', async () => {
    await page.selectOption('select[name=period]', '30d');
    await Promise.all([page.waitForURL(/period=30d/), page.click('.picker button')]);
    expect(await page.locator('.period').textContent()).toContain('last 30 days to 10 Apr 2026');
    await Promise.all([page.waitForURL(/alignment-pack$/), page.click('text=Monthly pack')]);
    expect(await page.locator('h1').textContent()).toBe('Alignment pack: March 2026');
    expect(await attribute('.mark[data-marker]', 'data-marker')).toEqual(['marketing', 'sales']);
  });
});
