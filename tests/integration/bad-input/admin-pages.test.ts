import { STRONG_TOKEN, startAdminApp, urlHosts, type AdminApp } from './admin-app';

const bearer = { authorization: `Bearer ${STRONG_TOKEN}` };

describe('the pages leadpact serves to an admin', () => {
  let app: AdminApp;
  beforeAll(async () => {
    app = await startAdminApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const pages: readonly [string, string, Record<string, string>][] = [
    ['the scorecard page', '/scorecard', bearer],
    ['the scorecard sign-in page', '/scorecard', { accept: 'text/html' }],
    ['the admin API', '/admin/leads', bearer],
    ['an admin API refusal', '/admin/leads', {}],
    ['Bull Board', '/admin/queues', bearer],
    ['a missing route', '/no-such-page', {}],
  ];

  it.each(pages)('%s carries the security headers', async (_name, path, headers) => {
    const response = await fetch(`${app.url}${path}`, { headers });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('no page, stylesheet or script tag names another host (Bull Board fetched Google Fonts)', async () => {
    const own = new URL(app.url).host;
    const seen: string[] = [];
    for (const path of ['/admin/queues', '/admin/queues/queue/inbound', '/scorecard']) {
      const response = await fetch(`${app.url}${path}`, { headers: bearer });
      expect(response.status).toBe(200);
      const html = await response.text();
      seen.push(...urlHosts(html));
      // Everything the page links to: its stylesheets and scripts, read as the browser would.
      const base = new URL(/<base href="([^"]+)"/.exec(html)?.[1] ?? path, app.url);
      for (const [, ref] of html.matchAll(/<(?:link|script)\b[^>]*\b(?:href|src)="([^"]+)"/g)) {
        if (ref === undefined || ref === '') continue;
        const asset = await fetch(new URL(ref, base), { headers: bearer });
        expect(asset.status).toBe(200);
        if (/css/.test(asset.headers.get('content-type') ?? '')) seen.push(...urlHosts(await asset.text()));
      }
    }
    expect(seen.filter((host) => host !== own)).toEqual([]);
  });
});
