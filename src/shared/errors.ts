import { ERROR_CATALOGUE, type ErrorCode } from './error-codes';

export type Crm = 'salesforce' | 'hubspot';

export interface ErrorDetails {
  readonly cause?: unknown;
  /** How long to wait before trying again, when the failure said so (Retry-After, a rolling window). */
  readonly retryAfterMs?: number;
  /** Structured, non-secret context for logs and HTTP bodies (a field name, a path, a vendor code). */
  readonly context?: Readonly<Record<string, unknown>>;
}

/** The root of every error leadpact raises on purpose: a stable code, whether to retry, and why. */
export class LeadpactError extends Error {
  override readonly name: string = 'LeadpactError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly status: number;
  readonly retryAfterMs: number | undefined;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    const entry = ERROR_CATALOGUE[code];
    this.code = code;
    this.retryable = entry.retryable;
    this.status = entry.status;
    this.retryAfterMs = details.retryAfterMs;
    this.context = details.context ?? {};
  }

  toJSON(): { code: ErrorCode; message: string; context?: Readonly<Record<string, unknown>> } {
    return Object.keys(this.context).length === 0
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, context: this.context };
  }
}

/** A failure talking to a CRM, classified so the jobs layer knows whether to wait, retry or give up. */
export class CrmError extends LeadpactError {
  override readonly name: string = 'CrmError';
  readonly crm: Crm;
  /** The HTTP status, when there was a response. */
  readonly httpStatus: number | undefined;
  /** The vendor's own code (INVALID_FIELD, PROPERTY_DOESNT_EXIST, TEN_SECONDLY_ROLLING...). */
  readonly vendorCode: string | undefined;

  constructor(
    crm: Crm,
    code: ErrorCode,
    message: string,
    details: ErrorDetails & { httpStatus?: number; vendorCode?: string } = {},
  ) {
    super(code, message, details);
    this.crm = crm;
    this.httpStatus = details.httpStatus;
    this.vendorCode = details.vendorCode;
  }

  get rateLimited(): boolean {
    return this.code === 'CRM_RATE_LIMITED' || this.code === 'CRM_DAILY_LIMIT';
  }
}

/** Configuration that cannot be used: every problem is listed, each with where it is. */
export class ConfigError extends LeadpactError {
  override readonly name: string = 'ConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(
    code: 'CONFIG_INVALID' | 'PROTOCOL_INVALID' | 'PROTOCOL_NOT_APPROVED',
    source: string,
    problems: readonly ConfigProblem[],
  ) {
    super(code, `${source} is invalid:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`, {
      context: { source, problems: problems.length },
    });
    this.problems = problems;
  }
}

export interface ConfigProblem {
  /** A variable name, or a dotted path in a file. */
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export function formatProblem(problem: ConfigProblem): string {
  const where =
    problem.line === undefined ? problem.path : `${problem.path} (line ${problem.line}, column ${problem.column ?? 1})`;
  return `${where}: ${problem.message}`;
}

/** Bad inbound data: answered with a 4xx, nothing enqueued. */
export class InputError extends LeadpactError {
  override readonly name: string = 'InputError';
}

export function isLeadpactError(value: unknown): value is LeadpactError {
  return value instanceof LeadpactError;
}
