import { renderAlignmentPack } from '../../../src/metrics/render-pack';
import { renderScorecard } from '../../../src/metrics/render-scorecard';
import { sampleScorecard, slice, values } from './sample-scorecard';

describe('the scorecard as text and JSON', () => {
  it('prints each number with the counts behind it and its change, for a reader without a browser', () => {
    const text = renderScorecard(sampleScorecard(), 'text');
    expect(text).toMatch(/^LEAD PROTOCOL SCORECARD: March 2026\n1 Mar 2026 – 31 Mar 2026, compared with February 2026/);
    expect(text).toMatch(/Acceptance rate\s+70\.0 %\s+21 of 30\s+50\.0 %\s+\+20\.0 pts better/);
    expect(text).toMatch(/SLA compliance\s+75\.0 %\s+18 of 24\s+90\.0 %\s+−15\.0 pts worse/);
    expect(text).toMatch(/Time to accept \(median\)\s+1\.6 h\s+n = 21\s+1\.7 h\s+−5 min\n/);
    expect(text).toMatch(/Observed index\s+58\.0\s+defined/);
  });

  it('gives the JSON of the data itself, so other tools read the same numbers', () => {
    const data = sampleScorecard();
    expect(JSON.parse(renderScorecard(data, 'json'))).toEqual(JSON.parse(JSON.stringify(data)));
  });
});

describe('the scorecard as HTML', () => {
  it('escapes what came from the CRMs (campaign names, codes) and loads nothing from elsewhere', () => {
    const html = renderScorecard(sampleScorecard(), 'html');
    expect(html).toContain('&lt;Spring&gt; | webinar');
    expect(html).not.toContain('<Spring>');
    expect(html).not.toMatch(/<script|(?:src|action)=["']?https?:|url\(\s*["']?https?:/);
    // The only addresses elsewhere are the links to records, which open only when clicked.
    const elsewhere = html.match(/https?:\/\/(?!www\.w3\.org\/2000\/svg)[^"]*/g) ?? [];
    expect(elsewhere).toEqual(['https://acme.my.salesforce.com/lightning/r/Lead/00Q000000000001AAA/view']);
    expect(html).toContain('href="https://acme.my.salesforce.com/lightning/r/Lead/00Q000000000001AAA/view"');
  });

  it('shows the questionnaire only when there is somewhere to send it', () => {
    expect(renderScorecard(sampleScorecard(), 'html')).not.toContain('<form');
    const served = renderScorecard(sampleScorecard(), 'html', { formAction: 'diagnostic/responses' });
    expect(served).toContain('<form class="diagnostic" method="post" action="diagnostic/responses">');
    expect(served.match(/name="answer\.[a-z-]+" value="5"/g)).toHaveLength(20);
  });
});

describe('the monthly alignment pack', () => {
  const current = sampleScorecard();
  const previous = sampleScorecard({
    period: sampleScorecard().previousPeriod,
    overall: sampleScorecard().previous,
    observed: { score: 50, band: 'defined', withheld: null, heldDownBy: null, components: [] },
    slices: {
      campaign: [
        slice('701000000000001AAA', {
          acceptance_rate: [4, 10, 0.4],
          wastage_rate: [9, 15, 0.6],
          sla_compliance: [6, 8, 0.75],
        }),
      ],
      source: [],
      territory: [],
      owner: [],
      team: [],
    },
  });

  it('says in Markdown what improved, what got worse and which campaigns moved', () => {
    const md = renderAlignmentPack(current, previous, 'markdown');
    expect(md).toMatch(
      /^# Alignment pack: March 2026\n\n_For the joint Sales and Marketing meeting · compared with February 2026_/,
    );
    expect(md).toContain(
      '## What improved\n\n- Wastage rate: 47.5 % (was 68.4 %, −20.9 pts)\n- Acceptance rate: 70.0 % (was 50.0 %, +20.0 pts)',
    );
    expect(md).toContain('## What got worse\n\n- SLA compliance: 75.0 % (was 90.0 %, −15.0 pts)');
    expect(md).toContain('| 701000000000001AAA | Acceptance rate | 40.0 % | 60.0 % | better |');
    expect(md).toContain('Observed in the data: 58.0, defined (was 50.0).');
  });

  it('lists rejection reasons as a Pareto and the leads left behind, escaping table cells', () => {
    const md = renderAlignmentPack(current, previous, 'markdown');
    expect(md).toContain(
      '| NOT_ICP | 3 | 50.0 % | 50.0 % |\n| NO_BUDGET | 2 | 33.3 % | 83.3 % |\n| (no code) | 1 | 16.7 % | 100.0 % |',
    );
    expect(md).toContain(
      '| [Ada Lovelace](<https://acme.my.salesforce.com/lightning/r/Lead/00Q000000000001AAA/view>) | Analytical Engines | Spring \\| EMEA | Dana Reyes | accepted | not pursued | 9 |',
    );
  });

  it('puts concrete questions on the agenda from the numbers', () => {
    const md = renderAlignmentPack(current, previous, 'markdown');
    expect(md).toContain('- 2 rejections had no valid agreed code: how should Sales record them?');
    expect(md).toContain('- 6 acceptance SLAs were breached: is the window right, or the routing?');
    expect(md).toContain('- 1 lead is waiting on someone (listed above): assign, recycle or close it.');
    expect(md).toContain(
      '- Marketing and Sales see the relationship 19 points apart; start with “When results disappoint',
    );
    expect(md).toContain('- The teams believe the relationship is aligned; the data says defined.');
  });

  it('writes the same content as a standalone HTML page with the charts inline', () => {
    const html = renderAlignmentPack(current, previous, 'html');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h2>What got worse</h2><ul><li>SLA compliance: 75.0 % (was 90.0 %, −15.0 pts)</li>');
    expect(html).toContain('data-marker="observed" data-value="58.0"');
    expect(html).toContain('data-stage="won" data-value="2"');
  });

  it('says when nothing moved rather than printing empty sections', () => {
    const flat = sampleScorecard({ previous: sampleScorecard().overall });
    const md = renderAlignmentPack(flat, sampleScorecard({ overall: sampleScorecard().overall }), 'markdown');
    expect(md).toContain('## What improved\n\nNothing improved by a meaningful margin.');
    expect(md).toContain('## What got worse\n\nNothing got worse by a meaningful margin.');
    expect(values({}).mqls).toEqual({ numerator: null, denominator: null, value: null });
  });
});
