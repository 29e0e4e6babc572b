import { salesforceId } from '../../../src/shared/ids';
import {
  effectsOf,
  eventId,
  handedOffLead,
  iso,
  LEAD,
  ny,
  REP,
  run,
  protocol,
  SF_LEAD,
  salesforceChanged,
  transitions,
} from './engine-harness';

const { lead: handedOff } = handedOffLead();
const HOUR = 3_600_000;
const DAY = 86_400_000;

describe('Sales accepts through Status', () => {
  const at = ny('2026-06-01T12:30');
  const { lead, decisions } = run(handedOff, [salesforceChanged(at, { Status: 'Working - Contacted' })]);

  it('moves the lead to accepted with its time to accept in business minutes', () => {
    expect(transitions(decisions)).toEqual(['handed_off->accepted (sales_accepted)']);
    expect(lead.acceptedAt).toBe(at);
    expect(lead.timeToAcceptMin).toBe(150);
  });

  it('meets the acceptance clock and cancels its timers, leaving the first-touch clock running', () => {
    expect(lead.sla?.accept.state).toBe('met');
    expect(lead.sla?.firstTouch.state).toBe('running');
    expect(lead.slaStatus).toBe('on_track');
    const cancelled = effectsOf(decisions, 'timer.cancel').map((effect) => effect.key);
    expect(cancelled).toHaveLength(2);
    expect(lead.timers.map((timer) => timer.timer)).toEqual([
      { kind: 'sla_warning', clock: 'first_touch' },
      { kind: 'sla_due', clock: 'first_touch' },
    ]);
  });

  it('writes the acceptance to both CRMs', () => {
    expect(effectsOf(decisions, 'salesforce.update')[0]?.fields).toEqual({
      Lead_Protocol_Stage__c: 'accepted',
      Accepted_At__c: iso(at),
      Time_To_Accept_Min__c: 150,
    });
    expect(effectsOf(decisions, 'hubspot.update')[0]?.properties).toEqual({
      leadpact_stage: 'accepted',
      lifecyclestage: 'salesqualifiedlead',
      hs_lead_status: 'OPEN',
      leadpact_sales_feedback: 'Accepted by Sales on 2026-06-01.',
      leadpact_time_to_accept_min: 150,
    });
  });

  it('becomes working at the first touch, which meets the first-touch clock', () => {
    const touchAt = ny('2026-06-01T15:00');
    const next = run(lead, [
      {
        type: 'salesforce.activity.logged',
        id: eventId('task'),
        at: touchAt + 1000,
        salesforceId: SF_LEAD,
        object: 'Lead',
        activityId: salesforceId('00T000000000001AAA'),
        activityAt: touchAt,
        kind: 'task',
      },
    ]);
    expect(transitions(next.decisions)).toEqual(['accepted->working (first_touch)']);
    expect(next.lead.firstTouchAt).toBe(touchAt);
    expect(next.lead.timeToFirstTouchMin).toBe(300);
    expect(next.lead.slaStatus).toBe('met');
    expect(effectsOf(next.decisions, 'salesforce.update')[0]?.fields).toEqual({
      Lead_Protocol_Stage__c: 'working',
      SLA_Status__c: 'Met',
      First_Touch_At__c: iso(touchAt),
      Time_To_First_Touch_Min__c: 300,
    });
    expect(effectsOf(next.decisions, 'hubspot.update')[0]?.properties).toEqual(
      expect.objectContaining({
        leadpact_stage: 'working',
        leadpact_sla_status: 'Met',
        leadpact_time_to_first_touch_min: 300,
      }),
    );
    expect(next.lead.timers).toEqual([]);
  });

  it('writes time to first touch under the names the protocol gives it', () => {
    const renamed = {
      ...protocol,
      writeBack: {
        ...protocol.writeBack,
        salesforce: { ...protocol.writeBack.salesforce, timeToFirstTouchMin: 'Minutes_To_First_Call__c' },
        hubspot: { ...protocol.writeBack.hubspot, timeToFirstTouchMin: 'corvid_minutes_to_first_call' },
      },
    };
    const touchAt = ny('2026-06-01T15:00');
    const next = run(
      lead,
      [
        {
          type: 'salesforce.activity.logged',
          id: eventId('task'),
          at: touchAt + 1000,
          salesforceId: SF_LEAD,
          object: 'Lead',
          activityId: salesforceId('00T000000000001AAA'),
          activityAt: touchAt,
          kind: 'task',
        },
      ],
      renamed,
    );
    const fields = effectsOf(next.decisions, 'salesforce.update')[0]?.fields ?? {};
    expect(fields['Minutes_To_First_Call__c']).toBe(300);
    expect(fields).not.toHaveProperty('Time_To_First_Touch_Min__c');
    expect(effectsOf(next.decisions, 'hubspot.update')[0]?.properties['corvid_minutes_to_first_call']).toBe(300);
  });

  it('does nothing more when Salesforce repeats the same Status', () => {
    const again = run(lead, [salesforceChanged(at + 1000, { Status: 'Working - Contacted' })]);
    expect(transitions(again.decisions)).toEqual([]);
    expect(effectsOf(again.decisions, 'salesforce.update')).toEqual([]);
  });
});

