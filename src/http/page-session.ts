import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LeadpactError } from '../shared/errors';
import { authenticate, sameSecret, sessionCookieHeader, sessionValue, throttledError } from './admin/admin-auth';
import { adminGateOf } from './admin/admin-gate';
import { secureCookies } from './secure-cookies';

/** A page people open in a browser: its sign-in page (with the error to show, if any) and where signing in lands. */
export interface SignedInPage {
  readonly loginPage: (base: string, error: string | undefined) => string;
  /** The page's path under the router's base ("/sync-health"). */
  readonly landing: string;
}

/**
 * Lets a bearer caller through, and (with `allowSession`) a browser signed in with the admin token:
 * one session cookie for every page, so one sign-in opens them all. People get the sign-in page.
 */
export function pageGuard(
  adminToken: string,
  realNow: () => number,
  page: SignedInPage,
  allowSession = true,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const caller = authenticate(req, res, adminToken, realNow());
    if (caller === 'throttled') {
      next(throttledError(res));
      return;
    }
    if (caller === 'bearer' || (caller === 'session' && allowSession)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="leadpact"');
    if (req.method === 'GET' && req.accepts(['json', 'html']) === 'html')
      res.status(401).type('html').send(page.loginPage(req.baseUrl, undefined));
    else next(new LeadpactError('UNAUTHORIZED', 'send Authorization: Bearer ADMIN_TOKEN'));
  };
}

/** The sign-in form's target: a wrong token is counted and delays the address; the right one sets the session cookie. */
export function pageSignIn(adminToken: string, realNow: () => number, page: SignedInPage): RequestHandler {
  return (req: Request, res: Response): void => {
    const token =
      typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>).token : undefined;
    const gate = adminGateOf(req);
    const waitSeconds = gate.refuse(req, res, 'sign_in');
    if (waitSeconds > 0) {
      const wait = `Too many wrong tokens from this address: try again in ${waitSeconds} seconds.`;
      res.status(429).type('html').send(page.loginPage(req.baseUrl, wait));
      return;
    }
    if (typeof token !== 'string' || !sameSecret(token, adminToken)) {
      gate.failed(req, res, 'sign_in');
      res.status(401).type('html').send(page.loginPage(req.baseUrl, 'That token is not the admin token.'));
      return;
    }
    gate.succeeded(req);
    const path = req.baseUrl === '' ? '/' : req.baseUrl;
    res.set('Set-Cookie', sessionCookieHeader(sessionValue(adminToken, realNow()), path, secureCookies(req)));
    res.redirect(303, `${req.baseUrl}${page.landing}`);
  };
}
