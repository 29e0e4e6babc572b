import { DateTime } from 'luxon';
import { z } from 'zod';
import { hasValidSalesforceSuffix, isSalesforceId, salesforceIdSuffix } from '../../shared/ids';

/** A name other sections refer to (a calendar, a pool, a territory): lower-case words joined by - or _. */
export const slugSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,62}$/, 'expected a lower-case name (letters, digits, - or _), e.g. "emea"');

/** A HubSpot internal property name (lower-case, as the API spells it). */
export const hubspotPropertySchema = z
  .string()
  .regex(/^[a-z0-9_]{1,100}$/, 'expected a HubSpot internal property name such as "jobtitle"');

/** A Salesforce field API name (standard or custom, with __c). */
export const salesforceFieldSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'expected a Salesforce field API name such as "Title" or "Fit_Score__c"');

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((text) => DateTime.fromISO(text, { zone: 'utc' }).isValid, 'not a real calendar date');

/**
 * A Salesforce record id with the key prefix of the object it must belong to (005 User, 00G
 * Group/queue) and, in its 18-character form, the suffix that matches its case: Salesforce refuses
 * any other with MALFORMED_ID, so every hand-off to it would fail.
 */
export function salesforceIdWithPrefix(prefix: string, what: string, where: string) {
  return z.string().superRefine((text, ctx) => {
    if (!isSalesforceId(text) || !text.startsWith(prefix)) {
      ctx.addIssue({ code: 'custom', message: `expected a ${what} id (15 or 18 characters starting with ${prefix})` });
    } else if (!hasValidSalesforceSuffix(text)) {
      const suffix = salesforceIdSuffix(text.slice(0, 15));
      ctx.addIssue({
        code: 'custom',
        message: `${text} is not a valid Salesforce id (its last three characters should be ${suffix}); copy the id from ${where}`,
      });
    }
  });
}

export const userIdSchema = salesforceIdWithPrefix('005', 'Salesforce user', "the user's page in Setup → Users");
export const queueIdSchema = salesforceIdWithPrefix('00G', 'Salesforce queue', "Setup → Queues (the queue's URL)");

/** The names under which YAML lists repeat; used to report a duplicate at its own position. */
export function duplicateIndexes<T>(items: readonly T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  items.forEach((item, index) => {
    const name = key(item);
    if (seen.has(name)) duplicates.push(index);
    seen.add(name);
  });
  return duplicates;
}

/** `recycleAfterDays` belongs to exactly the action that sends a lead back to nurture. */
export function checkRecycleDays(
  item: { readonly action: string; readonly recycleAfterDays?: number | undefined },
  recycleAction: string,
  ctx: z.RefinementCtx,
): void {
  if (item.action === recycleAction && item.recycleAfterDays === undefined) {
    ctx.addIssue({ code: 'custom', path: ['recycleAfterDays'], message: `${recycleAction} needs recycleAfterDays` });
  }
  if (item.action !== recycleAction && item.recycleAfterDays !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['recycleAfterDays'],
      message: `only ${recycleAction} takes recycleAfterDays`,
    });
  }
}