describe('a touch before acceptance', () => {
  it('counts a touch Salesforce stamped in the second of the hand-off (it keeps whole seconds), not one from an earlier second', () => {
    const handoffAt = handedOff.handedOffAt ?? 0;
    const touch = (activityAt: number) =>
      ({
        type: 'salesforce.activity.logged',
        id: eventId(`task-${activityAt}`),
        at: handoffAt + 1000,
        salesforceId: SF_LEAD,
        object: 'Lead',
        activityId: salesforceId('00T000000000001AAA'),
        activityAt,
        kind: 'task',
      }) as const;
    const sameSecond = Math.floor(handoffAt / 1000) * 1000;
    expect(handoffAt - sameSecond).toBeGreaterThanOrEqual(0);
    expect(run(handedOff, [touch(sameSecond)]).lead.firstTouchAt).toBe(sameSecond);
    expect(run(handedOff, [touch(sameSecond - 1000)]).lead.firstTouchAt).toBeNull();
  });

  it('records the first touch but is no acceptance: the acceptance clock keeps running', () => {
    const touchAt = ny('2026-06-01T11:00');
    const { lead, decisions } = run(handedOff, [
      {
        type: 'salesforce.activity.logged',
        id: eventId('task'),
        at: touchAt,
        salesforceId: SF_LEAD,
        object: 'Lead',
        activityId: salesforceId('00T000000000001AAA'),
        activityAt: touchAt,
        kind: 'task',
      },
    ]);
    expect(lead.stage).toBe('handed_off');
    expect(lead.firstTouchAt).toBe(touchAt);
    expect(lead.sla?.accept.state).toBe('running');
    expect(transitions(decisions)).toEqual([]);
    // 10:00 to 11:00 New York business time: the touch's 60 minutes reach both CRMs at once.
    expect(effectsOf(decisions, 'salesforce.update')[0]?.fields).toEqual(
      expect.objectContaining({ First_Touch_At__c: iso(touchAt), Time_To_First_Touch_Min__c: 60 }),
    );
    expect(effectsOf(decisions, 'hubspot.update')[0]?.properties).toEqual(
      expect.objectContaining({ leadpact_time_to_first_touch_min: 60 }),
    );
    const accepted = run(lead, [salesforceChanged(touchAt + HOUR, { Status: 'Working - Contacted' })]);
    expect(transitions(accepted.decisions)).toEqual([
      'handed_off->accepted (sales_accepted)',
      'accepted->working (first_touch)',
    ]);
  });
});

