import type { Touch } from './lead';
import { ruleHolds } from './rules';
import type { QualificationDefinition, ScoreDefinition } from './schema/qualification.schema';
import type { FieldValue } from './values';

export interface RuleHit {
  readonly rule: string;
  readonly points: number;
  readonly reason: string;
}

export interface ScoreResult {
  readonly score: number;
  readonly threshold: number;
  readonly passed: boolean;
  /** The rules that held, in protocol order: the reasons the hand-off gives. */
  readonly hits: readonly RuleHit[];
}

export interface QualificationResult {
  /** Marketing's view: the contact matches the ideal customer. */
  readonly fit: ScoreResult;
  /** Sales' view: the contact is ready to engage now. */
  readonly readiness: ScoreResult;
  /** Marketing-qualified: both axes pass. */
  readonly qualified: boolean;
}

function score(
  definition: ScoreDefinition,
  properties: Readonly<Record<string, FieldValue>>,
  touches: readonly Touch[],
  now: number,
): ScoreResult {
  const hits = definition.rules
    .filter((rule) => ruleHolds(rule, properties, touches, now))
    .map((rule) => ({ rule: rule.id, points: rule.points, reason: rule.reason }));
  const total = hits.reduce((sum, hit) => sum + hit.points, 0);
  return { score: total, threshold: definition.threshold, passed: total >= definition.threshold, hits };
}

/** The fit and readiness scores of a contact at `now`, each with its reasons. */
export function qualify(
  properties: Readonly<Record<string, FieldValue>>,
  touches: readonly Touch[],
  definition: QualificationDefinition,
  now: number,
): QualificationResult {
  const fit = score(definition.fit, properties, touches, now);
  const readiness = score(definition.readiness, properties, touches, now);
  return { fit, readiness, qualified: fit.passed && readiness.passed };
}
