import type { WriteOutcome } from '../../src/shared/crm-port';
import { CrmError } from '../../src/shared/errors';
import { isSalesforceId, type SalesforceId } from '../../src/shared/ids';
import { isRetryableRecordError } from './classify-error';
import { grantFix, INTEGRATION_PERMISSION_SET } from './provision-access';
import type { SaveResult } from './salesforce.schema';
import { duplicatesOf } from './org-rule-headers';

/** sObject Collections take 200 records a call. https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-create.html */
export const MAX_BATCH = 200;

const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Object and field names go into URLs and SOQL: only API names are accepted. */
export function apiName(name: string): string {
  if (!API_NAME.test(name))
    throw new CrmError('salesforce', 'CRM_REJECTED', `Not a Salesforce API name: ${JSON.stringify(name.slice(0, 80))}`);
  return name;
}

export function checkBatch(size: number): void {
  if (size > MAX_BATCH) throw new RangeError(`at most ${MAX_BATCH} records per call, got ${size}; callers chunk`);
}

type Outcome = WriteOutcome<SalesforceId>;

// What Salesforce answers, per record, for a field the caller may not write: hidden by field-level
// security or read-only to it. The integration user's permission set decides.
const ACCESS_CODES = new Set(['INVALID_FIELD_FOR_INSERT_UPDATE']);

/** A save refused for field access: a configuration error naming each field and its fix, never the lead's fault. */
function accessFailure(object: string, result: SaveResult): Outcome | undefined {
  const errors = result.errors.filter((e) => ACCESS_CODES.has(e.statusCode));
  if (errors.length === 0) return undefined;
  const fields = [...new Set(errors.flatMap((e) => e.fields ?? []))];
  const fixes = fields.map((field) => grantFix(INTEGRATION_PERMISSION_SET, { object, field, level: 'edit' }));
  return {
    ok: false,
    code: 'SALESFORCE_ACCESS_MISSING',
    message:
      fields.length === 0
        ? `The integration user may not write this ${object}: ${errors.map((e) => e.message).join('; ')}`
        : `The integration user may not write ${fields.map((f) => `${object}.${f}`).join(', ')} (field-level security): ${fixes.join('; ')}.`,
    fields,
    retryable: false,
  };
}

/** One SaveResult as a port outcome; a failed record is retryable only when every error is transient. */
export function outcomeOf(object: string, result: SaveResult, createdByDefault: boolean): Outcome {
  if (result.success && typeof result.id === 'string' && isSalesforceId(result.id)) {
    return { ok: true, id: result.id, created: result.created ?? createdByDefault };
  }
  if (result.success)
    return {
      ok: false,
      code: 'CRM_RESPONSE_INVALID',
      message: 'a successful result without a valid id',
      fields: [],
      retryable: false,
    };
  const [first] = result.errors;
  const access = accessFailure(object, result);
  if (access !== undefined) return access;
  const duplicates = duplicatesOf(result);
  return {
    ...(duplicates === undefined ? {} : { duplicates }),
    ok: false,
    code: first?.statusCode ?? 'UNKNOWN',
    message: result.errors.map((e) => e.message).join('; '),
    fields: [...new Set(result.errors.flatMap((e) => e.fields ?? []))],
    retryable: result.errors.length > 0 && result.errors.every((e) => isRetryableRecordError(e.statusCode)),
  };
}

/**
 * Outcomes in input order when only some inputs were sent: `local` holds the outcome of each
 * input decided without a call (undefined where the input was sent), `results` those of the sent ones.
 */
export function mergeOutcomes(
  object: string,
  local: readonly (Outcome | undefined)[],
  results: readonly SaveResult[],
  createdByDefault: boolean,
): Outcome[] {
  const sent = local.filter((o) => o === undefined).length;
  if (results.length !== sent) {
    throw new CrmError(
      'salesforce',
      'CRM_RESPONSE_INVALID',
      `Salesforce answered ${results.length} results for ${sent} records`,
    );
  }
  let next = 0;
  return local.map((outcome) => {
    if (outcome !== undefined) return outcome;
    const result = results[next];
    next += 1;
    return result === undefined
      ? { ok: false, code: 'CRM_RESPONSE_INVALID', message: 'missing result', fields: [], retryable: false }
      : outcomeOf(object, result, createdByDefault);
  });
}
