/**
 * What a route answers, and the REST API's error shapes: a request-level error is a JSON array of
 * {message, errorCode[, fields]}; a record-level error inside a SaveResult carries `statusCode`.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** A non-JSON body (HTML error pages, SOAP). */
  readonly text?: { readonly contentType: string; readonly body: string };
}

export interface RecordError {
  readonly statusCode: string;
  readonly message: string;
  readonly fields: readonly string[];
}

export class SfApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: readonly string[],
  ) {
    super(message);
  }

  toBody(): { message: string; errorCode: string; fields?: readonly string[] }[] {
    return [
      this.fields === undefined
        ? { message: this.message, errorCode: this.errorCode }
        : { message: this.message, errorCode: this.errorCode, fields: this.fields },
    ];
  }
}

export function reply(status: number, body?: unknown, headers?: Readonly<Record<string, string>>): Reply {
  if (headers !== undefined) return body === undefined ? { status, headers } : { status, body, headers };
  return body === undefined ? { status } : { status, body };
}

export function errorReply(error: SfApiError): Reply {
  return reply(error.status, error.toBody());
}

export function recordError(statusCode: string, message: string, fields: readonly string[] = []): RecordError {
  return { statusCode, message, fields };
}

export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';

export function notFound(): SfApiError {
  return new SfApiError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
}

export function badRequest(errorCode: string, message: string, fields?: readonly string[]): SfApiError {
  return new SfApiError(400, errorCode, message, fields);
}

/** Record-level errors answered by a single-record route: the same array shape, keyed errorCode. */
export function recordErrorsReply(errors: readonly RecordError[]): Reply {
  return reply(
    400,
    // Extra details such as a duplicate rule's duplicateResult travel with the error.
    errors.map(({ statusCode, message, fields, ...details }) => ({
      ...details,
      message,
      errorCode: statusCode,
      fields,
    })),
  );
}
