import type { HandoffDefinition } from './handoff.schema';
import type { FieldSyncDefinition } from './mapping.schema';
import type { QualificationDefinition, ScoreDefinition } from './qualification.schema';
import type { RoutingDefinition } from './routing.schema';
import type { SlaDefinition } from './sla.schema';
import type { SalesStatusDefinition, WriteBackNames } from './write-back.schema';

/** The sections a cross-section check reads; a section that failed its own schema is absent. */
export interface CheckedSections {
  readonly qualification?: QualificationDefinition | undefined;
  readonly handoff?: HandoffDefinition | undefined;
  readonly routing?: RoutingDefinition | undefined;
  /** The calendars' names: references are checked even when a calendar itself is invalid. */
  readonly calendarNames?: readonly string[] | undefined;
  readonly sla?: SlaDefinition | undefined;
  readonly fieldSync?: FieldSyncDefinition | undefined;
  readonly salesStatus?: SalesStatusDefinition | undefined;
  readonly writeBack?: WriteBackNames | undefined;
}

export interface SectionProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

function reachability(axis: 'fit' | 'readiness', score: ScoreDefinition): SectionProblem[] {
  const best = score.rules.reduce((sum, rule) => sum + Math.max(0, rule.points), 0);
  return score.threshold > best
    ? [
        {
          path: ['qualification', axis, 'threshold'],
          message: `threshold ${score.threshold} is unreachable: the rules give at most ${best} points`,
        },
      ]
    : [];
}

function touchKinds(qualification: QualificationDefinition): SectionProblem[] {
  const known = new Set(qualification.touches.sources.map((source) => source.kind));
  const problems: SectionProblem[] = [];
  for (const axis of ['fit', 'readiness'] as const) {
    qualification[axis].rules.forEach((rule, index) => {
      for (const kind of rule.touches?.kinds ?? []) {
        if (!known.has(kind)) {
          problems.push({
            path: ['qualification', axis, 'rules', index, 'touches', 'kinds'],
            message: `no touch source produces kind "${kind}"`,
          });
        }
      }
    });
  }
  return problems;
}

function calendarReferences(sections: CheckedSections, calendars: ReadonlySet<string>): SectionProblem[] {
  const references: { path: (string | number)[]; name: string }[] = [];
  sections.routing?.territories.forEach((territory, index) =>
    references.push({ path: ['routing', 'territories', index, 'calendar'], name: territory.calendar }),
  );
  if (sections.routing !== undefined)
    references.push({ path: ['routing', 'fallback', 'calendar'], name: sections.routing.fallback.calendar });
  if (sections.sla !== undefined)
    references.push({ path: ['sla', 'marketing', 'calendar'], name: sections.sla.marketing.calendar });
  return references
    .filter((reference) => !calendars.has(reference.name))
    .map((reference) => ({ path: reference.path, message: `no calendar "${reference.name}" under calendars` }));
}

function mappingConflicts(
  fieldSync: FieldSyncDefinition,
  writeBack: WriteBackNames,
  salesStatus: SalesStatusDefinition,
): SectionProblem[] {
  const engineSalesforce = new Set<string>([...Object.values(writeBack.salesforce), salesStatus.leadField]);
  if (salesStatus.contactField !== null) engineSalesforce.add(salesStatus.contactField);
  const engineHubspot = new Set<string>(Object.values(writeBack.hubspot));
  const problems: SectionProblem[] = [];
  fieldSync.mapping.forEach((mapping, index) => {
    if (engineSalesforce.has(mapping.salesforce)) {
      problems.push({
        path: ['fieldSync', 'mapping', index, 'salesforce'],
        message: `${mapping.salesforce} is written by leadpact itself and cannot be mapped`,
      });
    }
    if (engineHubspot.has(mapping.hubspot)) {
      problems.push({
        path: ['fieldSync', 'mapping', index, 'hubspot'],
        message: `${mapping.hubspot} is written by leadpact itself and cannot be mapped`,
      });
    }
  });
  return problems;
}

/** Checks that span sections: references resolve, thresholds can be reached, names do not collide. */
export function crossSectionProblems(sections: CheckedSections): SectionProblem[] {
  const problems: SectionProblem[] = [];
  const { qualification, handoff, calendarNames, fieldSync, writeBack, salesStatus } = sections;
  if (qualification !== undefined) {
    problems.push(
      ...reachability('fit', qualification.fit),
      ...reachability('readiness', qualification.readiness),
      ...touchKinds(qualification),
    );
  }
  if (calendarNames !== undefined) problems.push(...calendarReferences(sections, new Set(calendarNames)));
  if (handoff !== undefined && !handoff.requiredProperties.includes(handoff.emailProperty)) {
    problems.push({
      path: ['handoff', 'requiredProperties'],
      message: `must include "${handoff.emailProperty}": hand-off matches existing records on it`,
    });
  }
  if (fieldSync !== undefined && writeBack !== undefined && salesStatus !== undefined) {
    problems.push(...mappingConflicts(fieldSync, writeBack, salesStatus));
  }
  return problems;
}
