import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { LeadpactError } from '../../shared/errors';
import { adminGateOf } from './admin-gate';

/**
 * Who may use the admin API and the scorecard: a caller presenting `Authorization: Bearer
 * ADMIN_TOKEN`, or a browser holding the session cookie the scorecard's sign-in form sets. The
 * cookie never holds the token: it holds an expiry and an HMAC of it keyed by the token, so
 * rotating ADMIN_TOKEN ends every session.
 */
const SESSION_COOKIE = 'leadpact_scorecard';
const SESSION_TTL_MS = 12 * 3_600_000;

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Constant-time, whatever the lengths: both sides are hashed to 32 bytes first. */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function sign(adminToken: string, expiresAt: number): string {
  return createHmac('sha256', adminToken).update(`scorecard-session:${expiresAt}`).digest('base64url');
}

export function sessionValue(adminToken: string, realNow: number): string {
  const expiresAt = realNow + SESSION_TTL_MS;
  return `v1.${expiresAt}.${sign(adminToken, expiresAt)}`;
}

function cookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function validSession(req: Request, adminToken: string, realNow: number): boolean {
  const value = cookie(req, SESSION_COOKIE);
  const match = value === undefined ? null : /^v1\.([0-9]{1,16})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (match === null) return false;
  const expiresAt = Number(match[1]);
  return expiresAt > realNow && sameSecret(match[2] ?? '', sign(adminToken, expiresAt));
}

export type Caller = 'bearer' | 'session' | 'none';

export function callerOf(req: Request, adminToken: string, realNow: number): Caller {
  const token = bearerToken(req);
  if (token !== undefined) return sameSecret(token, adminToken) ? 'bearer' : 'none';
  return validSession(req, adminToken, realNow) ? 'session' : 'none';
}

/**
 * callerOf, through the app's back-off: a bearer token from a client that is backing off is
 * refused unread ('throttled', Retry-After set); a wrong one is counted, logged and delays the
 * client; a right one clears its record. A session cookie holds an HMAC no one can guess, so it
 * is neither throttled nor counted (a stale one after a token rotation would lock people out).
 */
export function authenticate(req: Request, res: Response, adminToken: string, realNow: number): Caller | 'throttled' {
  if (bearerToken(req) === undefined) return callerOf(req, adminToken, realNow);
  const gate = adminGateOf(req);
  if (gate.refuse(req, res, 'bearer') > 0) return 'throttled';
  const caller = callerOf(req, adminToken, realNow);
  if (caller === 'bearer') gate.succeeded(req);
  else gate.failed(req, res, 'bearer');
  return caller;
}

export function throttledError(res: Response): LeadpactError {
  return new LeadpactError(
    'TOO_MANY_ATTEMPTS',
    `too many wrong admin tokens from this address: try again in ${res.get('Retry-After') ?? 'a few'} seconds`,
  );
}

export function sessionCookieHeader(value: string, path: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=${path}; Max-Age=${SESSION_TTL_MS / 1000}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

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
          'the admin API is disabled: set ADMIN_TOKEN (32 random characters: `openssl rand -hex 32`) and restart',
        ),
      );
      return;
    }
    const caller = authenticate(req, res, token, auth.realNow());
    if (caller === 'throttled') {
      next(throttledError(res));
      return;
    }
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
