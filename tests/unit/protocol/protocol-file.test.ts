import { DEFAULT_WRITE_BACK } from '../../../src/protocol';
import { checkProtocolFile, loadProtocol } from '../../../src/config/load-protocol';
import { exampleProtocol, exampleVariant, readConfig } from './fixtures';

function problemsOf(text: string) {
  const loaded = loadProtocol(text, 'test.yaml');
  if (loaded.ok) throw new Error('expected the protocol to be refused');
  return loaded.error;
}

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`no line with ${needle}`);
  return index + 1;
}

describe('the example protocol', () => {
  it('validates, with every section, and comes back frozen', () => {
    const protocol = exampleProtocol();
    expect(protocol.version).toBe('2026.1');
    expect(protocol.routing.territories.map((t) => t.name)).toEqual([
      'americas-enterprise',
      'americas',
      'emea',
      'apac',
    ]);
    expect(Object.keys(protocol.calendars)).toEqual(['americas', 'emea', 'apac']);
    expect(Object.isFrozen(protocol.qualification.fit.rules)).toBe(true);
  });

  it('is what the demo runs with (config/protocol.yaml validates too)', () => {
    expect(loadProtocol(readConfig('protocol.yaml'), 'protocol.yaml').ok).toBe(true);
  });

  it('gets a one-paragraph summary from `leadpact check`', () => {
    const report = checkProtocolFile(readConfig('protocol.example.yaml'), 'config/protocol.example.yaml');
    expect(report.ok).toBe(true);
    expect(report.report).toContain('valid lead protocol, version 2026.1 (Corvid Analytics)');
    expect(report.report).toContain('approved by Dana Whitfield (marketing) and Marcus Oyelaran (sales)');
  });

  it('marks every number the research does not give as a company choice', () => {
    const text = readConfig('protocol.example.yaml');
    for (const needle of [
      'threshold: 50',
      'threshold: 40',
      'businessHours: 4 ',
      'businessHours: 8 ',
      'afterDays: 21',
    ]) {
      expect(text.split('\n').find((line) => line.includes(needle))).toContain('company choice');
    }
  });
});

describe('a protocol file with five deliberate mistakes', () => {
  const text = readConfig('examples/bad-protocol.yaml');

  it('yields exactly five problems, each at the line of its mistake', () => {
    const error = problemsOf(text);
    expect(error.code).toBe('PROTOCOL_INVALID');
    const found = error.problems.map((problem) => ({ path: problem.path, line: problem.line }));
    expect(found).toEqual([
      { path: 'approval.salesOwner', line: lineOf(text, 'marketingOwner:') },
      { path: 'qualification.fit.rules[0].matches', line: lineOf(text, 'MISTAKE 2') },
      { path: 'routing.territories[1].calendar', line: lineOf(text, 'MISTAKE 3') },
      { path: 'calendars.emea.timeZone', line: lineOf(text, 'MISTAKE 4') },
      { path: 'sla.accept.warnAtPrecent', line: lineOf(text, 'MISTAKE 5') },
    ]);
    expect(error.problems.every((problem) => (problem.column ?? 0) > 0)).toBe(true);
  });

  it('reports them as `leadpact check` prints them, file:line:column first', () => {
    const report = checkProtocolFile(text, 'config/examples/bad-protocol.yaml');
    expect(report.ok).toBe(false);
    const lines = report.report.split('\n');
    expect(lines[0]).toBe('config/examples/bad-protocol.yaml: 5 problems');
    expect(lines.filter((line) => /^config\/examples\/bad-protocol\.yaml:\d+:\d+: /.test(line))).toHaveLength(5);
    expect(report.report).toContain(
      `bad-protocol.yaml:${lineOf(text, 'MISTAKE 5')}:5: sla.accept.warnAtPrecent: unknown key "warnAtPrecent"`,
    );
  });
});

