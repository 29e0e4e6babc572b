import { createHmac, timingSafeEqual } from 'node:crypto';
import { InputError } from '../../src/shared/errors';
import { err, ok, type Result } from '../../src/shared/result';

/** HubSpot rejects (and asks receivers to reject) v3 timestamps more than 5 minutes old. */
export const SIGNATURE_WINDOW_MS = 300_000;

/**
 * The v3 rule: the signed URI has these URL-encoded characters decoded; the `?` that starts the
 * query string is left as it is (https://developers.hubspot.com/docs/api/webhooks/validating-requests).
 */
const DECODED: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

export function decodeSignedUri(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (match) => DECODED[match.toUpperCase()] ?? match);
}

export interface SignedRequest {
  readonly method: string;
  /** The public URL HubSpot posted to (PUBLIC_URL + path + query), not the one a proxy rewrote. */
  readonly url: string;
  readonly rawBody: Buffer;
  readonly timestamp: string | number;
  readonly clientSecret: string;
}

/** base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)). */
export function hubSpotV3Signature(request: SignedRequest): string {
  return createHmac('sha256', request.clientSecret)
    .update(`${request.method.toUpperCase()}${decodeSignedUri(request.url)}`)
    .update(request.rawBody)
    .update(String(request.timestamp))
    .digest('base64');
}

export interface SignatureCheck {
  readonly rawBody: Buffer;
  /** X-HubSpot-Signature-v3 */
  readonly signature: string | undefined;
  /** X-HubSpot-Request-Timestamp (epoch ms) */
  readonly timestamp: string | number | undefined;
  readonly method: string;
  readonly url: string;
  readonly clientSecret: string;
  readonly now: number;
}

/**
 * Verifies a v3-signed webhook over the raw bytes: headers present, timestamp within 5 minutes
 * either way (HubSpot's own helper only checks the past), signature compared in constant time.
 */
export function verifyHubSpotSignature(check: SignatureCheck): Result<void, InputError> {
  if (
    check.signature === undefined ||
    check.signature === '' ||
    check.timestamp === undefined ||
    check.timestamp === ''
  ) {
    return err(
      new InputError(
        'WEBHOOK_SIGNATURE_MISSING',
        'The request carries no X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp header.',
      ),
    );
  }
  const timestamp = Number(check.timestamp);
  if (!/^\d{1,16}$/.test(String(check.timestamp)) || !Number.isSafeInteger(timestamp)) {
    return err(
      new InputError('WEBHOOK_SIGNATURE_INVALID', 'X-HubSpot-Request-Timestamp is not a time in epoch milliseconds.'),
    );
  }
  const skewMs = Math.abs(check.now - timestamp);
  if (skewMs > SIGNATURE_WINDOW_MS) {
    return err(
      new InputError(
        'WEBHOOK_TIMESTAMP_STALE',
        `The webhook timestamp is ${Math.round(skewMs / 1000)} s away from our clock (at most 300 s allowed).`,
        { context: { skewMs } },
      ),
    );
  }
  const expected = Buffer.from(hubSpotV3Signature({ ...check, timestamp: String(check.timestamp) }), 'utf8');
  const given = Buffer.from(check.signature, 'utf8');
  // A v3 signature has a fixed length, so comparing lengths first reveals nothing about the secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return err(
      new InputError('WEBHOOK_SIGNATURE_INVALID', 'The X-HubSpot-Signature-v3 header does not match the request.'),
    );
  }
  return ok(undefined);
}
