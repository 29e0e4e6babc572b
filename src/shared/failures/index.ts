export { classify, classifyFailure, isRetryableVendorCode, type Classification } from './classify-failure';
export type { CodeTable, FailureRule } from './code-table';
export { afterAttempts, disposition, failureCode, leadpactCause, type Disposition } from './disposition';
export { TIMEOUT_NETWORK_CODES, type FailureFacts } from './failure-facts';
export { parseRetryAfter } from './retry-after';
