import type { Result } from '../../../src/shared/result';
import type { WriteFailure } from './crm-writes';
import { hubSpotError, standardError, validationError } from './hubspot-errors';
import type { SimObjectType } from './property-model';
import { propertyProblemsBody } from './property-values';
import { conflictMessage, failureResponse, isoNow, nounOf } from './route-helpers';
import type { SimContext } from './sim-context';
import { json, type SimResponse } from './sim-http';

/** https://developers.hubspot.com/docs/guides/api/crm/objects (Limits: 100 inputs per batch request). */
export const MAX_BATCH_INPUTS = 100;

export interface BatchItem {
  readonly traceId: string | undefined;
  /** Why this input cannot be written, found before anything is written. */
  readonly failure: WriteFailure | undefined;
  /** Writes the input; its answer is the result entry. */
  readonly run: () => Result<Record<string, unknown>, WriteFailure>;
}

export function tooManyInputs(count: number): SimResponse | undefined {
  if (count <= MAX_BATCH_INPUTS) return undefined;
  return validationError(
    `Too many inputs: ${count}. The maximum number of inputs per batch request is ${MAX_BATCH_INPUTS}.`,
  );
}

/**
 * HubSpot refuses a whole batch on a validation error or a conflict unless every input carries an
 * objectWriteTraceId; then it answers 207 with one error per failed input
 * (https://developers.hubspot.com/docs/api-reference/latest/error-handling, "Multi-status errors").
 */
export function wholeBatchFailure(
  items: readonly BatchItem[],
  type: SimObjectType,
  ctx: SimContext,
): SimResponse | undefined {
  const blocking = items.find((item) => item.failure !== undefined && item.failure.kind !== 'notFound');
  if (blocking?.failure === undefined) return undefined;
  const allTraced = items.every((item) => item.traceId !== undefined);
  return allTraced ? undefined : failureResponse(blocking.failure, type, ctx);
}

/** One entry of a 207 body's `errors`. */
export function batchError(
  failure: WriteFailure,
  type: SimObjectType,
  traceId: string | undefined,
  ctx: SimContext,
): Record<string, unknown> {
  const trace = traceId === undefined ? {} : { objectWriteTraceId: [traceId] };
  switch (failure.kind) {
    case 'invalid': {
      const { message, errors } = propertyProblemsBody(failure.problems, ctx.credentials.portalId) as {
        message: string;
        errors: unknown[];
      };
      return standardError(
        'VALIDATION_ERROR',
        message,
        {
          ...trace,
          propertyName: failure.problems.map((p) => p.name),
        },
        { errors },
      );
    }
    case 'conflict':
      return standardError('CONFLICT', conflictMessage(failure, nounOf(ctx, type)), {
        ...trace,
        existingId: [failure.existingId],
      });
    case 'notFound':
      return standardError('OBJECT_NOT_FOUND', notFoundMessage(ctx, type), { ...trace, ids: [failure.id] });
  }
}

export function notFoundMessage(ctx: SimContext, type: SimObjectType): string {
  const noun = nounOf(ctx, type).toUpperCase().replace(/\s+/g, '_');
  return `Could not get some ${noun} objects, they may be deleted or not exist. Check that ids are valid.`;
}

/** `{status, results, startedAt, completedAt}`, plus `numErrors, errors` and 207 when some inputs failed. */
export function batchResponse(
  okStatus: number,
  results: readonly unknown[],
  errors: readonly unknown[],
  ctx: SimContext,
  startedAt: string,
): SimResponse {
  const body = { status: 'COMPLETE', results, startedAt, completedAt: isoNow(ctx) };
  return errors.length === 0 ? json(okStatus, body) : json(207, { ...body, numErrors: errors.length, errors });
}

export function duplicateIds(ids: readonly string[]): SimResponse | undefined {
  const seen = new Set<string>();
  const duplicates = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  return duplicates.length === 0
    ? undefined
    : hubSpotError(
        400,
        'VALIDATION_ERROR',
        `Duplicate IDs found in batch input: [${duplicates.join(', ')}]. IDs must be unique`,
      );
}

/** Commits a planned batch: all-or-nothing unless traced, then one result or error per input. */
export function executeBatch(
  items: readonly BatchItem[],
  okStatus: number,
  type: SimObjectType,
  ctx: SimContext,
): SimResponse {
  const refused = wholeBatchFailure(items, type, ctx);
  if (refused !== undefined) return refused;
  const startedAt = isoNow(ctx);
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const item of items) {
    const outcome = item.failure === undefined ? item.run() : undefined;
    if (outcome?.ok === true)
      results.push(item.traceId === undefined ? outcome.value : { ...outcome.value, objectWriteTraceId: item.traceId });
    else
      errors.push(
        batchError(
          outcome?.ok === false ? outcome.error : (item.failure ?? { kind: 'notFound', id: '' }),
          type,
          item.traceId,
          ctx,
        ),
      );
  }
  return batchResponse(okStatus, results, errors, ctx, startedAt);
}
