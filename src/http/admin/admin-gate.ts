import type { Application, Request, Response } from 'express';
import { Registry } from 'prom-client';
import { adminAuthMetrics, type AdminAuthMetrics } from '../../observability/metrics';
import { silentLogger, type Logger } from '../../shared/logger';
import { AuthThrottle, clientKey } from './auth-throttle';

/** Which door a token came through: the Authorization header, or the scorecard's sign-in form. */
export type TokenDoor = 'bearer' | 'sign_in';

/** The app's one back-off, its counters and its log, shared by every door that takes the admin token. */
export class AdminGate {
  constructor(
    private readonly throttle: AuthThrottle,
    private readonly metrics: AdminAuthMetrics,
    private readonly logger: Logger,
  ) {}

  /** Seconds this request's client must still wait (Retry-After set, the refusal counted); 0 when it may try. */
  refuse(req: Request, res: Response, door: TokenDoor): number {
    const waitMs = this.throttle.waitMs(clientKey(req.ip));
    if (waitMs === 0) return 0;
    const seconds = Math.ceil(waitMs / 1000);
    res.set('Retry-After', String(seconds));
    this.metrics.throttled.inc({ door });
    return seconds;
  }

  /**
   * A wrong token: counted, logged at warn with the client and the wait it now faces (never the
   * token); the refusal carries Retry-After once a wait starts.
   */
  failed(req: Request, res: Response, door: TokenDoor): void {
    const client = clientKey(req.ip);
    const { failures, waitMs } = this.throttle.fail(client);
    this.metrics.failures.inc({ door });
    if (waitMs > 0) res.set('Retry-After', String(Math.ceil(waitMs / 1000)));
    this.logger.warn(
      { client, door, path: req.path, failures, retryAfterSeconds: Math.ceil(waitMs / 1000) },
      'admin token refused',
    );
  }

  succeeded(req: Request): void {
    this.throttle.succeed(clientKey(req.ip));
  }
}

// Routers are built before the app (the composition root passes them to createApp), so they find
// the app's gate through the request; a router mounted on a bare express app gets a gate of its own.
const gates = new WeakMap<Application, AdminGate>();

export function installAdminGate(
  app: Application,
  deps: { readonly registry: Registry; readonly logger: Logger; readonly realNow: () => number },
): void {
  gates.set(app, new AdminGate(new AuthThrottle(deps.realNow), adminAuthMetrics(deps.registry), deps.logger));
}

export function adminGateOf(req: Request): AdminGate {
  const existing = gates.get(req.app);
  if (existing !== undefined) return existing;
  installAdminGate(req.app, { registry: new Registry(), logger: silentLogger(), realNow: Date.now });
  return adminGateOf(req);
}
