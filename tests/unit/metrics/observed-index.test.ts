import { observedIndex, observedIndexOf, type ObservedInputs } from '../../../src/metrics/observed-index';
import { readFileSync } from 'node:fs';
import { loadProtocol } from '../../../src/config/load-protocol';
import { DEFAULT_OBSERVED_INDEX } from '../../../src/protocol';
import { observedIndexSchema } from '../../../src/protocol/schema/observed-index.schema';

/** SLA compliance, first touch on time, feedback coverage, wastage, sleeping share, over these many leads. */
function period(values: readonly [number, number, number, number, number]): ObservedInputs {
  const [sla, firstTouch, feedback, wastage, sleeping] = values;
  return {
    handedOff: 412,
    figures: {
      slaCompliance: { value: sla, denominator: 380 },
      firstTouchOnTime: { value: firstTouch, denominator: 300 },
      feedbackCoverage: { value: feedback, denominator: 96 },
      wastageRate: { value: wastage, denominator: 430 },
      sleepingShare: { value: sleeping, denominator: 210 },
    },
  };
}

/** The figures of the demo that issue 19 reported as 83.2 "integrated". */
const demo = period([0.726, 0.627, 1, 0.28, 0.157]);
const good = period([0.96, 0.95, 1, 0.15, 0.04]);

describe('the observed alignment index', () => {
  it('stays below "aligned" with the demo figures: late first touches hold it down', () => {
    const index = observedIndex(demo);
    // First touch on time: (0.627 − 0.6) ÷ 0.35 = 0.077 → 26.2 on the scale; one band above is 46.2.
    expect(index.band).toBe('defined');
    expect(index.score).toBeCloseTo(20 + 80 * (0.027 / 0.35) + 20, 6);
    expect(index.heldDownBy).toBe('firstTouchOnTime');
    expect(index.withheld).toBeNull();
    const firstTouch = index.components.find((c) => c.id === 'firstTouchOnTime');
    expect(firstTouch?.explanation).toBe('63 % of 300; scores 0 at 60 %, 1 at 95 %');
  });

  it('counts first touch on time and the sleeping share among its figures', () => {
    const ids = observedIndex(demo).components.map((c) => c.id);
    expect(ids).toEqual(['slaCompliance', 'firstTouchOnTime', 'feedbackCoverage', 'wastageRate', 'sleepingShare']);
    const sleepier = observedIndex({
      ...good,
      figures: { ...good.figures, sleepingShare: { value: 0.3, denominator: 210 } },
    });
    expect(sleepier.score).toBeLessThan(observedIndex(good).score ?? 0);
  });

  it('reaches "integrated" only when every figure is at its good level', () => {
    expect(observedIndex(good)).toMatchObject({ score: 100, band: 'integrated', heldDownBy: null });
  });

  it('gives no score and no band below the minimum number of leads, and says how many it has', () => {
    const few = observedIndex({ ...demo, handedOff: 12 });
    expect(few).toMatchObject({
      score: null,
      band: null,
      withheld: 'not enough leads yet: 12 of 30 handed off',
    });
  });

  it('leaves out a figure computed over too few leads, and says so', () => {
    const index = observedIndex({
      ...good,
      figures: { ...good.figures, feedbackCoverage: { value: 0, denominator: 3 } },
    });
    expect(index.components.find((c) => c.id === 'feedbackCoverage')).toMatchObject({
      score: null,
      explanation: 'left out: 3 leads behind it, fewer than 10',
    });
    expect(index.score).toBe(100);
  });

  it('follows the weights and scales of the protocol', () => {
    const settings = observedIndexSchema.parse({
      weakestLinkPoints: 80,
      figures: { firstTouchOnTime: { weight: 0 }, slaCompliance: { poor: 0.5, good: 0.75 } },
    });
    const index = observedIndex(demo, settings);
    expect(index.components.find((c) => c.id === 'firstTouchOnTime')?.score).toBeNull();
    expect(index.components.find((c) => c.id === 'slaCompliance')?.score).toBeCloseTo(0.904, 3);
    // No weakest-link ceiling at 80 points: the plain weighted mean of the four figures left.
    expect(index.score).toBeCloseTo(20 + (80 * (0.226 / 0.25 + 1 + 0.42 / 0.5 + 0.143 / 0.25)) / 4, 6);
    expect(index.heldDownBy).toBeNull();
  });

  it('reads the stored metrics of a period', () => {
    const values: Record<string, { value: number | null; denominator: number | null }> = {
      handed_off: { value: 412, denominator: null },
      sla_compliance: demo.figures.slaCompliance,
      first_touch_on_time: demo.figures.firstTouchOnTime,
      feedback_coverage: demo.figures.feedbackCoverage,
      wastage_rate: demo.figures.wastageRate,
      sleeping_share: demo.figures.sleepingShare,
    };
    const index = observedIndexOf((metric) => values[metric] ?? { value: null, denominator: null });
    expect(index.score).toBe(observedIndex(demo).score);
  });
});

describe('the protocol section observedIndex', () => {
  it('has defaults, so a protocol without it is read as before', () => {
    expect(DEFAULT_OBSERVED_INDEX).toMatchObject({ minimumLeads: 30, minimumPerFigure: 10, weakestLinkPoints: 20 });
    expect(DEFAULT_OBSERVED_INDEX.figures.wastageRate).toEqual({ weight: 1, poor: 0.7, good: 0.2 });
    const loaded = loadProtocol(readFileSync('config/protocol.yaml', 'utf8'), 'protocol.yaml');
    expect(loaded.ok && loaded.value.observedIndex).toEqual(DEFAULT_OBSERVED_INDEX);
  });

  it('refuses a scale whose poor and good levels are the same, and all weights at 0', () => {
    const same = observedIndexSchema.safeParse({ figures: { slaCompliance: { poor: 0.9, good: 0.9 } } });
    expect(same.error?.issues[0]).toMatchObject({
      path: ['figures', 'slaCompliance', 'good'],
      message: 'poor and good must differ',
    });
    const zero = Object.fromEntries(
      ['slaCompliance', 'firstTouchOnTime', 'feedbackCoverage', 'wastageRate', 'sleepingShare'].map((f) => [
        f,
        { weight: 0 },
      ]),
    );
    expect(observedIndexSchema.safeParse({ figures: zero }).error?.issues[0]?.message).toBe(
      'at least one figure needs a weight above 0',
    );
  });
});
