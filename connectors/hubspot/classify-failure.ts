import { z } from 'zod';
import { CrmError } from '../../src/shared/errors';
import { classifyFailure, TIMEOUT_NETWORK_CODES, type FailureFacts } from '../../src/shared/failures';
import { missingScopeMessage } from './required-scopes';

/** What @hubspot/api-client throws for an HTTP status it did not declare (an ApiException). */
const apiExceptionSchema = z.object({
  code: z.number().int(),
  body: z.unknown(),
  headers: z.record(z.string(), z.string()).default({}),
});

/** HubSpot's error body; every field is optional (https://developers.hubspot.com/docs/api-reference/latest/error-handling). */
const errorBodySchema = z.object({
  message: z.string().optional(),
  category: z.string().optional(),
  policyName: z.string().optional(),
  errors: z
    .array(
      z.object({
        code: z.string().optional(),
        message: z.string().optional(),
        context: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
});

const networkErrorSchema = z.object({ code: z.string() });

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'ECONNABORTED',
]);

/**
 * What a failure of the SDK says: HTTP status, body (category, policyName, error codes),
 * headers, or the network error code. Anything else (a body our schema refused, an SDK defect)
 * keeps only its message, which the classifier reads as an answer we do not understand.
 */
export function hubSpotFailureFacts(failure: unknown, operation?: string): FailureFacts {
  const base = { crm: 'hubspot' as const, operation };
  const http = apiExceptionSchema.safeParse(failure);
  if (http.success) return { ...base, ...httpFacts(http.data.code, http.data.body, lowerKeys(http.data.headers)) };
  if (failure instanceof z.ZodError)
    return { ...base, message: `answered with a body we do not understand: ${failure.issues[0]?.message ?? ''}` };
  const network = networkErrorSchema.safeParse(failure);
  const message = failure instanceof Error ? failure.message : String(failure);
  if (network.success && (TIMEOUT_NETWORK_CODES.has(network.data.code) || NETWORK_CODES.has(network.data.code)))
    return { ...base, networkCode: network.data.code, message };
  return { ...base, message: message.slice(0, 200) };
}

/** The one place a HubSpot failure becomes a CrmError; a CrmError passes through. */
export function classifyHubSpotFailure(failure: unknown, now: number, operation?: string): CrmError {
  if (failure instanceof CrmError) return failure;
  return classifyFailure(hubSpotFailureFacts(failure, operation), now, failure);
}

function httpFacts(
  status: number,
  rawBody: unknown,
  headers: Readonly<Record<string, string>>,
): Omit<FailureFacts, 'crm' | 'operation'> {
  const body = errorBodySchema.safeParse(typeof rawBody === 'string' ? safeJson(rawBody) : rawBody);
  const parsed = body.success ? body.data : {};
  const fields = (parsed.errors ?? []).flatMap((e) => propertyNames(e.context));
  const scopes = [...new Set((parsed.errors ?? []).flatMap((e) => scopeNames(e.context)))];
  const existingId = /Existing ID: (\d+)/.exec(parsed.message ?? '')?.[1];
  return {
    status,
    vendorCode: parsed.policyName ?? parsed.errors?.find((e) => e.code !== undefined)?.code ?? parsed.category,
    // HubSpot's MISSING_SCOPES message names no scope; the body's list does, so the message says it and the fix.
    message: scopes.length > 0 ? missingScopeMessage(scopes, true) : parsed.message,
    headers,
    context: {
      ...(fields.length > 0 ? { fields } : {}),
      ...(scopes.length > 0 ? { scopes } : {}),
      ...(existingId === undefined ? {} : { existingId }),
    },
  };
}

/** A 403's scopes: `requiredGranularScopes` (current apps) or `requiredScopes` (legacy scope names). */
function scopeNames(context: Readonly<Record<string, unknown>> | undefined): string[] {
  const names = context?.['requiredGranularScopes'] ?? context?.['requiredScopes'];
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

function propertyNames(context: Readonly<Record<string, unknown>> | undefined): string[] {
  const names = context?.['propertyName'];
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

function lowerKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
