import { recordError, type RecordError } from './types';
import type { Row, Value } from '../schema/values';
import type { DuplicateRuleConfig, MatchingRuleConfig } from './config';

/**
 * Duplicate rules: on create and edit an active rule runs its matching rules against existing
 * records. Through the API an Allow rule's alert cannot be shown, so the save fails with
 * DUPLICATES_DETECTED ("Use one of these records?") and a duplicateResult naming the rule and the
 * matching records, unless the request sends `Sforce-Duplicate-Rule-Header: allowSave=true`; a
 * Block rule fails the save whatever the header says.
 * https://developer.salesforce.com/docs/platform/api-rest/guide/headers-duplicaterules.html (Duplicate Rule Header)
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_duplicateresult.htm
 */

export interface DuplicateRecordError extends RecordError {
  readonly duplicateResult: {
    readonly allowSave: boolean;
    readonly duplicateRule: string;
    readonly duplicateRuleEntityType: string;
    readonly errorMessage: string;
    readonly matchResults: readonly {
      readonly entityType: string;
      readonly errors: readonly never[];
      readonly matchEngine: 'FuzzyMatchEngine' | 'ExactMatchEngine';
      readonly matchRecords: readonly {
        readonly additionalInformation: readonly never[];
        readonly fieldDiffs: readonly never[];
        readonly matchConfidence: number;
        readonly record: { readonly attributes: { readonly type: string; readonly url: string }; readonly Id: string };
      }[];
      readonly rule: string;
      readonly size: number;
      readonly success: true;
    }[];
  };
}

/** What the rules read: records whose field equals a value (case-insensitively, indexed), an Account's name. */
export interface DuplicateScope {
  readonly withValue: (object: string, field: string, value: string) => readonly Row[];
  readonly accountName: (id: Value | undefined) => string | null;
  readonly version: string;
}

function person(object: string, row: Row, scope: DuplicateScope): Readonly<Record<string, string>> {
  const get = (name: string) => (typeof row[name] === 'string' ? String(row[name]) : '');
  const company = object === 'Contact' ? (scope.accountName(row['AccountId']) ?? '') : get('Company');
  return {
    FirstName: get('FirstName'),
    LastName: get('LastName'),
    Email: get('Email'),
    Phone: get('Phone'),
    Company: object === 'Account' ? get('Name') : company,
    Name: get('Name'),
  };
}

const fuzzy = (value: string): string =>
  value
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\b(inc|ltd|llc|gmbh|corp|co|limited|corporation)\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function same(field: string, method: 'exact' | 'fuzzy', a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (method === 'exact') return a.toLowerCase() === b.toLowerCase();
  const [x, y] = [fuzzy(a), fuzzy(b)];
  // A first name matches its initial ("J." and "Jane").
  if (field === 'FirstName' && (x.length === 1 || y.length === 1)) return x.charAt(0) === y.charAt(0);
  return x === y;
}

function matches(
  rule: MatchingRuleConfig,
  source: Readonly<Record<string, string>>,
  target: Readonly<Record<string, string>>,
): boolean {
  return rule.criteria.some((group) =>
    group.every(({ field, method }) => same(field, method, source[field] ?? '', target[field] ?? '')),
  );
}

/**
 * The first active rule the record trips, as the error the save answers; undefined when none does
 * or the request allowed the save of an Allow rule's duplicate.
 */
export function duplicateError(
  rules: readonly DuplicateRuleConfig[],
  object: string,
  record: Row,
  creating: boolean,
  allowSave: boolean,
  scope: DuplicateScope,
): DuplicateRecordError | undefined {
  const source = person(object, record, scope);
  for (const rule of rules) {
    if (!rule.active || rule.object !== object) continue;
    const action = creating ? rule.onCreate : rule.onEdit;
    if (action === 'allow' && allowSave) continue;
    const results = rule.matching.flatMap((matching) => {
      // Candidates by each criterion's distinguishing field (e-mail, company, phone) from the store's
      // indexes, then compared in full, as Salesforce's match keys narrow the search before matching.
      const candidates = new Map<string, Row>();
      for (const group of matching.criteria) {
        const key = group[group.length - 1]?.field ?? 'LastName';
        for (const row of scope.withValue(matching.object, key, source[key] ?? ''))
          candidates.set(String(row['Id']), row);
      }
      const found = [...candidates.values()]
        .filter((row) => row['IsDeleted'] !== true && row['Id'] !== record['Id'] && row['IsConverted'] !== true)
        .filter((row) => matches(matching, source, person(matching.object, row, scope)));
      if (found.length === 0) return [];
      return [
        {
          entityType: matching.object,
          errors: [],
          matchEngine: 'FuzzyMatchEngine' as const,
          matchRecords: found.map((row) => ({
            additionalInformation: [],
            fieldDiffs: [],
            matchConfidence: 100,
            record: {
              attributes: {
                type: matching.object,
                url: `/services/data/v${scope.version}/sobjects/${matching.object}/${String(row['Id'])}`,
              },
              Id: String(row['Id']),
            },
          })),
          rule: matching.name,
          size: found.length,
          success: true as const,
        },
      ];
    });
    if (results.length === 0) continue;
    return {
      ...recordError('DUPLICATES_DETECTED', action === 'block' ? rule.message : 'Use one of these records?'),
      duplicateResult: {
        allowSave: action === 'allow',
        duplicateRule: rule.name,
        duplicateRuleEntityType: object,
        errorMessage: rule.message,
        matchResults: results,
      },
    };
  }
  return undefined;
}
