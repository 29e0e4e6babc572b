import type { ErrorCode } from '../error-codes';
import { CrmError, isLeadpactError, type LeadpactError } from '../errors';

/**
 * What to do with work that failed: wait (the CRM asked us to slow down; no attempt is spent), try
 * again later with back-off, or give up and dead-letter it. BullMQ processors and outbox relays
 * both act on this; `code` is a leadpact code, or a vendor's code for a record refused in a batch.
 */
export type Disposition =
  | { readonly kind: 'wait'; readonly delayMs: number }
  | { readonly kind: 'retry'; readonly code: string; readonly message: string }
  | { readonly kind: 'dead'; readonly code: string; readonly message: string };

/** The wait when a rate limit names none (HubSpot's rolling window). */
const DEFAULT_WAIT_MS = 10_000;
/** How far down a chain of causes the code of a wrapped failure is looked for. */
const MAX_CAUSES = 5;

/**
 * How a thrown error maps onto a disposition: rate limits wait, retryable errors retry until
 * `attemptsMade` reaches `maxAttempts`, the rest (and anything out of attempts) is dead.
 * An error that is not a LeadpactError is a defect, retried as INTERNAL in case it was passing.
 */
export function disposition(error: unknown, attemptsMade = 0, maxAttempts = Number.POSITIVE_INFINITY): Disposition {
  if (error instanceof CrmError && error.rateLimited)
    return { kind: 'wait', delayMs: error.retryAfterMs ?? DEFAULT_WAIT_MS };
  if (isLeadpactError(error) && !error.retryable) return { kind: 'dead', code: error.code, message: error.message };
  const retry: Disposition = isLeadpactError(error)
    ? { kind: 'retry', code: error.code, message: error.message }
    : { kind: 'retry', code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
  return afterAttempts(retry, attemptsMade, maxAttempts);
}

/** A retry becomes dead once the attempts are spent; waits and final outcomes stay as they are. */
export function afterAttempts(outcome: Disposition, attemptsMade: number, maxAttempts: number): Disposition {
  if (outcome.kind !== 'retry' || attemptsMade < maxAttempts) return outcome;
  return { kind: 'dead', code: outcome.code, message: `gave up after ${maxAttempts} attempts: ${outcome.message}` };
}

/**
 * The LeadpactError behind a failure: the error itself, or the one it wraps (a job framework's
 * final-failure error keeps it as its `cause`). Never read out of a message.
 */
export function leadpactCause(error: unknown): LeadpactError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSES && current !== undefined && current !== null; depth++) {
    if (isLeadpactError(current)) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

/** The structured code of a failure; INTERNAL for a defect, which carries none. */
export function failureCode(error: unknown): ErrorCode {
  return leadpactCause(error)?.code ?? 'INTERNAL';
}
