import { createHmac } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import {
  decodeSignedUri,
  hubSpotV3Signature,
  verifyHubSpotSignature,
} from '../../../connectors/hubspot/webhook-signature';

const secret = 'test-client-secret';
const url = 'https://leadpact.example.com/webhooks/hubspot?portal=62515';
const now = Date.parse('2025-03-10T12:00:00Z');
const rawBody = Buffer.from(
  '[{"eventId":1,"subscriptionType":"contact.creation","objectId":101,"note":"Zoë"}]',
  'utf8',
);

/** Signed the way HubSpot documents it, independently of the code under test. */
function sign(body: Buffer, timestamp: number, uri = url): string {
  return createHmac('sha256', secret)
    .update(`POST${uri}${body.toString('utf8')}${timestamp}`)
    .digest('base64');
}

const check = (overrides: Partial<Parameters<typeof verifyHubSpotSignature>[0]> = {}) =>
  verifyHubSpotSignature({
    rawBody,
    signature: sign(rawBody, now - 1000),
    timestamp: String(now - 1000),
    method: 'POST',
    url,
    clientSecret: secret,
    now,
    ...overrides,
  });

describe('verifyHubSpotSignature (v3)', () => {
  it('accepts a request signed over method, URI, raw body and timestamp', () => {
    expect(check()).toEqual({ ok: true, value: undefined });
    expect(hubSpotV3Signature({ method: 'POST', url, rawBody, timestamp: now - 1000, clientSecret: secret })).toBe(
      sign(rawBody, now - 1000),
    );
  });

  it('agrees with the SDK helper', () => {
    const timestamp = Date.now();
    const signature = hubSpotV3Signature({ method: 'POST', url, rawBody, timestamp, clientSecret: secret });
    expect(
      Signature.isValid({
        signatureVersion: 'v3',
        signature,
        clientSecret: secret,
        requestBody: rawBody.toString('utf8'),
        url,
        method: 'POST',
        timestamp,
      }),
    ).toBe(true);
  });

  it.each([
    ['a missing signature', { signature: undefined }, 'WEBHOOK_SIGNATURE_MISSING'],
    ['a missing timestamp', { timestamp: undefined }, 'WEBHOOK_SIGNATURE_MISSING'],
    ['a timestamp that is not epoch ms', { timestamp: 'yesterday' }, 'WEBHOOK_SIGNATURE_INVALID'],
    [
      'a timestamp 5 min 1 s old',
      { timestamp: String(now - 301_000), signature: sign(rawBody, now - 301_000) },
      'WEBHOOK_TIMESTAMP_STALE',
    ],
    [
      'a timestamp 5 min 1 s ahead',
      { timestamp: String(now + 301_000), signature: sign(rawBody, now + 301_000) },
      'WEBHOOK_TIMESTAMP_STALE',
    ],
    [
      'a tampered body',
      { rawBody: Buffer.from(rawBody.toString('utf8').replace('101', '102')) },
      'WEBHOOK_SIGNATURE_INVALID',
    ],
    ['another URL', { url: 'https://evil.example.com/webhooks/hubspot?portal=62515' }, 'WEBHOOK_SIGNATURE_INVALID'],
    ['the wrong secret', { clientSecret: 'other' }, 'WEBHOOK_SIGNATURE_INVALID'],
    ['a truncated signature', { signature: sign(rawBody, now - 1000).slice(0, 20) }, 'WEBHOOK_SIGNATURE_INVALID'],
  ])('refuses %s', (_name, overrides, code) => {
    const result = check(overrides);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ name: 'InputError', code, status: 401 });
  });

  it('accepts a timestamp exactly 5 minutes old', () => {
    expect(check({ timestamp: String(now - 300_000), signature: sign(rawBody, now - 300_000) }).ok).toBe(true);
  });

  it('decodes the URL-encoded characters HubSpot lists before signing, and only those', () => {
    expect(decodeSignedUri('https://x.test/hook%3Fa%3Ab%40c%21%24%27%28%29%2A%2C%3B%2Fd?q=%20%26')).toBe(
      "https://x.test/hook?a:b@c!$'()*,;/d?q=%20%26",
    );
    const encoded = 'https://x.test/webhooks/hubspot?tenant=a%40b';
    const signature = sign(rawBody, now, 'https://x.test/webhooks/hubspot?tenant=a@b');
    expect(
      verifyHubSpotSignature({
        rawBody,
        signature,
        timestamp: now,
        method: 'POST',
        url: encoded,
        clientSecret: secret,
        now,
      }).ok,
    ).toBe(true);
  });

  it('never puts the secret into an error', () => {
    const result = check({ clientSecret: 'super-secret-value' });
    expect(
      JSON.stringify(result.ok ? {} : { message: result.error.message, context: result.error.context }),
    ).not.toContain('super-secret-value');
  });
});
