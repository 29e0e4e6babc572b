import type { Touch } from './lead';
import type { QualificationDefinition } from './schema/qualification.schema';
import { parseInstant, type FieldValue } from './values';

/**
 * The lead's touches after an update: each touch-source property holding a new instant is one
 * touch of its kind; touches the pipeline read from engagements are added as they are. Duplicates
 * (same kind, same instant) count once; only the newest `keep` are kept.
 */
export function mergeTouches(
  current: readonly Touch[],
  properties: Readonly<Record<string, FieldValue>>,
  explicit: readonly Touch[],
  definition: QualificationDefinition['touches'],
): Touch[] {
  const fromProperties = definition.sources.flatMap((source) => {
    const at = parseInstant(properties[source.property]);
    return at === null ? [] : [{ kind: source.kind, at }];
  });
  const byKey = new Map<string, Touch>();
  for (const touch of [...current, ...fromProperties, ...explicit])
    byKey.set(`${touch.kind}@${touch.at}`, { kind: touch.kind, at: touch.at });
  return [...byKey.values()].sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind)).slice(-definition.keep);
}