describe('protocol checks', () => {
  it('refuses a protocol without both owners, with the not-approved code', () => {
    const error = problemsOf(exampleVariant((doc) => doc.deleteIn(['approval', 'salesOwner'])));
    expect(error.code).toBe('PROTOCOL_NOT_APPROVED');
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: 'approval.salesOwner',
        message: expect.stringContaining('both a marketing owner and a sales owner'),
      }),
    ]);
    expect(problemsOf(exampleVariant((doc) => doc.delete('approval'))).code).toBe('PROTOCOL_NOT_APPROVED');
  });

  it('refuses an unknown key anywhere, at the key', () => {
    const text = exampleVariant((doc) => doc.setIn(['dormancy', 'aftrDays'], 3));
    expect(problemsOf(text).problems).toEqual([
      expect.objectContaining({ path: 'dormancy.aftrDays', line: lineOf(text, 'aftrDays') }),
    ]);
    expect(problemsOf(exampleVariant((doc) => doc.set('slas', {}))).problems[0]?.path).toBe('slas');
  });

  it('names a missing section as required', () => {
    expect(problemsOf(exampleVariant((doc) => doc.delete('sla'))).problems).toEqual([
      expect.objectContaining({ path: 'sla', message: 'is required' }),
    ]);
  });

  it('refuses a threshold the rules cannot reach', () => {
    const error = problemsOf(exampleVariant((doc) => doc.setIn(['qualification', 'readiness', 'threshold'], 500)));
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: 'qualification.readiness.threshold',
        message: expect.stringContaining('unreachable'),
      }),
    ]);
  });

  it.each([
    [
      'a rule with no operator',
      ['qualification', 'fit', 'rules', 0, 'in'],
      undefined,
      'qualification.fit.rules[0].property',
    ],
    [
      'a touch kind no source produces',
      ['qualification', 'readiness', 'rules', 6, 'touches', 'kinds'],
      ['podcast'],
      'qualification.readiness.rules[6].touches.kinds',
    ],
    [
      'a pool that does not exist',
      ['routing', 'territories', 1, 'assign', 'pool'],
      'nobody',
      'routing.territories[1].assign.pool',
    ],
    [
      'an owner that is not a user id',
      ['routing', 'territories', 0, 'assign', 'owner'],
      '00GXX00000000012AA',
      'routing.territories[0].assign.owner',
    ],
    [
      'working hours that end before they start',
      ['calendars', 'emea', 'hours', 'mon'],
      ['17:00-09:00'],
      'calendars.emea.hours.mon[0]',
    ],
    [
      'overlapping working periods',
      ['calendars', 'apac', 'hours', 'mon'],
      ['09:00-13:00', '12:30-17:00'],
      'calendars.apac.hours.mon',
    ],
    [
      'a holiday that is not a date',
      ['calendars', 'americas', 'holidays', 0],
      '2026-02-30',
      'calendars.americas.holidays[0]',
    ],
    [
      'a recycle code without its delay',
      ['rejection', 'codes', 1, 'recycleAfterDays'],
      undefined,
      'rejection.codes[1].recycleAfterDays',
    ],
    ['a duplicate rejection code', ['rejection', 'codes', 2, 'code'], 'NOT_READY', 'rejection.codes[2].code'],
    [
      'a step after return_to_marketing',
      ['sla', 'accept', 'escalation', 3],
      { afterBusinessHours: 1, action: 'notify_manager' },
      'sla.accept.escalation[3]',
    ],
    [
      'a one-way mapping owned by its target',
      ['fieldSync', 'mapping', 3, 'owner'],
      'salesforce',
      'fieldSync.mapping[3].owner',
    ],
    [
      'a mapping onto a field leadpact writes',
      ['fieldSync', 'mapping', 4, 'salesforce'],
      'Fit_Score__c',
      'fieldSync.mapping[4].salesforce',
    ],
    [
      'a hand-off that does not require the e-mail',
      ['handoff', 'requiredProperties'],
      ['lastname'],
      'handoff.requiredProperties',
    ],
    ['a calendar the marketing SLA cannot find', ['sla', 'marketing', 'calendar'], 'boston', 'sla.marketing.calendar'],
  ])('refuses %s', (_what, path, value, expected) => {
    const text = exampleVariant((doc) =>
      value === undefined ? doc.deleteIn(path) : doc.setIn(path, doc.createNode(value)),
    );
    expect(problemsOf(text).problems.map((problem) => problem.path)).toContain(expected);
  });

  it('reports a YAML syntax error with its line', () => {
    const error = problemsOf('version: 1\napproval: [unclosed\n');
    expect(error.problems[0]).toEqual(expect.objectContaining({ path: '(syntax)', line: expect.any(Number) }));
  });

  it('gives every write-back name its DESIGN.md default when the section is left out', () => {
    const protocol = exampleProtocol();
    expect(protocol.writeBack).toEqual(DEFAULT_WRITE_BACK);
    const bare = loadProtocol(
      exampleVariant((doc) => {
        doc.delete('writeBack');
        doc.delete('salesStatus');
      }),
      'bare.yaml',
    );
    expect(bare.ok && bare.value.writeBack.hubspot.stage).toBe('leadpact_stage');
    expect(bare.ok && bare.value.salesStatus).toEqual({
      leadField: 'Status',
      contactField: null,
      open: 'Open - Not Contacted',
      accepted: ['Working - Contacted'],
      rejected: ['Closed - Not Converted'],
      returned: 'Closed - Not Converted',
    });
  });

  it('refuses two write-back properties with one name', () => {
    const text = exampleVariant((doc) => doc.setIn(['writeBack', 'hubspot', 'outcome'], 'leadpact_stage'));
    expect(problemsOf(text).problems).toEqual([
      expect.objectContaining({
        path: 'writeBack.hubspot.outcome',
        message: '"leadpact_stage" is already used for stage',
      }),
    ]);
  });
});