describe('Sales rejects with a code', () => {
  const at = ny('2026-06-01T11:00');

  it('recycles on NOT_READY: back to nurturing in HubSpot with the date to re-engage, and a recycle timer', () => {
    const { lead, decisions } = run(handedOff, [
      salesforceChanged(at, { Status: 'Closed - Not Converted', Rejection_Code__c: 'NOT_READY' }),
    ]);
    expect(transitions(decisions)).toEqual([
      'handed_off->rejected (sales_rejected)',
      'rejected->recycled (rejection_recycle)',
    ]);
    expect(lead.rejection).toEqual({
      code: 'NOT_READY',
      valid: true,
      violation: false,
      action: 'recycle',
      at,
      note: null,
    });
    expect(lead.recycleCount).toBe(1);
    expect(lead.reengageAt).toBe(at + 90 * DAY);
    expect(lead.sla?.accept.state).toBe('met');
    expect(lead.slaStatus).toBe('met');
    expect(effectsOf(decisions, 'hubspot.update')[0]?.properties).toEqual({
      leadpact_stage: 'recycled',
      lifecyclestage: 'lead',
      hs_lead_status: 'BAD_TIMING',
      leadpact_sla_status: 'Met',
      leadpact_rejection_code: 'NOT_READY',
      leadpact_sales_feedback:
        'Rejected by Sales: NOT_READY (Not ready to buy yet). Back to nurturing; re-engage on 2026-08-30.',
      leadpact_reengage_at: String(at + 90 * DAY),
    });
    expect(lead.timers.map((timer) => [timer.timer.kind, timer.fireAt])).toEqual([['recycle_due', at + 90 * DAY]]);
  });

  it('brings a recycled lead back to scoring on its re-engage date', () => {
    const recycled = run(handedOff, [
      salesforceChanged(at, { Status: 'Closed - Not Converted', Rejection_Code__c: 'NOT_READY' }),
    ]).lead;
    const back = run(recycled, [
      {
        type: 'timer.fired',
        id: recycled.timers[0]!.key,
        at: recycled.reengageAt!,
        leadId: LEAD,
        key: recycled.timers[0]!.key,
        timer: recycled.timers[0]!.timer,
      },
    ]);
    // The demo request is 90 days old by then: readiness no longer passes.
    expect(transitions(back.decisions)).toEqual(['recycled->nurturing (recycle_due)']);
    expect(back.lead.qualification?.readiness.passed).toBe(false);
  });

  it('disqualifies on NOT_ICP', () => {
    const { lead, decisions } = run(handedOff, [
      salesforceChanged(at, { Status: 'Closed - Not Converted', Rejection_Code__c: 'NOT_ICP' }),
    ]);
    expect(transitions(decisions)).toEqual([
      'handed_off->rejected (sales_rejected)',
      'rejected->disqualified (rejection_disqualify)',
    ]);
    expect(lead.salesFeedback).toBe('Rejected by Sales: NOT_ICP (Not our ideal customer). Disqualified.');
  });

  it('returns the lead to Marketing on BAD_DATA, with Marketing’s fix-data clock, and re-scores it when the data changes', () => {
    const { lead, decisions } = run(handedOff, [
      salesforceChanged(at, { Status: 'Closed - Not Converted', Rejection_Code__c: 'BAD_DATA' }),
    ]);
    expect(transitions(decisions)).toEqual([
      'handed_off->rejected (sales_rejected)',
      'rejected->nurturing (rejection_fix_data)',
    ]);
    expect(lead.pendingMarketingAction).toEqual(expect.objectContaining({ action: 'fix_data', since: at }));
    expect(lead.timers.map((timer) => timer.timer.kind)).toEqual(['marketing_due']);

    const fixedAt = at + HOUR;
    const fixed = run(lead, [
      {
        type: 'hubspot.contact.changed',
        id: eventId('hs'),
        at: fixedAt,
        leadId: LEAD,
        contactId: lead.hubspotContactId!,
        properties: { ...lead.crm.hubspot, phone: '+1 617 555 0100' },
      },
    ]);
    expect(transitions(fixed.decisions)).toEqual(['nurturing->mql (qualified)', 'mql->handed_off (handoff)']);
    expect(fixed.lead.pendingMarketingAction).toBeNull();
    expect(fixed.lead.rejection).toBeNull();
    const again = effectsOf(fixed.decisions, 'salesforce.handoff')[0];
    expect(again).toEqual(
      expect.objectContaining({ handoffKey: `${LEAD}:handoff:2`, existing: { id: SF_LEAD, object: 'Lead' } }),
    );
    // The earlier cycle's rejection code and acceptance are cleared on the record.
    expect(again?.leadFields).toEqual(
      expect.objectContaining({
        Status: 'Open - Not Contacted',
        Handoff_At__c: iso(fixedAt),
        Rejection_Code__c: null,
        Accepted_At__c: null,
      }),
    );
  });

  it('disqualifies a DUPLICATE and asks Marketing to merge it; the HubSpot merge settles it', () => {
    const { lead, decisions } = run(handedOff, [
      salesforceChanged(at, { Status: 'Closed - Not Converted', Rejection_Code__c: 'DUPLICATE' }),
    ]);
    expect(transitions(decisions)).toEqual([
      'handed_off->rejected (sales_rejected)',
      'rejected->disqualified (rejection_merge)',
    ]);
    expect(lead.pendingMarketingAction?.action).toBe('merge');
    const merged = run(lead, [
      {
        type: 'hubspot.contact.merged',
        id: eventId('merge'),
        at: at + HOUR,
        contactId: lead.hubspotContactId!,
        survivorId: lead.hubspotContactId!,
        mergedIds: [],
        survivorHasLead: false,
      },
    ]);
    expect(merged.lead.pendingMarketingAction).toBeNull();
    expect(effectsOf(merged.decisions, 'timer.cancel')).toHaveLength(1);
  });

  it('reports Marketing when it lets its own SLA run out', () => {
    const { lead } = run(handedOff, [
      salesforceChanged(at, { Status: 'Closed - Not Converted', Rejection_Code__c: 'DUPLICATE' }),
    ]);
    const timer = lead.timers[0]!;
    const due = run(lead, [
      { type: 'timer.fired', id: timer.key, at: timer.fireAt, leadId: LEAD, key: timer.key, timer: timer.timer },
    ]);
    expect(due.lead.pendingMarketingAction?.breached).toBe(true);
    expect(effectsOf(due.decisions, 'audit').map((audit) => audit.detail)).toEqual([
      'marketing_sla_breached: Marketing did not merge the duplicate within its SLA',
    ]);
    expect(effectsOf(due.decisions, 'metric')).toEqual([
      { type: 'metric', name: 'protocol.violation', value: 1, labels: { kind: 'marketing_sla_breached' } },
    ]);
  });
});

