import type { RequestHandler } from 'express';
import { callerOf } from '../../metrics/admin-auth';
import { LeadpactError } from '../../shared/errors';

export interface AdminAuth {
  /** ADMIN_TOKEN; unset, the admin API is closed and says so. */
  readonly adminToken: string | undefined;
  /** Session expiry runs on real time whatever the protocol clock does. */
  readonly realNow: () => number;
}

/**
 * Lets through a caller presenting `Authorization: Bearer ADMIN_TOKEN` (compared in constant time,
 * whatever the lengths). With `browserSession`, also a browser signed in on the scorecard page (its
 * HttpOnly, SameSite=Strict cookie holds an HMAC keyed by the token, never the token), so an
 * operator can open the queue dashboard without a header-setting extension.
 */
export function requireAdmin(auth: AdminAuth, browserSession: boolean): RequestHandler {
  return (req, res, next) => {
    const token = auth.adminToken;
    if (token === undefined) {
      next(
        new LeadpactError(
          'UNAUTHORIZED',
          'the admin API is disabled: set ADMIN_TOKEN (at least 16 characters) and restart',
        ),
      );
      return;
    }
    const caller = callerOf(req, token, auth.realNow());
    if (caller === 'bearer' || (caller === 'session' && browserSession)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="leadpact admin"');
    const presented = req.get('authorization') !== undefined;
    next(
      new LeadpactError(
        'UNAUTHORIZED',
        presented
          ? 'the Authorization header does not carry the admin token'
          : 'send Authorization: Bearer ADMIN_TOKEN',
      ),
    );
  };
}
