import type { Row } from '../schema/values';
import type { AssignmentRuleConfig } from './config';
import { holds, parseFormula, type FormulaScope } from './formula';

/**
 * Lead assignment rules. A REST create or update of a Lead runs the org's active assignment rule
 * unless the request sends `Sforce-Auto-Assign: FALSE`; without the header the default is TRUE,
 * for updates too. A request naming an AssignmentRule id runs that rule, active or not.
 * https://developer.salesforce.com/docs/platform/api-rest/guide/headers-autoassign.html (Assignment Rule Header)
 */

/** What the request's Sforce-Auto-Assign header asks for: the active rule, none, or one by id. */
export type AutoAssign =
  { readonly kind: 'active' } | { readonly kind: 'none' } | { readonly kind: 'rule'; readonly id: string };

/** The header's value as the platform reads it: TRUE / FALSE in any case, else a rule id. */
export function autoAssignHeader(value: string | undefined): AutoAssign {
  const text = value?.trim() ?? '';
  if (text === '' || text.toUpperCase() === 'TRUE') return { kind: 'active' };
  if (text.toUpperCase() === 'FALSE') return { kind: 'none' };
  return { kind: 'rule', id: text };
}

/** The owner the rule's first matching entry names (a user id or a queue id); undefined when no entry matches. */
export function assignedOwner(
  rule: AssignmentRuleConfig,
  scope: FormulaScope,
  queueId: (developerName: string) => string | undefined,
): string | undefined {
  for (const entry of rule.entries) {
    if (entry.criteria !== undefined && !holds(parseFormula(entry.criteria), scope)) continue;
    return 'user' in entry.assignTo ? entry.assignTo.user : queueId(entry.assignTo.queue);
  }
  return undefined;
}

/** The rule a request runs: the active one, or the one it names by id (rows of AssignmentRule). */
export function ruleToRun(
  rules: readonly AssignmentRuleConfig[],
  header: AutoAssign,
  rows: readonly Row[],
): AssignmentRuleConfig | undefined {
  if (header.kind === 'none') return undefined;
  if (header.kind === 'active') return rules.find((rule) => rule.active);
  const named = rows.find((row) => String(row['Id']).slice(0, 15) === header.id.slice(0, 15));
  return rules.find((rule) => rule.name === named?.['Name']);
}
