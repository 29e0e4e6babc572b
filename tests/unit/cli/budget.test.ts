import { budgetDecision, DEFAULT_BUDGET } from '../../../src/app/backfill-budget';

const usage = (
  over: Partial<{
    dailyUsed: number | null;
    dailyLimit: number | null;
    windowRemaining: number | null;
    windowLimit: number | null;
  }>,
) => ({
  calls: 1,
  dailyUsed: null,
  dailyLimit: null,
  windowRemaining: null,
  windowLimit: null,
  ...over,
});

describe('the backfill stays inside the API budget', () => {
  it('goes on while the CRM reports room, or reports nothing', () => {
    expect(budgetDecision(usage({}))).toEqual({ kind: 'go' });
    expect(
      budgetDecision(usage({ dailyUsed: 79_000, dailyLimit: 100_000, windowRemaining: 3, windowLimit: 100 })),
    ).toEqual({ kind: 'go' });
  });

  it('stops at 80% of the daily allocation and says why', () => {
    const decision = budgetDecision(
      usage({ dailyUsed: 80_000, dailyLimit: 100_000, windowRemaining: 90, windowLimit: 100 }),
    );
    expect(decision).toEqual({
      kind: 'stop',
      reason: expect.stringContaining('80% of the daily API allocation is used (80000 of 100000)'),
    });
  });

  it('follows a stricter policy when given one', () => {
    expect(
      budgetDecision(usage({ dailyUsed: 500, dailyLimit: 1_000 }), { ...DEFAULT_BUDGET, maxDailyShare: 0.5 }).kind,
    ).toBe('stop');
  });
});
