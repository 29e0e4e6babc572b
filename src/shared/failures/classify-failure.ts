import { ERROR_CATALOGUE, type ErrorCode } from '../error-codes';
import { CrmError, type Crm } from '../errors';
import { scrubText } from '../logger';
import type { CodeTable } from './code-table';
import { TIMEOUT_NETWORK_CODES, type FailureFacts } from './failure-facts';
import { HUBSPOT_CODES } from './hubspot-codes';
import { parseRetryAfter } from './retry-after';
import { SALESFORCE_CODES } from './salesforce-codes';

const TABLES: Readonly<Record<Crm, CodeTable>> = { hubspot: HUBSPOT_CODES, salesforce: SALESFORCE_CODES };

export interface Classification {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** How long to wait before trying again: Retry-After when sent, else what the CRM's limit implies. */
  readonly retryAfterMs?: number;
}

/**
 * The one decision about a CRM failure: its code, whether trying again can help, and how long to
 * wait first. Pure: `now` only dates an HTTP-date Retry-After or a daily reset.
 */
export function classify(facts: FailureFacts, now: number): Classification {
  const table = TABLES[facts.crm];
  const network = facts.timedOut === true || facts.networkCode !== undefined;
  const rule = network ? undefined : table.rules.find((candidate) => candidate.when(facts));
  const code = rule?.code ?? codeFor(table, facts);
  const retryable = ERROR_CATALOGUE[code].retryable;
  const retryAfterMs = retryable
    ? (parseRetryAfter(facts.headers?.['retry-after'], now) ?? rule?.waitMs?.(facts, now))
    : undefined;
  return retryAfterMs === undefined ? { code, retryable } : { code, retryable, retryAfterMs };
}

function codeFor(table: CodeTable, facts: FailureFacts): ErrorCode {
  if (facts.timedOut === true || TIMEOUT_NETWORK_CODES.has(facts.networkCode ?? '')) return 'CRM_TIMEOUT';
  if (facts.networkCode !== undefined) return 'CRM_UNAVAILABLE';
  const byVendor = vendorCodeOf(table, facts.vendorCode);
  if (byVendor !== undefined) return byVendor;
  const { status } = facts;
  if (status === undefined) return table.otherwise(facts);
  return (
    table.statuses[status] ??
    (status >= 500 ? 'CRM_UNAVAILABLE' : status >= 400 ? 'CRM_REJECTED' : table.otherwise(facts))
  );
}

function vendorCodeOf(table: CodeTable, vendorCode: string | undefined): ErrorCode | undefined {
  return vendorCode !== undefined && Object.hasOwn(table.vendorCodes, vendorCode)
    ? table.vendorCodes[vendorCode]
    : undefined;
}

/** Whether a record-level error code of a batch answer may succeed when the same record is sent again. */
export function isRetryableVendorCode(crm: Crm, vendorCode: string): boolean {
  const code = vendorCodeOf(TABLES[crm], vendorCode);
  return code !== undefined && ERROR_CATALOGUE[code].retryable;
}

/** The facts as a CrmError; the vendor's message is scrubbed of e-mail addresses and tokens. */
export function classifyFailure(facts: FailureFacts, now: number, cause?: unknown): CrmError {
  const { code, retryAfterMs } = classify(facts, now);
  const what =
    facts.vendorCode ??
    (facts.status === undefined ? facts.networkCode : `HTTP ${facts.status}`) ??
    (facts.timedOut === true ? 'timeout' : 'failure');
  const detail = facts.message === undefined ? '' : ` — ${scrubText(facts.message).slice(0, 300)}`;
  const operation = facts.operation ?? 'call';
  const context = {
    operation,
    ...(facts.status === undefined ? {} : { status: facts.status }),
    ...(facts.vendorCode === undefined ? {} : { vendorCode: facts.vendorCode }),
    ...(facts.networkCode === undefined ? {} : { networkCode: facts.networkCode }),
    ...facts.context,
  };
  return new CrmError(facts.crm, code, `${TABLES[facts.crm].label} ${operation} failed: ${what}${detail}`, {
    cause,
    context,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(facts.status === undefined ? {} : { httpStatus: facts.status }),
    ...(facts.vendorCode === undefined ? {} : { vendorCode: facts.vendorCode }),
  });
}
