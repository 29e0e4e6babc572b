import type { WriteOutcome } from '../../src/shared/crm-port';
import { isRetryableVendorCode } from '../../src/shared/failures';
import type { BatchError } from './hubspot-responses.schema';

export interface TracedInput {
  /** Sent as objectWriteTraceId, so HubSpot can say which input each error is about. */
  readonly traceId: string;
  /** The id (or the unique value, for upserts) the input was sent with. */
  readonly key: string;
}

/** What is read of a result: a contact, or any object's record. */
export interface BatchRecord {
  readonly id: string;
  readonly properties: Readonly<Record<string, string | null>>;
  readonly objectWriteTraceId?: string | undefined;
}

/**
 * One outcome per input, in input order, from a 200/207 batch answer. Errors are matched by the
 * objectWriteTraceId HubSpot echoes (or the ids they name); results by trace id, else by id or by
 * the unique property upserts are keyed by (`keyProperty`). A result under a new id (the record
 * was merged) goes to the one input left unmatched.
 */
export function batchOutcomes<R extends BatchRecord>(
  inputs: readonly TracedInput[],
  answer: { readonly results: readonly R[]; readonly errors: readonly BatchError[] },
  created: (result: R) => boolean,
  keyProperty = 'email',
): WriteOutcome<R['id']>[] {
  const unclaimed = new Set(answer.results);
  const outcomes: (WriteOutcome<R['id']> | undefined)[] = inputs.map((input) => {
    const failed =
      answer.errors.find((error) => names(error, 'objectWriteTraceId', input.traceId)) ??
      answer.errors.find((error) => names(error, 'ids', input.key));
    if (failed !== undefined) return failure(failed);
    const result =
      answer.results.find((r) => r.objectWriteTraceId === input.traceId) ??
      answer.results.find(
        (r) => r.id === input.key || r.properties[keyProperty]?.toLowerCase() === input.key.toLowerCase(),
      );
    if (result === undefined) return undefined;
    unclaimed.delete(result);
    return { ok: true, id: result.id, created: created(result) };
  });
  const leftovers = [...unclaimed];
  const missing = outcomes.filter((outcome) => outcome === undefined).length;
  return outcomes.map((outcome) => {
    if (outcome !== undefined) return outcome;
    const result = missing === leftovers.length ? leftovers.shift() : undefined;
    return result === undefined ? unconfirmed() : { ok: true, id: result.id, created: created(result) };
  });
}

function names(error: BatchError, key: string, value: string): boolean {
  return (error.context[key] ?? []).includes(value);
}

function failure(error: BatchError): WriteOutcome<never> {
  const detail = error.errors.find((e) => e.code !== undefined);
  const fields = [
    ...(error.context['propertyName'] ?? []),
    ...error.errors.flatMap((e) => e.context?.['propertyName'] ?? []),
  ];
  return {
    ok: false,
    code: detail?.code ?? error.category,
    message: detail?.message ?? error.message,
    fields: [...new Set(fields)],
    retryable: isRetryableVendorCode('hubspot', error.category),
  };
}

function unconfirmed(): WriteOutcome<never> {
  return {
    ok: false,
    code: 'UNCONFIRMED',
    message: 'HubSpot reported neither a result nor an error for this input.',
    fields: [],
    retryable: true,
  };
}
