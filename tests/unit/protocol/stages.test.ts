import { STAGES, TRANSITIONS, validateTransition } from '../../../src/protocol';

describe('the stage machine', () => {
  it('has the stages of DESIGN.md', () => {
    expect(STAGES).toEqual([
      'new',
      'nurturing',
      'mql',
      'handed_off',
      'accepted',
      'rejected',
      'working',
      'converted',
      'won',
      'lost',
      'recycled',
      'disqualified',
      'dormant',
    ]);
  });

  it('leaves won and lost as final stages', () => {
    expect(TRANSITIONS.filter((rule) => rule.from.includes('won') || rule.from.includes('lost'))).toEqual([]);
  });

  it('can reach every stage from new', () => {
    const reached = new Set<string>(['new']);
    for (let changed = true; changed;) {
      changed = false;
      for (const rule of TRANSITIONS) {
        if (!reached.has(rule.to) && rule.from.some((from) => reached.has(from))) {
          reached.add(rule.to);
          changed = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...STAGES].sort());
  });

  it.each([
    ['new', 'mql', 'qualified'],
    ['mql', 'handed_off', 'handoff'],
    ['handed_off', 'accepted', 'sales_accepted'],
    ['handed_off', 'rejected', 'sales_rejected'],
    ['accepted', 'working', 'first_touch'],
    ['working', 'converted', 'converted'],
    ['converted', 'won', 'won'],
    ['rejected', 'recycled', 'rejection_recycle'],
    ['recycled', 'nurturing', 'recycle_due'],
    ['working', 'dormant', 'dormant'],
    ['dormant', 'working', 'activity'],
    ['dormant', 'recycled', 'sla_escalation'],
  ] as const)('allows %s -> %s on %s', (from, to, cause) => {
    expect(validateTransition(from, to, cause).ok).toBe(true);
  });

  it.each([
    ['nurturing', 'won', 'won', 'no transition from nurturing to won'],
    ['mql', 'accepted', 'sales_accepted', 'no transition from mql to accepted'],
    [
      'handed_off',
      'accepted',
      'first_touch',
      'handed_off -> accepted is allowed only on sales_accepted, not on first_touch',
    ],
    ['won', 'lost', 'lost', 'no transition from won to lost'],
    ['accepted', 'accepted', 'sales_accepted', 'the lead is already accepted'],
  ] as const)('refuses %s -> %s on %s, saying why', (from, to, cause, reason) => {
    const result = validateTransition(from, to, cause);
    expect(result).toEqual({ ok: false, error: { from, to, cause, reason } });
  });

  it('needs an explicit acceptance: a touch never accepts a handed-off lead', () => {
    expect(TRANSITIONS.some((rule) => rule.from.includes('handed_off') && rule.to === 'working')).toBe(false);
  });
});
