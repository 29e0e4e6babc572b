import { salesforceId } from '../../../src/shared/ids';
import type { LeadEvent } from '../../../src/protocol';
import {
  contactChanged,
  effectsOf,
  eventId,
  handedOffLead,
  ny,
  OTHER_REP,
  qualifiedProperties,
  REP,
  run,
  transitions,
} from './engine-harness';

const { lead: handedOff } = handedOffLead();
const at = ny('2026-06-01T11:00');

function manual(event: Record<string, unknown> & { type: LeadEvent['type'] }): LeadEvent {
  return { id: eventId('admin'), at, actor: 'revops@corvid.example', ...event } as LeadEvent;
}

describe('manual actions from the admin API', () => {
  it('accepts on Sales’ behalf and tells Salesforce through Status', () => {
    const { lead, decisions } = run(handedOff, [manual({ type: 'manual.accept' })]);
    expect(lead.stage).toBe('accepted');
    expect(effectsOf(decisions, 'salesforce.update')[0]?.fields).toEqual(
      expect.objectContaining({ Status: 'Working - Contacted', Lead_Protocol_Stage__c: 'accepted' }),
    );
    expect(effectsOf(decisions, 'audit')[0]?.cause.actor).toBe('revops@corvid.example');
  });

  it('refuses to accept a lead that was never handed off, and records why', () => {
    const nurturing = run(null, [contactChanged(at, { ...qualifiedProperties(at), demo_requested_date: null })]).lead;
    const { lead, decisions } = run(nurturing, [manual({ type: 'manual.accept' })]);
    expect(lead.stage).toBe('nurturing');
    expect(decisions[0]?.refused).toEqual({
      from: 'nurturing',
      to: 'accepted',
      cause: 'sales_accepted',
      reason: 'no transition from nurturing to accepted',
    });
    expect(effectsOf(decisions, 'audit')).toEqual([
      expect.objectContaining({ kind: 'refused', from: 'nurturing', to: 'accepted' }),
    ]);
    expect(effectsOf(decisions, 'salesforce.update')).toEqual([]);
  });

  it('rejects with a code, writing Status and the code to Salesforce', () => {
    const { lead, decisions } = run(handedOff, [
      manual({ type: 'manual.reject', code: 'NO_BUDGET', note: 'Budget frozen until Q1' }),
    ]);
    expect(lead.stage).toBe('recycled');
    expect(effectsOf(decisions, 'salesforce.update')[0]?.fields).toEqual(
      expect.objectContaining({ Status: 'Closed - Not Converted', Rejection_Code__c: 'NO_BUDGET' }),
    );
    expect(effectsOf(decisions, 'audit').map((audit) => audit.detail)).toContain('Budget frozen until Q1');
  });

  it('treats an admin rejection with an unlisted code as the same violation', () => {
    const { lead } = run(handedOff, [manual({ type: 'manual.reject', code: 'WHATEVER' })]);
    expect(lead.rejection).toEqual(expect.objectContaining({ code: 'WHATEVER', valid: false, violation: true }));
  });

  it('requalifies a disqualified lead: back to nurturing, scored, and handed off again if it passes', () => {
    const disqualified = run(handedOff, [manual({ type: 'manual.disqualify', note: 'Test account' })]).lead;
    expect(disqualified.stage).toBe('disqualified');
    expect(disqualified.timers).toEqual([]);
    const { decisions } = run(disqualified, [manual({ type: 'manual.requalify' })]);
    expect(transitions(decisions)).toEqual([
      'disqualified->nurturing (manual_requalify)',
      'nurturing->mql (qualified)',
      'mql->handed_off (handoff)',
    ]);
  });

  it('refuses to requalify a retired contact or a lead Sales holds', () => {
    const retired = run(handedOff, [
      manual({ type: 'manual.disqualify' }),
      {
        type: 'hubspot.contact.deleted',
        id: eventId('del'),
        at,
        contactId: handedOff.hubspotContactId!,
        privacy: false,
      },
    ]).lead;
    expect(run(retired, [manual({ type: 'manual.requalify' })]).decisions[0]?.refused?.reason).toContain('retired');
    expect(run(handedOff, [manual({ type: 'manual.requalify' })]).decisions[0]?.refused).toEqual(
      expect.objectContaining({ from: 'handed_off', to: 'nurturing' }),
    );
  });

  it('reassigns to a named owner, or to the next by routing', () => {
    const named = run(handedOff, [manual({ type: 'manual.reassign', ownerId: salesforceId('005EM0000000001YAA') })]);
    expect(effectsOf(named.decisions, 'salesforce.reassign')[0]?.routing.assign).toEqual({
      kind: 'owner',
      ownerId: '005EM0000000001YAA',
    });
    expect(named.lead.ownerId).toBe('005EM0000000001YAA');
    const routed = run(handedOff, [manual({ type: 'manual.reassign' })]);
    expect(effectsOf(routed.decisions, 'salesforce.reassign')[0]?.routing.assign).toEqual({
      kind: 'pool',
      pool: 'americas-sdr',
      members: [OTHER_REP, '005AM0000000003YAA'],
    });
    expect(routed.lead.ownerId).toBe(REP);
  });

  it('refuses to reassign a lead that is not with Sales', () => {
    const nurturing = run(null, [contactChanged(at, { ...qualifiedProperties(at), demo_requested_date: null })]).lead;
    expect(run(nurturing, [manual({ type: 'manual.reassign' })]).decisions[0]?.refused?.reason).toBe(
      'a nurturing lead is not with Sales, so it has no owner to change',
    );
  });
});
