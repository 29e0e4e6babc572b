import type { CrmError } from '../../src/shared/errors';
import { classifyFailure, isRetryableVendorCode, type FailureFacts } from '../../src/shared/failures';

/**
 * What jsforce (or a composite subrequest) tells about a Salesforce failure, in its own words:
 * the API's errorCode or the OAuth error, and jsforce's ERROR_HTTP_nnn for a body it could not read.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
export interface SalesforceFailure {
  /** HTTP status, when a response arrived. */
  readonly status?: number | undefined;
  /** The API's errorCode, an OAuth `error`, or jsforce's ERROR_HTTP_nnn for a body it could not read. */
  readonly errorCode?: string | undefined;
  readonly message?: string | undefined;
  readonly networkCode?: string | undefined;
  readonly timedOut?: boolean | undefined;
  /** Response headers, names in lower case. */
  readonly headers?: Readonly<Record<string, string | undefined>> | undefined;
}

/** The failure as the shared classifier's facts; a status jsforce only named in ERROR_HTTP_nnn is read back. */
export function salesforceFailureFacts(failure: SalesforceFailure, operation: string): FailureFacts {
  const fromCode = /^ERROR_HTTP_(\d{3})$/.exec(failure.errorCode ?? '');
  return {
    crm: 'salesforce',
    operation,
    status: failure.status ?? (fromCode === null ? undefined : Number(fromCode[1])),
    vendorCode: failure.errorCode,
    message: failure.message,
    networkCode: failure.networkCode,
    timedOut: failure.timedOut,
    headers: failure.headers,
  };
}

/** Whether a record-level statusCode of a SaveResult may succeed when the same record is sent again. */
export function isRetryableRecordError(statusCode: string): boolean {
  return isRetryableVendorCode('salesforce', statusCode);
}

/** A CrmError for a Salesforce failure; the message is scrubbed of e-mail addresses and tokens. */
export function crmError(
  failure: SalesforceFailure,
  operation: string,
  cause: unknown,
  now: number = Date.now(),
): CrmError {
  return classifyFailure(salesforceFailureFacts(failure, operation), now, cause);
}
