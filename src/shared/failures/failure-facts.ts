import type { Crm } from '../errors';

/**
 * What an adapter learnt about one failed CRM call, read out of whatever its SDK threw. The
 * classifier decides from these facts alone, so it never sees a vendor's error class.
 */
export interface FailureFacts {
  readonly crm: Crm;
  /** The call that failed ('batch.update', 'upsert Lead'...), for the message and logs. */
  readonly operation?: string | undefined;
  /** HTTP status, when a response arrived. */
  readonly status?: number | undefined;
  /** ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET... when the request never got an answer. */
  readonly networkCode?: string | undefined;
  /** The client gave up waiting. */
  readonly timedOut?: boolean | undefined;
  /** The vendor's own code: a Salesforce errorCode or OAuth error, a HubSpot policyName, error code or category. */
  readonly vendorCode?: string | undefined;
  /** The vendor's message, unscrubbed: the classifier scrubs what it keeps. */
  readonly message?: string | undefined;
  /** Response headers, names in lower case. */
  readonly headers?: Readonly<Record<string, string | undefined>> | undefined;
  /** Structured, non-secret context the adapter read from the answer (the fields blamed, an existing id). */
  readonly context?: Readonly<Record<string, unknown>> | undefined;
}

/** Network codes that mean the request or its answer took too long, rather than that nothing answered. */
export const TIMEOUT_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ABORT_ERR',
]);
