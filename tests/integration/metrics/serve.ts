import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createApp } from '../../../src/http/app';
import { scorecardRouter } from '../../../src/http/scorecard/scorecard-router';
import { silentLogger } from '../../../src/shared/logger';
import type { Db } from '../../../src/store/db';
import { launchChromium, type Browser } from '../../support/chromium';
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

export type SignedIn = Browser;

/** Chromium on its own profile, signed in to the served scorecard with the admin token, on the page. */
export async function openSignedIn(served: Served): Promise<SignedIn> {
  const browser = await launchChromium();
  const { page } = browser;
  await page.goto(`${served.url}/scorecard`);
  await page.fill('input[name=token]', ADMIN_TOKEN);
  await Promise.all([page.waitForURL(`${served.url}/scorecard`), page.click('button[type=submit]')]);
  return browser;
}
