import { checkProtocolFile, loadProtocol } from '../../../src/config/load-protocol';
import { HUBSPOT_DEFAULT_CONTACT_PROPERTIES } from '../../../src/config/hubspot-contact-properties';
import { defaultDefinitions } from '../../../connectors/hubspot/simulator/default-properties';
import { MARKETING_PROPERTIES } from '../../../src/demo/marketing-properties';
import { hasValidSalesforceSuffix, salesforceIdSuffix } from '../../../src/shared/ids';
import { exampleVariant, readConfig } from './fixtures';

const KNOWN = [...HUBSPOT_DEFAULT_CONTACT_PROPERTIES, ...MARKETING_PROPERTIES.properties.map((p) => p.name)];

function check(text: string, storedVersions?: ReadonlyMap<string, string>) {
  return checkProtocolFile(text, 'protocol.yaml', { knownHubspotProperties: KNOWN, storedVersions });
}

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`no line with ${needle}`);
  return index + 1;
}

describe('Salesforce id checksums', () => {
  it('computes the suffix from the case of the first 15 characters (Salesforce help 000385008)', () => {
    expect(salesforceIdSuffix('005AM0000000001')).toBe('YAA');
    expect(salesforceIdSuffix('00GXX0000000001')).toBe('2AA');
    expect(salesforceIdSuffix('a0B5g00000AbCdE')).toBe('EAV');
    expect(hasValidSalesforceSuffix('005AM0000000001YAA')).toBe(true);
    expect(hasValidSalesforceSuffix('005AM0000000001yaa')).toBe(true);
    expect(hasValidSalesforceSuffix('005AM0000000001AAA')).toBe(false);
    expect(hasValidSalesforceSuffix('005AM0000000001')).toBe(true);
  });

  it('ships both protocol files with valid ids, and says nothing about them', () => {
    for (const name of ['protocol.yaml', 'protocol.example.yaml']) {
      const report = check(readConfig(name));
      expect(report.problems).toEqual([]);
      expect(report.warnings).toEqual([]);
    }
  });

  it('refuses an 18-character id whose suffix does not match, naming its path, the right suffix and where to copy it', () => {
    const text = exampleVariant((doc) =>
      doc.setIn(['routing', 'pools', 'americas-sdr', 'members', 1], '005AM0000000002AAA'),
    );
    const loaded = loadProtocol(text, 'protocol.yaml');
    expect(loaded.ok).toBe(false);
    const report = check(text);
    expect(report.ok).toBe(false);
    expect(report.report).toContain(`protocol.yaml:${lineOf(text, '005AM0000000002AAA')}:`);
    expect(report.report).toContain(
      'routing.pools.americas-sdr.members[1]: 005AM0000000002AAA is not a valid Salesforce id ' +
        "(its last three characters should be YAA); copy the id from the user's page in Setup → Users",
    );
  });

  it('refuses a queue id with a wrong suffix, and takes a 15-character id as it is', () => {
    const text = exampleVariant((doc) => {
      doc.setIn(['routing', 'fallback', 'queueId'], '00GXX0000000001AAA');
      doc.setIn(['routing', 'territories', 0, 'assign', 'owner'], '005AM0000012345');
    });
    const report = check(text);
    expect(report.problems.map((p) => p.path)).toEqual(['routing.fallback.queueId']);
    expect(report.problems[0]?.message).toContain('should be 2AA); copy the id from Setup → Queues');
  });
});

describe('leadpact check: what is valid but most likely not meant', () => {
  it('warns about each territory an earlier one always takes first, and about nothing else in them', () => {
    const text = exampleVariant((doc) => doc.deleteIn(['routing', 'territories', 0, 'when']));
    const report = check(text);
    expect(report.ok).toBe(true);
    expect(report.warnings.map((w) => w.path)).toEqual([1, 2, 3].map((i) => `routing.territories[${i}].name`));
    expect(report.warnings[0]?.message).toBe(
      'territory americas can never receive a lead: americas-enterprise (territories[0]) comes first and matches ' +
        'every lead it would match; move americas above it, or narrow americas-enterprise',
    );
  });

  it('warns about each country a wider territory already takes, when the later one keeps others', () => {
    const text = exampleVariant((doc) => doc.deleteIn(['routing', 'territories', 0, 'when', 'segments']));
    const report = check(text);
    expect(report.warnings.map((w) => w.path)).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => `routing.territories[1].when.countries[${i}]`),
    );
    expect(report.warnings[0]?.message).toBe(
      'US is also listed under americas-enterprise (territories[0]), which takes every lead from US before americas ' +
        'is tried; remove it from one of the two',
    );
  });

  it('warns about a territory without criteria placed before others', () => {
    const text = exampleVariant((doc) => doc.deleteIn(['routing', 'territories', 2, 'when']));
    const report = check(text);
    expect(report.warnings.map((w) => w.path)).toEqual(['routing.territories[3].name']);
    expect(report.warnings[0]?.message).toContain('territory apac can never receive a lead: emea');
  });

  it('warns about a country an earlier territory takes whole, at the line of the later listing', () => {
    const text = exampleVariant((doc) => doc.addIn(['routing', 'territories', 3, 'when', 'countries'], 'germany'));
    const report = check(text);
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        path: 'routing.territories[3].when.countries[8]',
        message:
          'germany is also listed under emea (territories[2]), which takes every lead from germany before apac is ' +
          'tried; remove it from one of the two',
      }),
    ]);
  });

  it('says nothing of a country shared with a narrower territory (enterprise US leads, then all US leads)', () => {
    expect(check(readConfig('protocol.example.yaml')).warnings).toEqual([]);
  });

  it('warns about a misspelt HubSpot property with the nearest name, even when another mistake stops the load', () => {
    const text = exampleVariant((doc) => {
      doc.setIn(['qualification', 'fit', 'rules', 3, 'property'], 'jobtitel');
      doc.setIn(['routing', 'pools', 'emea-sdr', 'members', 0], '005EM0000000001AAA');
    });
    const report = check(text);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.path)).toEqual(['routing.pools.emea-sdr.members[0]']);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        path: 'qualification.fit.rules[3].property',
        line: lineOf(text, 'jobtitel'),
        message: expect.stringMatching(/^jobtitel — did you mean jobtitle\? /),
      }),
    ]);
    expect(report.report).toMatch(
      /\nwarning: protocol\.yaml:\d+:\d+: qualification\.fit\.rules\[3\]\.property: jobtitel/,
    );
  });

  it('takes custom property names far from any known one as the portal’s own', () => {
    const text = exampleVariant((doc) => doc.setIn(['qualification', 'fit', 'rules', 3, 'property'], 'buyer_intent'));
    expect(check(text).warnings).toEqual([]);
  });

  it('refuses a version name already live with another text, and accepts the same text again', () => {
    const text = readConfig('protocol.example.yaml');
    expect(check(text, new Map([['2026.1', text]])).ok).toBe(true);
    const changed = check(text, new Map([['2026.1', `${text}\n# another text`]]));
    expect(changed.ok).toBe(false);
    expect(changed.problems).toEqual([
      expect.objectContaining({
        path: 'version',
        line: lineOf(text, 'version: "2026.1"'),
        message: expect.stringContaining('version "2026.1" has already gone live with a different text'),
      }),
    ]);
  });
});

describe('the default HubSpot contact properties check compares with', () => {
  it('include every default property of the simulated portal', () => {
    const simulated = defaultDefinitions('contacts', 0).map((definition) => definition.name);
    expect(simulated.filter((name) => !HUBSPOT_DEFAULT_CONTACT_PROPERTIES.includes(name))).toEqual([]);
  });
});
