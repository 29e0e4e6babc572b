/**
 * The one catalogue of error codes. The same code appears in logs, metrics, HTTP bodies and the
 * README's error table, so a code is never renamed once released.
 */
export const ERROR_CATALOGUE = {
  CONFIG_INVALID: {
    status: 500,
    retryable: false,
    hint: 'Fix the environment variables listed in the message and restart.',
  },
  PROTOCOL_INVALID: {
    status: 422,
    retryable: false,
    hint: 'Run `leadpact check FILE`; fix each problem at the path and line it names.',
  },
  PROTOCOL_NOT_APPROVED: {
    status: 422,
    retryable: false,
    hint: 'Add both approval.marketingOwner and approval.salesOwner to the protocol file.',
  },
  CRM_NOT_READY: {
    status: 500,
    retryable: false,
    hint: 'The CRMs are not set up for this protocol (a routing user or queue missing, fields not provisioned); run `leadpact doctor` and apply each fix it prints.',
  },
  STORE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    hint: 'The database is unreachable; check DATABASE_URL and that PostgreSQL is running.',
  },
  QUEUE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    hint: 'Redis is unreachable; check REDIS_URL and that Redis is running.',
  },
  MIGRATION_FAILED: {
    status: 500,
    retryable: false,
    hint: 'A schema migration failed; the message names the file. Restore the database or fix the migration.',
  },
  CRM_RATE_LIMITED: {
    status: 503,
    retryable: true,
    hint: 'The CRM asked us to slow down; work waits for Retry-After and resumes by itself.',
  },
  CRM_DAILY_LIMIT: {
    status: 503,
    retryable: true,
    hint: 'The daily API allocation is used up; work resumes when it refills. Consider a larger allocation.',
  },
  CRM_UNAVAILABLE: {
    status: 503,
    retryable: true,
    hint: 'The CRM answered 5xx or the network failed; work is retried with back-off.',
  },
  CRM_TIMEOUT: { status: 504, retryable: true, hint: 'The CRM did not answer in time; work is retried with back-off.' },
  CRM_AUTH_FAILED: {
    status: 502,
    retryable: false,
    hint: 'The CRM refused our credentials; check the SALESFORCE_* or HUBSPOT_* settings.',
  },
  CRM_FORBIDDEN: {
    status: 502,
    retryable: false,
    hint: 'The credentials lack a permission or scope; grant it in the CRM.',
  },
  HUBSPOT_SCOPE_MISSING: {
    status: 502,
    retryable: false,
    hint: "The HubSpot private app lacks a scope the message names (a setup problem, not the lead's); add it in HubSpot: Settings → Integrations → Private Apps → your app → Scopes, run `leadpact doctor`, then `leadpact replay` the dead letters.",
  },
  SALESFORCE_ACCESS_MISSING: {
    status: 502,
    retryable: false,
    hint: 'The Salesforce integration user may not see or edit a field or object the message names (field-level security: a setup problem, not the lead\'s); run `leadpact provision` (it grants them through the permission set "leadpact Integration") or grant it there by hand, run `leadpact doctor`, then `leadpact replay` the dead letters.',
  },
  CRM_NOT_FOUND: { status: 404, retryable: false, hint: 'The record no longer exists in the CRM (deleted or merged).' },
  CRM_CONFLICT: {
    status: 409,
    retryable: false,
    hint: 'The CRM holds a conflicting record (duplicate value or several matches).',
  },
  CRM_REJECTED: {
    status: 422,
    retryable: false,
    hint: 'The CRM refused the data (unknown field, bad value); run `leadpact provision` and check the field mapping.',
  },
  CRM_RESPONSE_INVALID: {
    status: 502,
    retryable: false,
    hint: 'The CRM answered with a body we do not understand; report it with the log line.',
  },
  WEBHOOK_SIGNATURE_INVALID: {
    status: 401,
    retryable: false,
    hint: 'The HubSpot signature did not match; check HUBSPOT_CLIENT_SECRET and PUBLIC_URL.',
  },
  WEBHOOK_SIGNATURE_MISSING: {
    status: 401,
    retryable: false,
    hint: 'The request carried no X-HubSpot-Signature-v3 / X-HubSpot-Request-Timestamp header.',
  },
  WEBHOOK_TIMESTAMP_STALE: {
    status: 401,
    retryable: false,
    hint: 'The webhook timestamp is more than 5 minutes from our clock; check NTP on this host.',
  },
  WEBHOOK_REPLAYED: {
    status: 409,
    retryable: false,
    hint: 'This exact signed request was already accepted; HubSpot signs each retry anew, so a copy is refused.',
  },
  WEBHOOK_ORG_MISMATCH: {
    status: 403,
    retryable: false,
    hint: 'An outbound message came from an org other than SALESFORCE_ORG_ID.',
  },
  WEBHOOK_SESSION_INVALID: {
    status: 403,
    retryable: false,
    hint: "An outbound message's SessionId was not a live session of our org, or had expired before the worker read it; the message was dropped (reconciliation catches up on real changes).",
  },
  WEBHOOK_PORTAL_MISMATCH: {
    status: 403,
    retryable: false,
    hint: 'HubSpot webhook events came from an account or app other than HUBSPOT_PORTAL_ID (or the token’s account) and HUBSPOT_APP_ID.',
  },
  PAYLOAD_INVALID: {
    status: 400,
    retryable: false,
    hint: 'The body is not what the endpoint accepts; the message names the field.',
  },
  PAYLOAD_MALFORMED: { status: 400, retryable: false, hint: 'The body is not valid JSON or XML.' },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false, hint: 'The body exceeds the size limit.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false, hint: 'Send the content type the endpoint documents.' },
  UNAUTHORIZED: { status: 401, retryable: false, hint: 'Send Authorization: Bearer ADMIN_TOKEN.' },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    retryable: false,
    hint: 'Too many wrong admin tokens came from this address; wait for Retry-After, then send the right one.',
  },
  NOT_FOUND: { status: 404, retryable: false, hint: 'No such resource.' },
  LEAD_NOT_LINKED_YET: {
    status: 409,
    retryable: true,
    hint: 'A Salesforce change arrived while its hand-off was still being recorded; the job is retried in a moment.',
  },
  IDENTITY_CONFLICT: {
    status: 409,
    retryable: false,
    hint: "Two leads claim one CRM record (the message names it); only that lead's change was dead-lettered. Merge the duplicates in the CRM, then `leadpact replay ID`.",
  },
  TRANSITION_REFUSED: {
    status: 409,
    retryable: false,
    hint: 'The lead protocol does not allow that stage change; the audit trail records why.',
  },
  JOB_DATA_INVALID: {
    status: 500,
    retryable: false,
    hint: 'A queued job carried data of the wrong shape; it was dead-lettered. Report it.',
  },
  INTERNAL: { status: 500, retryable: false, hint: 'A defect; the log line with its err field says where.' },
} as const satisfies Record<string, { status: number; retryable: boolean; hint: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
