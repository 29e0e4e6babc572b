import type { HandoffDefinition } from '../protocol/schema/handoff.schema';
import type { FieldSyncDefinition } from '../protocol/schema/mapping.schema';
import type { QualificationDefinition } from '../protocol/schema/qualification.schema';
import type { RoutingDefinition, Territory } from '../protocol/schema/routing.schema';
import type { WriteBackNames } from '../protocol/schema/write-back.schema';
import { nearestName } from '../shared/nearest-name';

type PathSegment = string | number;

/**
 * Something a valid protocol file says that is very likely not what its authors meant: a warning
 * (leads still move, but a rule or a territory does nothing) or an error (leads would stop).
 */
export interface LintFinding {
  readonly severity: 'error' | 'warning';
  readonly path: readonly PathSegment[];
  readonly message: string;
}

type Axis = 'countries' | 'regions' | 'segments';
const AXES: readonly Axis[] = ['countries', 'regions', 'segments'];

const fold = (value: string) => value.trim().toLowerCase();

/** Whether every lead that meets `later` on this axis also meets `earlier` on it. */
function covers(earlier: Territory, later: Territory, axis: Axis): boolean {
  const wide = earlier.when?.[axis];
  if (wide === undefined) return true;
  const narrow = later.when?.[axis];
  if (narrow === undefined) return false;
  const allowed = new Set(wide.map(fold));
  return narrow.every((value) => allowed.has(fold(value)));
}

function shadowedTerritories(territories: readonly Territory[]): LintFinding[] {
  const findings: LintFinding[] = [];
  territories.forEach((later, j) => {
    const earlier = territories
      .slice(0, j)
      .findIndex((candidate) => AXES.every((axis) => covers(candidate, later, axis)));
    const shadow = territories[earlier];
    if (shadow === undefined) return;
    findings.push({
      severity: 'warning',
      path: ['routing', 'territories', j, 'name'],
      message:
        `territory ${later.name} can never receive a lead: ${shadow.name} (territories[${earlier}]) comes first and ` +
        `matches every lead it would match; move ${later.name} above it, or narrow ${shadow.name}`,
    });
  });
  return findings;
}

/**
 * A country listed under a territory that an earlier territory takes whole (its regions and
 * segments, if any, cover the later one's): no lead from that country ever reaches the later entry.
 */
function duplicateCountries(territories: readonly Territory[], shadowed: ReadonlySet<number>): LintFinding[] {
  const lists = (territory: Territory | undefined, country: string) =>
    territory?.when?.countries?.some((listed) => fold(listed) === fold(country)) === true;
  const findings: LintFinding[] = [];
  territories.forEach((later, j) => {
    if (shadowed.has(j)) return;
    later.when?.countries?.forEach((country, k) => {
      const path = ['routing', 'territories', j, 'when', 'countries', k];
      if (later.when?.countries?.slice(0, k).some((listed) => fold(listed) === fold(country)) === true) {
        findings.push({ severity: 'warning', path, message: `${country} is listed twice in ${later.name}` });
        return;
      }
      const i = territories
        .slice(0, j)
        .findIndex(
          (earlier) =>
            lists(earlier, country) && covers(earlier, later, 'regions') && covers(earlier, later, 'segments'),
        );
      const first = territories[i];
      if (first === undefined) return;
      findings.push({
        severity: 'warning',
        path,
        message:
          `${country} is also listed under ${first.name} (territories[${i}]), which takes every lead from ` +
          `${country} before ${later.name} is tried; remove it from one of the two`,
      });
    });
  });
  return findings;
}

/** The sections the checks read; a section that failed its own schema is absent and not checked. */
export interface LintSections {
  readonly qualification?: QualificationDefinition | undefined;
  readonly handoff?: HandoffDefinition | undefined;
  readonly routing?: RoutingDefinition | undefined;
  readonly fieldSync?: FieldSyncDefinition | undefined;
  readonly writeBack?: WriteBackNames | undefined;
}

type Use = { path: PathSegment[]; name: string | undefined };

/** Every place the sections name a HubSpot contact property, with its path. */
function hubspotPropertyUses({ qualification, handoff, routing, fieldSync }: LintSections): Use[] {
  const uses: Use[] = [];
  for (const axis of ['fit', 'readiness'] as const) {
    qualification?.[axis].rules.forEach((rule, index) =>
      uses.push({ path: ['qualification', axis, 'rules', index, 'property'], name: rule.property }),
    );
  }
  qualification?.touches.sources.forEach((source, index) =>
    uses.push({ path: ['qualification', 'touches', 'sources', index, 'property'], name: source.property }),
  );
  if (handoff !== undefined) {
    for (const list of ['requiredProperties', 'optOutProperties'] as const)
      handoff[list].forEach((name, index) => uses.push({ path: ['handoff', list, index], name }));
    for (const key of ['emailProperty', 'sourceProperty', 'campaignProperty'] as const)
      uses.push({ path: ['handoff', key], name: handoff[key] });
  }
  if (routing !== undefined) {
    for (const key of ['countryProperty', 'regionProperty', 'segmentProperty'] as const)
      uses.push({ path: ['routing', key], name: routing[key] });
  }
  fieldSync?.mapping.forEach((mapping, index) =>
    uses.push({ path: ['fieldSync', 'mapping', index, 'hubspot'], name: mapping.hubspot }),
  );
  return uses;
}

/**
 * A property name that is not a known one but is a letter or two from one ("jobtitel"): a rule
 * over it never holds. Only a warning, since a portal may have a custom property of that name.
 */
function misspeltProperties(sections: LintSections, known: ReadonlySet<string>): LintFinding[] {
  const names = new Set([...known, ...Object.values(sections.writeBack?.hubspot ?? {})]);
  const findings: LintFinding[] = [];
  for (const use of hubspotPropertyUses(sections)) {
    if (use.name === undefined || names.has(use.name)) continue;
    const near = nearestName(use.name, names);
    if (near === undefined) continue;
    findings.push({
      severity: 'warning',
      path: use.path,
      message:
        `${use.name} — did you mean ${near}? It is neither a HubSpot default contact property nor one leadpact ` +
        'knows (if it is a custom property of your portal, `leadpact doctor` confirms it exists)',
    });
  }
  return findings;
}

export interface LintOptions {
  /** HubSpot contact properties known to exist (HubSpot's defaults, the marketing team's declared ones). */
  readonly knownHubspotProperties: Iterable<string>;
}

/** What the sections say that their authors most likely did not mean. */
export function lintProtocol(sections: LintSections, options: LintOptions): LintFinding[] {
  const territories = sections.routing?.territories ?? [];
  const shadows = shadowedTerritories(territories);
  const shadowed = new Set(shadows.map((finding) => finding.path[2] as number));
  return [
    ...shadows,
    ...duplicateCountries(territories, shadowed),
    ...misspeltProperties(sections, new Set(options.knownHubspotProperties)),
  ];
}
