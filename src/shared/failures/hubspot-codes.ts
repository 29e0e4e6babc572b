import type { CodeTable } from './code-table';
import type { FailureFacts } from './failure-facts';

/** HubSpot's ten-second window, the wait when a rolling-window 429 names no Retry-After. */
const TEN_SECONDS = 10_000;
/** "Include a delay of at least 2 seconds between your API requests" on 423 Locked (object API docs). */
const LOCKED_DELAY_MS = 2_000;
const DAY_MS = 86_400_000;

/** What the policy implies when no Retry-After came: the rolling window, a second, midnight UTC. */
function rateLimitWait(facts: FailureFacts, now: number): number {
  if (facts.status === 423) return LOCKED_DELAY_MS;
  if (facts.vendorCode === 'DAILY') return (Math.floor(now / DAY_MS) + 1) * DAY_MS - now;
  if (facts.vendorCode === 'SECONDLY') return 1_000;
  const interval = Number(facts.headers?.['x-hubspot-ratelimit-interval-milliseconds']);
  return Number.isFinite(interval) && interval > 0 ? interval : TEN_SECONDS;
}

/**
 * HubSpot: the status decides, a 429's policyName tells the daily limit from the rolling window, and
 * the error categories of batch answers map as their statuses would.
 * https://developers.hubspot.com/docs/api-reference/latest/error-handling
 */
export const HUBSPOT_CODES: CodeTable = {
  label: 'HubSpot',
  rules: [
    {
      when: (f) => f.status === 429 && (f.vendorCode === 'DAILY' || /daily limit/i.test(f.message ?? '')),
      code: 'CRM_DAILY_LIMIT',
      waitMs: rateLimitWait,
    },
    { when: (f) => f.status === 429 || f.status === 423, code: 'CRM_RATE_LIMITED', waitMs: rateLimitWait },
  ],
  vendorCodes: {
    RATE_LIMITS: 'CRM_RATE_LIMITED',
    LOCKED: 'CRM_RATE_LIMITED',
    INTERNAL_ERROR: 'CRM_UNAVAILABLE',
    SERVICE_UNAVAILABLE: 'CRM_UNAVAILABLE',
    TIMEOUT: 'CRM_TIMEOUT',
    INVALID_AUTHENTICATION: 'CRM_AUTH_FAILED',
    // A setup problem of the private app, named apart from other refusals so doctor and the
    // dead letters can say which scope to add (https://developers.hubspot.com/scopes).
    MISSING_SCOPES: 'HUBSPOT_SCOPE_MISSING',
    OBJECT_NOT_FOUND: 'CRM_NOT_FOUND',
    CONFLICT: 'CRM_CONFLICT',
    VALIDATION_ERROR: 'CRM_REJECTED',
  },
  statuses: {
    401: 'CRM_AUTH_FAILED',
    403: 'CRM_FORBIDDEN',
    404: 'CRM_NOT_FOUND',
    408: 'CRM_TIMEOUT',
    409: 'CRM_CONFLICT',
    504: 'CRM_TIMEOUT',
  },
  otherwise: () => 'CRM_RESPONSE_INVALID',
};
