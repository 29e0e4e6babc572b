import { describeProtocolDiff, diffProtocols } from '../../../src/protocol';
import { leadId } from '../../../src/shared/ids';
import {
  contactChanged,
  handedOffLead,
  ny,
  protocol,
  qualifiedProperties,
  run,
  salesforceChanged,
} from './engine-harness';
import { protocolWith } from './fixtures';

describe('diffProtocols (check --dry-run)', () => {
  const at = ny('2026-06-01T10:00');
  const nurturing = run(null, [
    contactChanged(at, {
      ...qualifiedProperties(at),
      demo_requested_date: null,
      last_pricing_page_view: String(at),
      recent_conversion_date: String(at),
    }),
  ]).lead;
  const { lead: handedOff } = handedOffLead();
  const acceptedLate = {
    ...run(handedOff, [salesforceChanged(ny('2026-06-01T15:00'), { Status: 'Working - Contacted' })]).lead,
    id: leadId('11111111-2222-4333-8444-555555555555'),
  };

  it('counts who would qualify under a lower readiness threshold', () => {
    const lenient = protocolWith((doc) => doc.setIn(['qualification', 'readiness', 'threshold'], 25));
    const diff = diffProtocols(protocol, lenient, [nurturing, handedOff], at);
    expect(diff).toEqual(expect.objectContaining({ leads: 2, qualifiedBefore: 1, qualifiedAfter: 2 }));
    expect(diff.qualification).toEqual([
      { leadId: nurturing.id, lead: 'jane.doe@acme.io', before: false, after: true },
    ]);
  });

  it('judges each lead as of when it was last judged, not as of today', () => {
    const months = at + 120 * 86_400_000;
    const stricter = protocolWith((doc) => doc.setIn(['qualification', 'fit', 'threshold'], 90));
    const diff = diffProtocols(protocol, stricter, [handedOff], months);
    // The demo request is four months old today, but it was two days old when the lead was judged.
    expect(diff).toEqual(expect.objectContaining({ leads: 1, qualifiedBefore: 1, qualifiedAfter: 0 }));
    expect(diff.qualification).toEqual([
      { leadId: handedOff.id, lead: 'jane.doe@acme.io', before: true, after: false },
    ]);
    expect(diff.rules['readiness demo-request']).toEqual({ before: 1, after: 1 });
    const text = describeProtocolDiff(diff, { before: '2026.1', after: '2026.2' });
    expect(text).toContain('qualified: 1 -> 0 (-1; 0 would qualify, 1 would not any more)');
    expect(text).toContain('    jane.doe@acme.io: would not');
  });

  it('shows the differences per rule: a new rule, changed points, a removed rule', () => {
    const edited = protocolWith((doc) => {
      doc.setIn(['qualification', 'fit', 'rules', 1, 'points'], 30);
      doc.deleteIn(['qualification', 'fit', 'rules', 7]);
      doc.addIn(['qualification', 'fit', 'rules'], {
        id: 'in-massachusetts',
        property: 'state',
        equals: 'MA',
        points: 5,
        reason: 'Near the office',
      });
    });
    const diff = diffProtocols(protocol, edited, [nurturing, handedOff], at);
    expect(diff.rules['fit in-massachusetts']).toEqual({ before: null, after: 2 });
    expect(diff.rules['fit competitor']).toEqual({ before: 0, after: null });
    expect(diff.points['fit icp-size']).toEqual({ before: 20, after: 30 });
    const text = describeProtocolDiff(diff, { before: '2026.1', after: '2026.2' });
    expect(text).toContain('    fit icp-size (+20 -> +30 points): 2 -> 2');
    expect(text).toContain('    fit in-massachusetts (new, +5 points): - -> 2');
    expect(text).toContain('    fit competitor (removed): 0 -> -');
    expect(text).not.toContain('fit senior-title');
  });

  it('shows where the qualified leads would be routed', () => {
    const eastCoast = protocolWith((doc) => doc.setIn(['routing', 'territories', 1, 'when', 'regions'], ['NY', 'NJ']));
    const diff = diffProtocols(protocol, eastCoast, [nurturing, handedOff], at);
    expect(diff.territories).toEqual({
      americas: { before: 1, after: 0 },
      unassigned: { before: 0, after: 1 },
    });
    expect(describeProtocolDiff(diff, { before: '2026.1', after: '2026.2' })).toContain('    americas: 1 -> 0');
  });

  it('shows which acceptance outcomes a longer window would change', () => {
    const slower = protocolWith((doc) => doc.setIn(['sla', 'accept', 'businessHours'], 6));
    const diff = diffProtocols(protocol, slower, [handedOff, acceptedLate], ny('2026-06-01T15:30'));
    expect(diff.sla).toEqual([
      { leadId: handedOff.id, lead: 'jane.doe@acme.io', before: 'breached', after: 'open' },
      { leadId: acceptedLate.id, lead: 'jane.doe@acme.io', before: 'breached', after: 'met' },
    ]);
    expect(diff.outcomes).toEqual({
      met: { before: 0, after: 1 },
      breached: { before: 2, after: 0 },
      open: { before: 0, after: 1 },
    });
    expect(describeProtocolDiff(diff, { before: '2026.1', after: '2026.2' })).toContain(
      'acceptance SLA outcomes: met 0 -> 1, breached 2 -> 0, open 0 -> 1; 2 leads would end otherwise',
    );
  });
});
