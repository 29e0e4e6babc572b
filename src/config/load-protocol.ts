import { z } from 'zod';
import { loadYaml, validateYaml, type LoadedYaml } from './yaml-loader';
import { dotted } from './yaml-limits';
import { lintProtocol, type LintFinding } from './protocol-lint';
import { ConfigError, formatProblem, type ConfigProblem } from '../shared/errors';
import { err, ok, type Result } from '../shared/result';
import { crossSectionProblems, type CheckedSections } from '../protocol/schema/cross-checks';
import { MAX_MATCHED_LENGTH } from '../protocol/schema/pattern.schema';
import { protocolSchema, protocolSections, type Protocol } from '../protocol/schema/protocol.schema';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function calendarNames(value: unknown): string[] | undefined {
  const names = z.record(z.string(), z.unknown()).safeParse(value);
  return names.success ? Object.keys(names.data) : undefined;
}

/**
 * Cross-section checks over the sections that are valid on their own, so that a broken section
 * elsewhere does not hide a dangling calendar reference or an unreachable threshold.
 */
function validSections(loaded: LoadedYaml): CheckedSections | undefined {
  const raw = z.record(z.string(), z.unknown()).safeParse(loaded.value);
  if (!raw.success) return undefined;
  const pick = <S extends z.ZodType>(schema: S, key: string): z.output<S> | undefined => {
    const parsed = schema.safeParse(raw.data[key]);
    return parsed.success ? parsed.data : undefined;
  };
  const sections: CheckedSections = {
    qualification: pick(protocolSections.qualification, 'qualification'),
    handoff: pick(protocolSections.handoff, 'handoff'),
    routing: pick(protocolSections.routing, 'routing'),
    calendarNames: calendarNames(raw.data.calendars),
    sla: pick(protocolSections.sla, 'sla'),
    fieldSync: pick(protocolSections.fieldSync, 'fieldSync'),
    salesStatus: pick(protocolSections.salesStatus, 'salesStatus'),
    writeBack: pick(protocolSections.writeBack, 'writeBack'),
  };
  return sections;
}

function sectionwiseProblems(loaded: LoadedYaml, source: string): readonly ConfigProblem[] {
  const sections = validSections(loaded);
  if (sections === undefined) return [];
  const problems = crossSectionProblems(sections);
  const reporter = z.unknown().superRefine((_value, ctx) => {
    for (const problem of problems) ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
  });
  const reported = validateYaml(reporter, loaded, source);
  return reported.ok ? [] : reported.error.problems;
}

