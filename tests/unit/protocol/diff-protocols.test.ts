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
    expect(diff.qualification).toEqual([{ leadId: nurturing.id, before: false, after: true }]);
  });

  it('shows which acceptance outcomes a longer window would change', () => {
    const slower = protocolWith((doc) => doc.setIn(['sla', 'accept', 'businessHours'], 6));
    const diff = diffProtocols(protocol, slower, [handedOff, acceptedLate], ny('2026-06-01T15:30'));
    expect(diff.sla).toEqual([
      { leadId: handedOff.id, before: 'breached', after: 'open' },
      { leadId: acceptedLate.id, before: 'breached', after: 'met' },
    ]);
    expect(describeProtocolDiff(diff, { before: '2026.1', after: '2026.2' })).toContain(
      'acceptance SLA outcomes that differ: 2',
    );
  });
});
