import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Registry } from 'prom-client';
import { createApp } from '../../../src/http/app';
import { syncHealthRouter } from '../../../src/http/sync-health/sync-health-router';
import { hubSpotContactId } from '../../../src/shared/ids';
import { silentLogger } from '../../../src/shared/logger';
import { emptyLagCounts } from '../../../src/shared/sync-lag';
import { repositories, type LeadRecord } from '../../../src/store';
import { migrate } from '../../../src/store/migrate';
import { createSyncHealthRepository } from '../../../src/store/sync-health-repository';
import { launchChromium, type Browser } from '../../support/chromium';
import { openTestDatabase, type TestDatabase } from '../../support/databases';
import { seedLedger } from '../metrics/ledger-fixture';

const ADMIN_TOKEN = 'sync-health-admin-token-9e2b';
const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');
const NOW = Date.now();

describe('the Sync Health page in a browser', () => {
  let t: TestDatabase;
  let server: Server;
  let url: string;
  let browser: Browser;
  let page: Page;
  let dana: LeadRecord;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await migrate(t.db);
    await seedLedger(t.db, [
      { name: 'dana', email: 'dana@acme.io', hubspotContactId: hubSpotContactId('501'), stage: 'handed_off' },
      { name: 'sam', email: 'sam@globex.io', hubspotContactId: hubSpotContactId('502'), stage: 'handed_off' },
    ]);
    const repos = repositories(t.db);
    const [first, second] = await Promise.all([
      repos.leads.findByEmail('dana@acme.io'),
      repos.leads.findByEmail('sam@globex.io'),
    ]);
    if (first?.[0] === undefined || second?.[0] === undefined) throw new Error('fixture leads missing');
    dana = first[0];
    for (const lead of [dana, second[0]])
      await repos.deadLetters.add({
        source: 'outbox',
        leadId: lead.id,
        crm: 'hubspot',
        kind: 'update',
        payload: {
          type: 'hubspot.update',
          leadId: lead.id,
          contactId: lead.hubspotContactId,
          properties: { leadpact_stage: 'handed_off' },
        },
        errorCode: 'CRM_FORBIDDEN',
        error: 'This app has not been granted all required scopes: crm.objects.contacts.write',
        attempts: 1,
      });
    await repos.audit.append([
      {
        leadId: dana.id,
        at: NOW - 3_600_000,
        kind: 'transition',
        fromStage: 'mql',
        toStage: 'handed_off',
        cause: { eventId: 'hs:1', eventType: 'hubspot.contact.changed' },
        detail: { text: 'qualified: fit 72, readiness 55' },
        protocolVersion: '2026.1',
        dedupeKey: 'fixture-1',
      },
    ]);
    const lag = emptyLagCounts();
    lag[3] = 4; // four writes between 2 and 5 seconds
    await createSyncHealthRepository(t.db).addUsageSamples([
      {
        crm: 'salesforce',
        at: NOW - 600_000,
        process: 'w1',
        calls: 120,
        failedCalls: 2,
        dailyUsed: 9_000,
        dailyLimit: 100_000,
        windowRemaining: null,
        windowLimit: null,
        lagBuckets: lag,
      },
      {
        crm: 'hubspot',
        at: NOW - 600_000,
        process: 'w1',
        calls: 80,
        failedCalls: 1,
        dailyUsed: 450_000,
        dailyLimit: 500_000,
        windowRemaining: 150,
        windowLimit: 190,
        lagBuckets: emptyLagCounts(),
      },
    ]);
    const app = createApp({
      logger: silentLogger(),
      registry: new Registry(),
      readiness: {},
      routers: [
        syncHealthRouter({
          db: t.db,
          adminToken: ADMIN_TOKEN,
          now: () => NOW,
          links: () => Promise.resolve({ hubspotPortalId: '7001', salesforceUrl: 'https://acme.my.salesforce.com' }),
        }),
      ],
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = browser.page;
    await page.goto(`${url}/sync-health`);
    await page.fill('input[name=token]', ADMIN_TOKEN);
    await Promise.all([page.waitForURL(`${url}/sync-health`), page.click('button[type=submit]')]);
  });

  afterAll(async () => {
    await browser.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.dispose();
  });

  it('shows API use against the allocation of both CRMs, and the lag', async () => {
    const figure = (crm: string, name: string) => page.locator(`#usage-${crm} [data-figure="${name}"]`).textContent();
    expect(await figure('salesforce', 'daily-used')).toBe('9,000');
    expect(await figure('salesforce', 'daily-limit')).toBe('100,000');
    expect(await figure('hubspot', 'calls')).toBe('80');
    expect(await page.locator('#usage-hubspot .meter span.high').count()).toBe(1);
    expect(await page.locator('#usage-salesforce .mark').count()).toBe(24);
    const lag = page.locator('#lag tr[data-direction="hubspot_to_salesforce"]');
    expect(await lag.locator('[data-figure="writes"]').textContent()).toBe('4');
    expect(await lag.locator('[data-figure="p50"]').textContent()).toBe('3.5 s');
  });

  it('groups the errors by code, with what to do and the leads by name with their records', async () => {
    const group = page.locator('.group[data-code="CRM_FORBIDDEN"]');
    expect(await group.locator('[data-figure="count"]').textContent()).toBe('2');
    expect(await group.locator('.hint').textContent()).toContain('grant it in the CRM');
    expect(await group.locator('a.lead').allTextContents()).toEqual(['dana@acme.io', 'sam@globex.io']);
    expect(await group.locator('a[href*="app.hubspot.com"]').first().getAttribute('href')).toBe(
      'https://app.hubspot.com/contacts/7001/record/0-1/501',
    );
  });

  it('replays a group after a confirmation, and the writes go back to the outbox', async () => {
    await Promise.all([page.waitForURL(/\/sync-health\/replay$/), page.click('text=Replay all 2')]);
    expect(await page.locator('h2').textContent()).toBe('Replay every CRM_FORBIDDEN dead letter?');
    expect(await repositories(t.db).outbox.pending()).toBe(0);
    await Promise.all([page.waitForURL(/replayed=2/), page.click('#confirm-replay')]);
    expect(await page.locator('.notice').textContent()).toContain('2 dead letters replayed');
    expect(await page.locator('.group').count()).toBe(0);
    expect(await repositories(t.db).outbox.pending('hubspot')).toBe(2);
    expect(await repositories(t.db).deadLetters.list()).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'sync-health.png'), fullPage: true });
  });

  it('finds a lead by e-mail and opens its why', async () => {
    await page.fill('input[name=q]', 'dana@acme.io');
    await Promise.all([page.waitForURL(/leads\?q=/), page.click('#find button[type=submit]')]);
    await Promise.all([page.waitForURL(new RegExp(`/leads/${dana.id}$`)), page.click('a.lead')]);
    expect(await page.locator('h2').textContent()).toBe('Why dana@acme.io is handed_off');
    expect(await page.locator('#why tbody td').allTextContents()).toContain('qualified: fit 72, readiness 55');
  });
});
