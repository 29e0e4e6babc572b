import { randomUUID } from 'node:crypto';
import type { SimResponse } from './sim-http';

/**
 * HubSpot's error body: `{status:"error", message, correlationId, category, errors?, context?}`.
 * https://developers.hubspot.com/docs/api-reference/latest/error-handling
 */
export function hubSpotError(
  status: number,
  category: string,
  message: string,
  extra: Readonly<Record<string, unknown>> = {},
): SimResponse {
  return { status, body: { status: 'error', message, correlationId: randomUUID(), category, ...extra } };
}

/**
 * One input's error in a batch answer (StandardError in the objects, properties and associations
 * references): `status, category, message, context, errors, links`, the last three always present.
 */
export function standardError(
  category: string,
  message: string,
  context: Readonly<Record<string, readonly string[]>>,
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return { status: 'error', category, message, context, errors: [], links: {}, ...extra };
}

export function validationError(message: string, extra: Readonly<Record<string, unknown>> = {}): SimResponse {
  return hubSpotError(400, 'VALIDATION_ERROR', message, extra);
}

export function notFound(message = 'resource not found'): SimResponse {
  return hubSpotError(404, 'OBJECT_NOT_FOUND', message);
}

/** A private-app token that is missing or unknown (the body HubSpot documents for v3 endpoints). */
export function invalidAuthentication(): SimResponse {
  return hubSpotError(
    401,
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  );
}

export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';

const POLICY_MESSAGES: Readonly<Record<RateLimitPolicy, string>> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  DAILY: 'You have reached your daily limit.',
  // The SDK's RetryDecorator recognises the search limit by this exact message.
  SECONDLY: 'You have reached your secondly limit.',
};

/**
 * The 429 body of https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines:
 * it carries errorType and policyName rather than category.
 */
export function rateLimited(policy: RateLimitPolicy, retryAfterMs: number): SimResponse {
  return {
    status: 429,
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    body: {
      status: 'error',
      message: POLICY_MESSAGES[policy],
      errorType: 'RATE_LIMIT',
      correlationId: randomUUID(),
      policyName: policy,
      requestId: randomUUID(),
    },
  };
}

export function serverError(status: number): SimResponse {
  return hubSpotError(status, 'INTERNAL_ERROR', 'Internal error, reference: simulated fault');
}
