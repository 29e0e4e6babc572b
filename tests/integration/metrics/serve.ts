import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { Registry } from 'prom-client';
import { createApp } from '../../../src/http/app';
import { scorecardRouter } from '../../../src/http/scorecard/scorecard-router';
import { silentLogger } from '../../../src/shared/logger';
import type { Db } from '../../../src/store/db';
import { NOW, THRESHOLDS } from './ledger-fixture';

export const ADMIN_TOKEN = 'test-admin-token-5f1c';

export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

/** The scorecard router on the service's own app, on 127.0.0.1 and a free port, the clock fixed at NOW. */
export async function serveScorecard(db: Db, period = '2026-03'): Promise<Served> {
  const app = createApp({
    logger: silentLogger(),
    registry: new Registry(),
    readiness: {},
    routers: [
      scorecardRouter({ db, adminToken: ADMIN_TOKEN, now: () => NOW, thresholds: THRESHOLDS, defaultPeriod: period }),
    ],
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

// Debian's chromium, driven by playwright-core; flags keep it off the network and quiet.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface SignedIn {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Chromium on its own profile, signed in to the served scorecard with the admin token, on the page. */
export async function openSignedIn(served: Served): Promise<SignedIn> {
  const profile = mkdtempSync(join(tmpdir(), 'leadpact-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${served.url}/scorecard`);
  await page.fill('input[name=token]', ADMIN_TOKEN);
  await Promise.all([page.waitForURL(`${served.url}/scorecard`), page.click('button[type=submit]')]);
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
