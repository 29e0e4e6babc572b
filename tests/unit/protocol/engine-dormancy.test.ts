import { salesforceId } from '../../../src/shared/ids';
import type { Lead, LeadEvent } from '../../../src/protocol';
import {
  effectsOf,
  eventId,
  handedOffLead,
  ny,
  REP,
  run,
  SF_LEAD,
  salesforceChanged,
  transitions,
} from './engine-harness';
import { protocolWith } from './fixtures';

const working = run(handedOffLead().lead, [
  salesforceChanged(ny('2026-06-01T11:00'), { Status: 'Working - Contacted' }),
  {
    type: 'salesforce.activity.logged',
    id: eventId('task'),
    at: ny('2026-06-02T10:00'),
    salesforceId: SF_LEAD,
    object: 'Lead',
    activityId: salesforceId('00T000000000001AAA'),
    activityAt: ny('2026-06-02T10:00'),
    kind: 'task',
  },
]).lead;

function sweep(at: number): LeadEvent {
  return { type: 'dormancy.sweep', id: eventId('sweep'), at };
}

describe('the dormancy sweep', () => {
  it('leaves a lead with recent activity alone', () => {
    const { decisions, lead } = run(working, [sweep(ny('2026-06-20T03:00'))]);
    expect(decisions[0]?.ignored).toBe('the lead has had activity recently');
    expect(lead).toBe(working);
  });

  it('makes a working lead dormant after 21 days without activity, and notifies the manager', () => {
    const at = ny('2026-06-24T03:00');
    const { lead, decisions } = run(working, [sweep(at)]);
    expect(transitions(decisions)).toEqual(['working->dormant (dormant)']);
    expect(lead.dormantAt).toBe(at);
    expect(effectsOf(decisions, 'salesforce.task')).toEqual([
      expect.objectContaining({ recipient: 'owner_manager', ownerId: REP, reason: 'dormancy' }),
    ]);
    expect(lead.salesFeedback).toBe('Dormant: no sales activity since 2026-06-02 (the protocol allows 21 days).');
    expect(effectsOf(decisions, 'hubspot.update')[0]?.properties).toEqual(
      expect.objectContaining({ leadpact_stage: 'dormant' }),
    );
  });

  it('wakes a dormant lead when Sales works it again', () => {
    const dormant = run(working, [sweep(ny('2026-06-24T03:00'))]).lead;
    const at = ny('2026-06-25T10:00');
    const { decisions } = run(dormant, [
      salesforceChanged(at, {}, SF_LEAD, { lastActivityAt: Date.parse('2026-06-25') }),
    ]);
    expect(transitions(decisions)).toEqual(['dormant->working (activity)']);
  });

  it('ignores leads Sales has not accepted', () => {
    const { decisions } = run(handedOffLead().lead, [sweep(ny('2026-07-30T03:00'))]);
    expect(decisions[0]?.ignored).toBe('a handed_off lead cannot go dormant');
  });

  it.each<[string, string, Partial<Lead>, string[]]>([
    [
      'return_to_marketing',
      'recycle',
      { stage: 'recycled', recycleCount: 1 },
      ['working->dormant (dormant)', 'dormant->recycled (dormancy_recycle)'],
    ],
    [
      'disqualify',
      'disqualify',
      { stage: 'disqualified' },
      ['working->dormant (dormant)', 'dormant->disqualified (dormancy_disqualify)'],
    ],
  ])('applies the action the protocol names: %s', (action, _what, expected, path) => {
    const variant = protocolWith((doc) => {
      doc.setIn(['dormancy', 'action'], action);
      if (action === 'return_to_marketing') doc.setIn(['dormancy', 'recycleAfterDays'], 60);
    });
    const { lead, decisions } = run(working, [sweep(ny('2026-06-24T03:00'))], variant);
    expect(lead).toEqual(expect.objectContaining(expected));
    expect(transitions(decisions)).toEqual(path);
    if (action === 'return_to_marketing')
      expect(effectsOf(decisions, 'salesforce.update')[0]?.fields.Status).toBe('Closed - Not Converted');
  });
});
