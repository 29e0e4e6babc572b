import { compilePattern } from './schema/pattern.schema';
import type { Rule } from './schema/qualification.schema';
import type { Touch } from './lead';
import { DAY_MS, isBlank, parseInstant, parseNumber, type FieldValue } from './values';

type Scalar = string | number | boolean;

/** On RE2, linear in the value's first MAX_MATCHED_LENGTH characters; see pattern.schema.ts. */
function matches(source: string, value: FieldValue, caseSensitive: boolean): boolean {
  const pattern = compilePattern(source, caseSensitive);
  if (!pattern.ok) throw new Error(`rule pattern refused by RE2 (the loader checks patterns): ${pattern.error}`);
  return pattern.value.search(String(value)).found;
}

/** Property values are text in HubSpot: "250" equals 250, "true" equals true, case folded unless asked. */
function equal(value: FieldValue, expected: Scalar, caseSensitive: boolean): boolean {
  if (typeof expected === 'number') return parseNumber(value) === expected;
  if (typeof expected === 'boolean') return String(value).trim().toLowerCase() === String(expected);
  const text = String(value).trim();
  return caseSensitive ? text === expected : text.toLowerCase() === expected.toLowerCase();
}

function compare(value: FieldValue, rule: Rule): boolean {
  const bounds = [rule.gt, rule.gte, rule.lt, rule.lte];
  if (bounds.every((bound) => bound === undefined)) return true;
  const number = parseNumber(value);
  if (number === null) return false;
  return (
    (rule.gt === undefined || number > rule.gt) &&
    (rule.gte === undefined || number >= rule.gte) &&
    (rule.lt === undefined || number < rule.lt) &&
    (rule.lte === undefined || number <= rule.lte)
  );
}

function recent(value: FieldValue, withinDays: number | undefined, now: number): boolean {
  if (withinDays === undefined) return true;
  const instant = parseInstant(value);
  return instant !== null && instant <= now && now - instant <= withinDays * DAY_MS;
}

function propertyHolds(rule: Rule, value: FieldValue | undefined, now: number): boolean {
  if (rule.exists !== undefined) {
    if (rule.exists !== !isBlank(value)) return false;
    if (isBlank(value)) return true;
  }
  if (isBlank(value)) return false;
  const sensitive = rule.caseSensitive;
  return (
    (rule.equals === undefined || equal(value, rule.equals, sensitive)) &&
    (rule.notEquals === undefined || !equal(value, rule.notEquals, sensitive)) &&
    (rule.in === undefined || rule.in.some((candidate) => equal(value, candidate, sensitive))) &&
    (rule.notIn === undefined || !rule.notIn.some((candidate) => equal(value, candidate, sensitive))) &&
    compare(value, rule) &&
    (rule.matches === undefined || matches(rule.matches, value, sensitive)) &&
    recent(value, rule.withinDays, now)
  );
}

function touchesHold(condition: NonNullable<Rule['touches']>, touches: readonly Touch[], now: number): boolean {
  const since = now - condition.withinDays * DAY_MS;
  const kinds = condition.kinds;
  const count = touches.filter(
    (touch) => touch.at >= since && touch.at <= now && (kinds === undefined || kinds.includes(touch.kind)),
  ).length;
  return count >= condition.atLeast;
}

/**
 * Whether a rule holds for a contact at `now`. Every operator present must hold; a missing
 * property satisfies nothing but `exists: false`.
 */
export function ruleHolds(
  rule: Rule,
  properties: Readonly<Record<string, FieldValue>>,
  touches: readonly Touch[],
  now: number,
): boolean {
  if (rule.touches !== undefined) return touchesHold(rule.touches, touches, now);
  return rule.property !== undefined && propertyHolds(rule, properties[rule.property], now);
}
