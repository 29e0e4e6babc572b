import type { Application, Request } from 'express';

// Apps whose PUBLIC_URL is https: their cookies are Secure whatever the request looked like here.
const httpsApps = new WeakSet<Application>();

export function servedOverHttps(app: Application, publicUrl: string | undefined): void {
  if (publicUrl?.startsWith('https:') === true) httpsApps.add(app);
}

/**
 * Whether a cookie set on this response gets Secure: when PUBLIC_URL is https, or the request came
 * over TLS — to leadpact itself, or to a proxy TRUST_PROXY trusts to say so (X-Forwarded-Proto).
 */
export function secureCookies(req: Request): boolean {
  return httpsApps.has(req.app) || req.secure;
}
