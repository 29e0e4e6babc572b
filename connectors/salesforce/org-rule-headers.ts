import { isSalesforceId, type SalesforceId } from '../../src/shared/ids';
import type { SaveResult } from './salesforce.schema';

/**
 * What leadpact asks of the org's own rules on a write, sent as REST request headers.
 * - Assignment rules run on every Lead create and update unless `Sforce-Auto-Assign: FALSE`
 *   (the default is TRUE), and would replace the owner leadpact's routing chose.
 *   https://developer.salesforce.com/docs/platform/api-rest/guide/headers-autoassign.html
 * - An Allow duplicate rule fails an API save with DUPLICATES_DETECTED unless
 *   `Sforce-Duplicate-Rule-Header: allowSave=true` (API 52.0+).
 *   https://developer.salesforce.com/docs/platform/api-rest/guide/headers-duplicaterules.html
 */
export interface SalesforceWriteOptions {
  /** Let the org's active assignment rule choose the owner (default false: leadpact's owner stays). */
  readonly autoAssign?: boolean;
  /** Save even when an Allow duplicate rule flags the record (default false). */
  readonly allowSave?: boolean;
}

export function ruleHeaders(options: SalesforceWriteOptions): Record<string, string> {
  return {
    'Sforce-Auto-Assign': options.autoAssign === true ? 'TRUE' : 'FALSE',
    ...(options.allowSave === true ? { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' } : {}),
  };
}

/** The records a duplicate rule matched, from a DUPLICATES_DETECTED error's duplicateResult. */
export function duplicatesOf(result: SaveResult): { object: string; id: SalesforceId }[] | undefined {
  const found = result.errors.flatMap((error) =>
    error.statusCode !== 'DUPLICATES_DETECTED'
      ? []
      : (error.duplicateResult?.matchResults ?? []).flatMap((match) =>
          match.matchRecords.flatMap(({ record }) =>
            isSalesforceId(record.Id) ? [{ object: match.entityType, id: record.Id }] : [],
          ),
        ),
  );
  return found.length === 0 ? undefined : found;
}