function merge(...lists: readonly (readonly ConfigProblem[])[]): ConfigProblem[] {
  const seen = new Set<string>();
  const merged: ConfigProblem[] = [];
  for (const problem of lists.flat()) {
    const key = `${problem.path}\u0000${problem.message}`;
    if (!seen.has(key)) merged.push(problem);
    seen.add(key);
  }
  return merged.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** A file that is not a mapping has no sections to check: one problem says so, not one per missing section. */
function shapeProblem(loaded: LoadedYaml): ConfigProblem | undefined {
  const { value } = loaded;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return undefined;
  const is =
    value === null || value === undefined ? 'is empty' : Array.isArray(value) ? 'is a list' : 'is a single value';
  const where = loaded.locate([]) ?? { line: 1, column: 1 };
  const message = `a protocol file is a mapping of sections (version:, approval:, qualification:, ...); this one ${is}`;
  return { path: '(root)', message, line: where.line, column: where.column };
}

/**
 * Parses and validates a protocol file: YAML syntax, the strict schema and the cross-section
 * checks, every problem with its dotted path, line and column. The protocol comes back frozen.
 */
export function loadProtocol(text: string, source: string): Result<Protocol, ConfigError> {
  const loaded = loadYaml(text, source);
  if (!loaded.ok) return loaded;
  const shape = shapeProblem(loaded.value);
  if (shape !== undefined) return err(new ConfigError('PROTOCOL_INVALID', source, [shape]));
  const whole = validateYaml(protocolSchema, loaded.value, source);
  if (whole.ok) return ok(deepFreeze(whole.value));
  const problems = merge(whole.error.problems, sectionwiseProblems(loaded.value, source));
  const onlyApproval = problems.every((problem) => problem.path === 'approval' || problem.path.startsWith('approval.'));
  return err(new ConfigError(onlyApproval ? 'PROTOCOL_NOT_APPROVED' : 'PROTOCOL_INVALID', source, problems));
}

export interface CheckReport {
  /** No errors: the protocol loads and nothing in it would stop leads (warnings may remain). */
  readonly ok: boolean;
  readonly problems: readonly ConfigProblem[];
  /** What is valid but most likely not meant (a territory no lead reaches, a misspelt property). */
  readonly warnings: readonly ConfigProblem[];
  /** What `leadpact check FILE` prints. */
  readonly report: string;
}

export interface CheckOptions {
  /** HubSpot contact properties known to exist, to catch a misspelt one (see protocol-lint.ts). */
  readonly knownHubspotProperties?: Iterable<string> | undefined;
  /** The text stored under each version name that has gone live (from the database), when known. */
  readonly storedVersions?: ReadonlyMap<string, string> | undefined;
}

function describe(protocol: Protocol, source: string): string {
  const { approval, qualification, routing, sla, rejection, dormancy } = protocol;
  const territories = routing.territories.map((territory) => territory.name).join(', ');
  const rules = [...qualification.fit.rules, ...qualification.readiness.rules];
  const patterns = rules.filter((rule) => rule.matches !== undefined).length;
  return [
    `${source}: valid lead protocol, version ${protocol.version}${protocol.company === undefined ? '' : ` (${protocol.company})`}`,
    `  approved by ${approval.marketingOwner.name} (marketing) and ${approval.salesOwner.name} (sales)`,
    `  fit: ${qualification.fit.rules.length} rules, threshold ${qualification.fit.threshold}; readiness: ${qualification.readiness.rules.length} rules, threshold ${qualification.readiness.threshold}`,
    `  territories: ${territories}, then the fallback queue; calendars: ${Object.keys(protocol.calendars).join(', ')}`,
    `  SLA: accept within ${sla.accept.businessHours} business hours, first touch within ${sla.firstTouch.businessHours}; ${rejection.codes.length} rejection codes; dormant after ${dormancy.afterDays} days`,
    ...(patterns === 0
      ? []
      : [
          `  patterns: ${patterns} (RE2: linear time, no lookaround or backreferences), each matched on a value's first ${MAX_MATCHED_LENGTH.toLocaleString('en-US')} characters`,
        ]),
  ].join('\n');
}

function located(loaded: LoadedYaml, path: readonly (string | number)[], message: string): ConfigProblem {
  const where = loaded.locate(path);
  const problem = { path: dotted(path), message };
  return where === undefined ? problem : { ...problem, line: where.line, column: where.column };
}

/** A version name stands for one text: a reused name would stamp leads with rules they were not judged by. */
function reusedVersion(protocol: Protocol, text: string, stored: ReadonlyMap<string, string> | undefined) {
  const before = stored?.get(protocol.version);
  if (before === undefined || before === text) return [];
  return [
    {
      severity: 'error' as const,
      path: ['version'],
      message:
        `version "${protocol.version}" has already gone live with a different text; a version name always means ` +
        'one text, so give this one a new version (for example with a date or a letter added)',
    },
  ];
}

function problemLine(source: string, problem: ConfigProblem, prefix = ''): string {
  return problem.line === undefined
    ? `${prefix}${source}: ${formatProblem(problem)}`
    : `${prefix}${source}:${problem.line}:${problem.column ?? 1}: ${problem.path}: ${problem.message}`;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * The report of `leadpact check FILE`: a summary when valid, else one line per problem
 * (file:line:column); then the warnings, each with its line. Errors make `ok` false.
 */
export function checkProtocolFile(text: string, source: string, options: CheckOptions = {}): CheckReport {
  const loaded = loadProtocol(text, source);
  const yaml = loadYaml(text, source);
  // A file that does not load is still linted section by section: one mistake never hides another.
  const sections = loaded.ok ? loaded.value : yaml.ok ? validSections(yaml.value) : undefined;
  const findings = [
    ...(loaded.ok ? reusedVersion(loaded.value, text, options.storedVersions) : []),
    ...(sections === undefined
      ? []
      : lintProtocol(sections, { knownHubspotProperties: options.knownHubspotProperties ?? [] })),
  ];
  const place = (finding: LintFinding): ConfigProblem =>
    yaml.ok
      ? located(yaml.value, finding.path, finding.message)
      : { path: dotted(finding.path), message: finding.message };
  const problems = [
    ...(loaded.ok ? [] : loaded.error.problems),
    ...findings.filter((finding) => finding.severity === 'error').map(place),
  ];
  const warnings = findings
    .filter((finding) => finding.severity === 'warning')
    .map(place)
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const warned = warnings.map((warning) => problemLine(source, warning, 'warning: '));
  if (loaded.ok && problems.length === 0)
    return { ok: true, problems, warnings, report: [describe(loaded.value, source), ...warned].join('\n') };
  const lines = problems.map((problem) => problemLine(source, problem));
  const advice = loaded.ok ? [] : [`hint: ${hint(loaded.error)}`];
  const report = [`${source}: ${count(problems.length, 'problem')}`, ...lines, ...warned, ...advice].join('\n');
  return { ok: false, problems, warnings, report };
}

function hint(error: ConfigError): string {
  return error.code === 'PROTOCOL_NOT_APPROVED'
    ? 'both approval.marketingOwner and approval.salesOwner must name who agreed this version'
    : 'fix each problem at the line named; unknown keys are errors so that a typo never passes silently';
}