describe('a rejection without a valid code', () => {
  const at = ny('2026-06-01T11:00');
  const { lead, decisions } = run(handedOff, [salesforceChanged(at, { Status: 'Closed - Not Converted' })]);

  it('is recorded as a protocol violation, and the lead waits, rejected', () => {
    expect(lead.stage).toBe('rejected');
    expect(lead.rejection).toEqual({ code: null, valid: false, violation: true, action: null, at, note: null });
    expect(effectsOf(decisions, 'metric')).toContainEqual({
      type: 'metric',
      name: 'protocol.violation',
      value: 1,
      labels: { kind: 'rejection_without_code' },
    });
  });

  it('is fed back to both sides: HubSpot reads it, the owner gets a task', () => {
    expect(effectsOf(decisions, 'hubspot.update')[0]?.properties.leadpact_sales_feedback).toBe(
      'Protocol violation: Sales rejected this lead without a rejection code. Waiting for a valid code (NOT_ICP, NOT_READY, NO_BUDGET, BAD_DATA, WRONG_PERSON, DUPLICATE, EXISTING_CUSTOMER, COMPETITOR).',
    );
    expect(effectsOf(decisions, 'salesforce.task')).toEqual([
      expect.objectContaining({
        recipient: 'owner',
        ownerId: REP,
        whoId: SF_LEAD,
        reason: 'rejection_violation',
        subject: 'Lead protocol: give this rejection a valid reason code',
      }),
    ]);
  });

  it('names an unlisted code in the violation', () => {
    const unknown = run(handedOff, [
      salesforceChanged(at, { Status: 'Closed - Not Converted', Rejection_Code__c: 'MEH' }),
    ]);
    expect(unknown.lead.rejection).toEqual(expect.objectContaining({ code: 'MEH', valid: false, violation: true }));
    expect(effectsOf(unknown.decisions, 'metric')).toContainEqual(
      expect.objectContaining({ labels: { kind: 'rejection_unknown_code' } }),
    );
  });

  it('lets Sales take the rejection back by accepting the lead', () => {
    const accepted = run(lead, [salesforceChanged(at + HOUR, { Status: 'Working - Contacted' })]);
    expect(transitions(accepted.decisions)).toEqual(['rejected->accepted (sales_accepted)']);
    expect(accepted.lead.rejection).toBeNull();
  });

  it('applies the action once Sales supplies a listed code, keeping the violation on record', () => {
    const fixed = run(lead, [salesforceChanged(at + HOUR, { Rejection_Code__c: 'NOT_ICP' })]);
    expect(transitions(fixed.decisions)).toEqual(['rejected->disqualified (rejection_disqualify)']);
    expect(fixed.lead.rejection).toEqual(
      expect.objectContaining({ code: 'NOT_ICP', valid: true, violation: true, action: 'disqualify' }),
    );
  });
});
