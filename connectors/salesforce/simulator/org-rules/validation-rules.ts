import { recordError, type RecordError } from './types';
import type { ValidationRuleConfig } from './config';
import { holds, parseFormula, type FormulaScope } from './formula';

/**
 * Validation rules: after the system's own checks, every active rule of the object evaluates its
 * error condition formula; each that is TRUE fails the save with FIELD_CUSTOM_VALIDATION_EXCEPTION,
 * the admin's error message, and the error field when the rule names one.
 * https://help.salesforce.com/s/articleView?id=sf.fields_about_field_validation.htm (Validation Rules)
 * https://help.salesforce.com/s/articleView?id=sf.order_of_execution.htm (Triggers and Order of Execution)
 */
export function validationErrors(
  rules: readonly ValidationRuleConfig[],
  object: string,
  scope: FormulaScope,
): RecordError[] {
  return rules
    .filter((rule) => rule.active && rule.object.toLowerCase() === object.toLowerCase())
    .filter((rule) => holds(parseFormula(rule.formula), scope))
    .map((rule) =>
      recordError('FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, rule.field === undefined ? [] : [rule.field]),
    );
}
