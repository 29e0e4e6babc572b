import type { RequestHandler } from 'express';

/**
 * Everything leadpact serves comes from leadpact: no script but its own files (the scorecard has
 * none; Bull Board's are static files), nothing fetched from another host, no framing. Styles
 * may be inline: the scorecard's page carries its stylesheet and legend colours inline, and Bull
 * Board injects its own <style> elements at run time. Only script injection runs code, and no
 * inline script is allowed, hashed or not, since no page needs one.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** helmet's defaults, tightened: DENY framing, no referrer, the policy above. */
const HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  // Browsers ignore it over plain HTTP, so it costs nothing on a laptop.
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'DENY',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
};

/** Security headers on every response, set before any route runs (so errors and 404s carry them too). */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set(HEADERS);
  next();
};
