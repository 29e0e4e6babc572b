import { decide } from '../../../src/protocol';
import {
  effectsOf,
  eventId,
  fire,
  handedOffLead,
  iso,
  ny,
  OTHER_REP,
  protocol,
  REP,
  run,
  SF_LEAD,
  salesforceChanged,
  transitions,
} from './engine-harness';

const { lead: handedOff } = handedOffLead();

describe('the acceptance clock', () => {
  const warned = run(handedOff, [fire(handedOff, 'sla_warning', 'accept')]);

  it('turns At Risk at 75% of the window, in both CRMs', () => {
    expect(warned.lead.sla?.accept.state).toBe('at_risk');
    expect(warned.lead.slaStatus).toBe('at_risk');
    expect(effectsOf(warned.decisions, 'salesforce.update')[0]?.fields).toEqual({ SLA_Status__c: 'At Risk' });
    expect(effectsOf(warned.decisions, 'hubspot.update')[0]?.properties).toEqual({ leadpact_sla_status: 'At Risk' });
    expect(effectsOf(warned.decisions, 'metric')).toEqual([
      expect.objectContaining({ name: 'sla.at_risk', labels: { clock: 'accept', territory: 'americas' } }),
    ]);
  });

  const breached = run(warned.lead, [fire(warned.lead, 'sla_due', 'accept')]);

  it('is breached at its due time: Breached in both CRMs, and the first escalation step (notify the manager) at once', () => {
    expect(breached.lead.sla?.accept).toEqual(
      expect.objectContaining({ state: 'breached', breachedAt: ny('2026-06-01T14:00'), nextStep: 1 }),
    );
    expect(breached.lead.slaBreaches).toBe(1);
    expect(effectsOf(breached.decisions, 'salesforce.update')[0]?.fields).toEqual({ SLA_Status__c: 'Breached' });
    expect(effectsOf(breached.decisions, 'salesforce.task')).toEqual([
      expect.objectContaining({
        recipient: 'owner_manager',
        ownerId: REP,
        whoId: SF_LEAD,
        reason: 'sla_escalation',
        subject: 'Lead protocol SLA breached: lead not accepted in time',
      }),
    ]);
  });

  it('schedules the next step 4 business hours later (Tuesday 09:00 on an 08:00-17:00 calendar)', () => {
    const step = breached.lead.timers.find((timer) => timer.timer.kind === 'sla_escalation');
    expect(step).toEqual(
      expect.objectContaining({
        fireAt: ny('2026-06-02T09:00'),
        timer: { kind: 'sla_escalation', clock: 'accept', step: 1 },
      }),
    );
  });

  const reassigned = run(breached.lead, [fire(breached.lead, 'sla_escalation', 'accept')]);

  it('reassigns by routing (never to the same rep) and gives the new owner a full window on every open clock', () => {
    const effect = effectsOf(reassigned.decisions, 'salesforce.reassign')[0];
    expect(effect).toEqual(expect.objectContaining({ salesforceId: SF_LEAD, previousOwnerId: REP }));
    expect(effect?.routing.assign).toEqual({
      kind: 'pool',
      pool: 'americas-sdr',
      members: [OTHER_REP, '005AM0000000003YAA'],
    });
    expect(reassigned.lead.sla?.accept).toEqual(
      expect.objectContaining({ state: 'running', dueAt: ny('2026-06-02T13:00'), nextStep: 2 }),
    );
    expect(reassigned.lead.sla?.firstTouch).toEqual(
      expect.objectContaining({ state: 'running', dueAt: ny('2026-06-02T17:00') }),
    );
    expect(reassigned.lead.slaStatus).toBe('on_track');
    expect(effectsOf(reassigned.decisions, 'salesforce.update')[0]?.fields).toEqual({
      SLA_Accept_Due__c: iso(ny('2026-06-02T13:00')),
      SLA_Status__c: 'On Track',
    });
  });

  it('makes the timers of the old window harmless: a stale timer is a no-op', () => {
    // The first-touch due timer of the old window, cancelled by the reassignment.
    const stale = breached.lead.timers.find(
      (timer) => timer.timer.kind === 'sla_due' && timer.timer.clock === 'first_touch',
    )!;
    const decision = decide(
      reassigned.lead,
      {
        type: 'timer.fired',
        id: stale.key,
        at: stale.fireAt,
        leadId: handedOff.id,
        key: stale.key,
        timer: stale.timer,
      },
      protocol,
      stale.fireAt,
    );
    expect(decision.ignored).toContain('no longer pending');
    expect(decision.lead).toBe(reassigned.lead);
    expect(decision.effects).toEqual([]);
  });

  it('learns the new owner from the pipeline, then returns the lead to Marketing when the new window is breached too', () => {
    const owned = run(reassigned.lead, [
      {
        type: 'salesforce.owner.assigned',
        id: eventId('own'),
        at: ny('2026-06-02T09:01'),
        salesforceId: SF_LEAD,
        object: 'Lead',
        ownerId: OTHER_REP,
      },
    ]).lead;
    expect(owned.ownerId).toBe(OTHER_REP);
    const second = run(owned, [fire(owned, 'sla_due', 'accept')]);
    expect(second.lead.slaBreaches).toBe(2);
    const last = second.lead.timers.find((timer) => timer.timer.kind === 'sla_escalation');
    expect(last?.fireAt).toBe(ny('2026-06-03T12:00'));
    const returned = run(second.lead, [fire(second.lead, 'sla_escalation', 'accept')]);
    expect(transitions(returned.decisions)).toEqual(['handed_off->recycled (sla_escalation)']);
    expect(returned.lead.reengageAt).toBe(ny('2026-06-03T12:00') + 30 * 86_400_000);
    expect(effectsOf(returned.decisions, 'salesforce.update')[0]?.fields).toEqual(
      expect.objectContaining({ Status: 'Closed - Not Converted', Lead_Protocol_Stage__c: 'recycled' }),
    );
    expect(effectsOf(returned.decisions, 'hubspot.update')[0]?.properties.leadpact_sales_feedback).toBe(
      'Returned to Marketing: Sales did not get the lead accepted within the SLA. Back to nurturing; re-engage on 2026-07-03.',
    );
    expect(returned.lead.timers.map((timer) => timer.timer.kind)).toEqual(['recycle_due']);
  });

  it('keeps the new owner when a message from before the reassignment arrives after it', () => {
    const assignedAt = ny('2026-06-02T09:01');
    const owned = run(reassigned.lead, [
      {
        type: 'salesforce.owner.assigned',
        id: eventId('own'),
        at: assignedAt,
        salesforceId: SF_LEAD,
        object: 'Lead',
        ownerId: OTHER_REP,
        stateAt: assignedAt - 1000,
      },
    ]).lead;
    const late = run(owned, [
      salesforceChanged(assignedAt + 5000, { Title: 'VP' }, SF_LEAD, { ownerId: REP, stateAt: assignedAt - 60_000 }),
    ]);
    expect(late.decisions[0]?.ignored).toContain('older than the one applied');
    expect(late.lead.ownerId).toBe(OTHER_REP);
    const newer = run(owned, [
      salesforceChanged(assignedAt + 9000, {}, SF_LEAD, { ownerId: REP, stateAt: assignedAt + 8000 }),
    ]);
    expect(newer.lead.ownerId).toBe(REP);
  });

  it('counts a late acceptance as met late: the SLA status stays Breached', () => {
    const at = ny('2026-06-01T16:00');
    const accepted = run(breached.lead, [salesforceChanged(at, { Status: 'Working - Contacted' })]);
    expect(accepted.lead.sla?.accept.state).toBe('met_late');
    expect(accepted.lead.slaStatus).toBe('breached');
    expect(accepted.lead.timeToAcceptMin).toBe(360);
    expect(accepted.lead.timers.some((timer) => timer.timer.kind === 'sla_escalation')).toBe(false);
  });
});

describe('the first-touch clock', () => {
  it('breaches on its own and notifies the manager, even after acceptance', () => {
    const accepted = run(handedOff, [
      salesforceChanged(ny('2026-06-01T11:00'), { Status: 'Working - Contacted' }),
    ]).lead;
    const breached = run(accepted, [
      fire(accepted, 'sla_warning', 'first_touch'),
      fire(accepted, 'sla_due', 'first_touch'),
    ]);
    expect(breached.lead.sla?.firstTouch.state).toBe('breached');
    expect(breached.lead.slaStatus).toBe('breached');
    expect(effectsOf(breached.decisions, 'salesforce.task')[0]?.subject).toBe(
      'Lead protocol SLA breached: lead not touched in time',
    );
    expect(breached.lead.timers).toEqual([]);
  });
});
