import type { ErrorCode } from '../error-codes';
import type { FailureFacts } from './failure-facts';

/** A vendor quirk that decides on its own, before the code and status tables are read. */
export interface FailureRule {
  readonly when: (facts: FailureFacts) => boolean;
  readonly code: ErrorCode;
  /** How long to wait when the CRM sent no Retry-After. */
  readonly waitMs?: (facts: FailureFacts, now: number) => number;
}

/** How one CRM's failures map onto leadpact's codes; read in the order of the fields. */
export interface CodeTable {
  /** The CRM's name in messages. */
  readonly label: string;
  /** Checked first, in order (rate limits, messages that say more than the status). */
  readonly rules: readonly FailureRule[];
  /** The vendor's own codes. */
  readonly vendorCodes: Readonly<Record<string, ErrorCode>>;
  /** Statuses with a meaning of their own; other 5xx are CRM_UNAVAILABLE, other 4xx CRM_REJECTED. */
  readonly statuses: Readonly<Record<number, ErrorCode>>;
  /** What an answer none of the above recognised means (no status, an unknown code, a 2xx/3xx). */
  readonly otherwise: (facts: FailureFacts) => ErrorCode;
}
