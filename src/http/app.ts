import express, { type Express, type Router } from 'express';
import type { Registry } from 'prom-client';
import type { Logger } from '../shared/logger';
import { installAdminGate } from './admin/admin-gate';
import { errorHandler, notFound } from './error-handler';
import { healthRouter, type ReadinessCheck } from './health';
import { servedOverHttps } from './secure-cookies';
import { securityHeaders } from './security-headers';

export interface AppDeps {
  readonly logger: Logger;
  readonly registry: Registry;
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
  /** Further routers mounted at the root (webhooks, admin API), each doing its own body parsing. */
  readonly routers?: readonly Router[];
  /** Real time for the admin token back-off (default Date.now); tests may drive it. */
  readonly realNow?: () => number;
  /** TRUST_PROXY: the proxies that may report the client's address and scheme; default none. */
  readonly trustProxy?: false | number | readonly string[];
  /** PUBLIC_URL: when https, every cookie is Secure. */
  readonly publicUrl?: string;
}

/** The express app, without listen(): tests call it in-process, main.ts serves it. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Webhook senders and API clients never revalidate; hashing every response body buys nothing.
  app.set('etag', false);
  const trust = deps.trustProxy ?? false;
  app.set('trust proxy', typeof trust === 'object' ? [...trust] : trust);
  servedOverHttps(app, deps.publicUrl);
  app.use(securityHeaders);
  installAdminGate(app, {
    registry: deps.registry,
    logger: deps.logger.child({ module: 'admin-auth' }),
    realNow: deps.realNow ?? Date.now,
  });
  app.use(healthRouter(deps.readiness, deps.registry));
  for (const router of deps.routers ?? []) app.use(router);
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
