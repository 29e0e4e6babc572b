import { ALL_KEY, NONE_KEY, type Aggregate } from '../../../src/metrics/catalogue';
import { resolvePeriod } from '../../../src/metrics/period';
import { ownerLabel, salesforceRecordUrl, type Directory } from '../../../src/metrics/record-names';
import { renderScorecard } from '../../../src/metrics/render-scorecard';
import { renderAlignmentPack } from '../../../src/metrics/render-pack';
import { scorecardModel, type ScorecardInputs } from '../../../src/metrics/scorecard-model';
import type { LeftBehindLead } from '../../../src/metrics/series';

const NOW = Date.parse('2026-04-02T09:00:00Z');
const DANA = '0055g00000A1b2CAAR';
const GONE = '0055g00000Z9y8XAAR';
const QUEUE = '00G5g00000Q1q2QEAR';
const RETIRED = '0055g00000R7r7RAAR';
const ORG = 'https://acme.my.salesforce.com';

const directory: Directory = {
  owners: new Map([
    [DANA, { kind: 'user', name: 'Dana Reyes', active: true }],
    [RETIRED, { kind: 'user', name: 'Rob Old', active: false }],
    [QUEUE, { kind: 'queue', name: 'EMEA leads', active: null }],
    [GONE, { kind: 'user', name: null, active: null }],
  ]),
  instanceUrl: `${ORG}/`,
};

function lead(overrides: Partial<LeftBehindLead>): LeftBehindLead {
  return {
    leadId: '6f1c2f0e-8a4b-4f6e-9a51-0d5f3c2b1a00',
    salesforceId: '00Q5g00000L1l1LEAR',
    salesforceObject: 'Lead',
    hubspotContactId: '501',
    name: 'Ada Lovelace',
    company: 'Analytical Engines',
    email: 'ada@engines.example',
    owner: DANA,
    campaign: 'Spring webinar',
    stage: 'accepted',
    reason: 'not_pursued',
    since: NOW - 9 * 86_400_000,
    ...overrides,
  };
}

const ownerRow = (key: string, mqls: number): Aggregate => ({
  dimension: 'owner',
  key,
  metric: 'mqls',
  numerator: mqls,
  denominator: null,
  value: mqls,
});

function inputs(leftBehind: readonly LeftBehindLead[], dir: Directory = directory): ScorecardInputs {
  const pair = resolvePeriod('previous-month', NOW, 'UTC');
  if (!pair.ok) throw new Error(pair.error);
  const rows: Aggregate[] = [
    { dimension: 'all', key: ALL_KEY, metric: 'mqls', numerator: 9, denominator: null, value: 9 },
    ownerRow(DANA, 4),
    ownerRow(QUEUE, 3),
    ownerRow(GONE, 1),
    ownerRow(NONE_KEY, 1),
  ];
  return {
    generatedAt: NOW,
    timeZone: 'UTC',
    periods: pair.value,
    thresholds: { dormancyDays: 14, notPursuedDays: 7 },
    current: { period: pair.value.current, computedAt: NOW, rows },
    previous: { period: pair.value.previous, computedAt: NOW, rows: [] },
    sliceLimit: 10,
    slaTrend: [],
    timeToAccept: [],
    diagnostic: {
      respondents: { marketing: 0, sales: 0 },
      marketing: null,
      sales: null,
      gap: null,
      overall: null,
      band: null,
      statements: [],
      bankEdited: false,
    },
    leftBehind,
    directory: dir,
  };
}

describe('owner names', () => {
  it('shows users and queues by name, and says when a user can no longer log in', () => {
    expect(ownerLabel(DANA, directory)).toBe('Dana Reyes');
    expect(ownerLabel(QUEUE, directory)).toBe('EMEA leads (queue)');
    expect(ownerLabel(RETIRED, directory)).toBe('Rob Old (inactive)');
    expect(ownerLabel(null, directory)).toBe('no owner');
    expect(ownerLabel(NONE_KEY, directory)).toBe('no owner');
  });

  it('shows an owner Salesforce does not know, or not read yet, as its id and "(unknown user)"', () => {
    expect(ownerLabel(GONE, directory)).toBe(`${GONE} (unknown user)`);
    expect(ownerLabel('0055g00000N0n0NAAR', directory)).toBe('0055g00000N0n0NAAR (unknown user)');
    expect(ownerLabel('00G5g00000N0n0NEAR', directory)).toBe('00G5g00000N0n0NEAR (unknown queue)');
  });

  it('names the owner slices of the scorecard, largest first, keeping the id as the key', () => {
    const data = scorecardModel(inputs([]));
    expect(data.slices.owner.map((s) => [s.key, s.label])).toEqual([
      [DANA, 'Dana Reyes'],
      [QUEUE, 'EMEA leads (queue)'],
      [NONE_KEY, 'no owner'],
      [GONE, `${GONE} (unknown user)`],
    ]);
    const html = renderScorecard(data, 'html');
    expect(html).toContain(`<tr data-key="${DANA}"><td>Dana Reyes</td>`);
    expect(html).toContain(`<td>${GONE} (unknown user)</td>`);
  });
});

describe('leads left behind', () => {
  it('carry the name, the company, the owner by name and a link that opens the record', () => {
    const [named] = scorecardModel(inputs([lead({})])).leftBehind;
    expect(named).toMatchObject({
      label: 'Ada Lovelace',
      company: 'Analytical Engines',
      ownerName: 'Dana Reyes',
      recordUrl: `${ORG}/lightning/r/Lead/00Q5g00000L1l1LEAR/view`,
    });
  });

  it('link a Contact as a Contact, and fall back to the e-mail, then the id, for a lead with no name', () => {
    const data = scorecardModel(
      inputs([
        lead({ salesforceObject: 'Contact', salesforceId: '0035g00000C1c1CAAR', name: null }),
        lead({ salesforceId: null, salesforceObject: null, name: null, email: null, owner: null }),
      ]),
    );
    expect(data.leftBehind.map((l) => [l.label, l.recordUrl, l.ownerName])).toEqual([
      ['ada@engines.example', `${ORG}/lightning/r/Contact/0035g00000C1c1CAAR/view`, 'Dana Reyes'],
      ['HubSpot 501', null, 'no owner'],
    ]);
  });

  it('have no link until the org’s URL is known, and never one that is not a web address', () => {
    const unlinked = scorecardModel(inputs([lead({})], { ...directory, instanceUrl: null }));
    expect(unlinked.leftBehind[0]?.recordUrl).toBeNull();
    expect(unlinked.salesforceUrl).toBeNull();
    expect(salesforceRecordUrl('javascript:alert(1)//', 'Lead', '00Q5g00000L1l1LEAR')).toBeNull();
  });

  it('appear by name with their link in the text report, the HTML pack and the Markdown pack', () => {
    const data = scorecardModel(inputs([lead({ owner: GONE })]));
    const link = `${ORG}/lightning/r/Lead/00Q5g00000L1l1LEAR/view`;
    const text = renderScorecard(data, 'text');
    expect(text).toContain(
      `  Ada Lovelace, Analytical Engines: accepted, not pursued, owner ${GONE} (unknown user)\n    ${link}`,
    );
    const html = renderAlignmentPack(data, data, 'html');
    expect(html).toContain(`<a href="${link}" target="_blank" rel="noopener noreferrer">Ada Lovelace</a>`);
    const md = renderAlignmentPack(data, data, 'markdown');
    expect(md).toContain(
      `| [Ada Lovelace](<${link}>) | Analytical Engines | Spring webinar | ${GONE} (unknown user) | accepted |`,
    );
  });
});
