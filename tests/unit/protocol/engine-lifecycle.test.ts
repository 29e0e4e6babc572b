import type { LeadEvent } from '../../../src/protocol';
import { salesforceId } from '../../../src/shared/ids';
import {
  effectsOf,
  eventId,
  handedOffLead,
  iso,
  LEAD,
  ny,
  OPPORTUNITY,
  OTHER_REP,
  REP,
  run,
  SF_CONTACT,
  SF_LEAD,
  salesforceChanged,
  transitions,
} from './engine-harness';

const { lead: handedOff, handoffAt } = handedOffLead();

describe('conversion and the opportunity', () => {
  const accepted = run(handedOff, [salesforceChanged(ny('2026-06-01T11:00'), { Status: 'Working - Contacted' })]).lead;
  const convertAt = ny('2026-06-10T10:00');
  /** A converted Lead as the inbound mapper reports it: the Lead changed, then its conversion. */
  const conversion = (fields: Record<string, string>): LeadEvent[] => [
    salesforceChanged(convertAt, fields, SF_LEAD, { converted: true }),
    {
      type: 'salesforce.lead.converted',
      id: eventId('sf-converted'),
      at: convertAt,
      salesforceId: SF_LEAD,
      object: 'Lead',
      contactId: SF_CONTACT,
      accountId: null,
      opportunityId: OPPORTUNITY,
    },
  ];

  it('converts, and follows the Contact the Lead became (a converted Lead is read-only)', () => {
    const { lead, decisions } = run(accepted, conversion({ Status: 'Closed - Converted' }));
    expect(transitions(decisions)).toEqual(['accepted->converted (converted)']);
    expect(lead.opportunityId).toBe(OPPORTUNITY);
    expect(lead.salesforce).toEqual({ id: SF_CONTACT, object: 'Contact' });
    expect(effectsOf(decisions, 'identity.changed')).toEqual([
      expect.objectContaining({ crm: 'salesforce', previous: SF_LEAD, current: SF_CONTACT, object: 'Contact' }),
    ]);
    const update = effectsOf(decisions, 'salesforce.update')[0];
    expect(update?.salesforceId).toBe(SF_CONTACT);
    expect(update?.fields).toEqual(
      expect.objectContaining({ Lead_Protocol_Stage__c: 'converted', MailingCountry: 'United States' }),
    );
    expect(update?.fields).not.toHaveProperty('Company');
  });

  it('is won with its amount, written back to HubSpot', () => {
    const converted = run(accepted, conversion({})).lead;
    const wonAt = ny('2026-07-01T10:00');
    const { lead, decisions } = run(converted, [
      {
        type: 'salesforce.opportunity.changed',
        id: eventId('opp'),
        at: wonAt,
        opportunityId: OPPORTUNITY,
        stageName: 'Closed Won',
        isClosed: true,
        isWon: true,
        amount: 48000,
      },
    ]);
    expect(transitions(decisions)).toEqual(['converted->won (won)']);
    expect(lead).toEqual(expect.objectContaining({ outcome: 'won', amount: 48000, closedAt: wonAt }));
    expect(effectsOf(decisions, 'hubspot.update')[0]?.properties).toEqual(
      expect.objectContaining({ leadpact_stage: 'won', leadpact_outcome: 'won', leadpact_amount: 48000 }),
    );
  });

  it('converts a lead handed off as a Contact when its opportunity appears, then records the loss', () => {
    const { lead, decisions } = run(handedOff, [
      {
        type: 'salesforce.opportunity.changed',
        id: eventId('opp'),
        at: convertAt,
        opportunityId: OPPORTUNITY,
        stageName: 'Closed Lost',
        isClosed: true,
        isWon: false,
        amount: null,
      },
    ]);
    expect(transitions(decisions)).toEqual(['handed_off->converted (converted)', 'converted->lost (lost)']);
    expect(lead.acceptedAt).toBe(convertAt);
    expect(lead.outcome).toBe('lost');
  });

  it('refuses, and records, an outcome for a lead that never reached Sales', () => {
    const nurturing = { ...accepted, stage: 'nurturing' as const, opportunityId: null };
    const { lead, decisions } = run(nurturing, [
      {
        type: 'salesforce.opportunity.changed',
        id: eventId('opp'),
        at: convertAt,
        opportunityId: OPPORTUNITY,
        stageName: 'Closed Won',
        isClosed: true,
        isWon: true,
        amount: 1,
      },
    ]);
    expect(lead.stage).toBe('nurturing');
    expect(decisions[0]?.refused).toEqual({
      from: 'nurturing',
      to: 'won',
      cause: 'won',
      reason: 'no transition from nurturing to won',
    });
    expect(effectsOf(decisions, 'audit')).toContainEqual(
      expect.objectContaining({ kind: 'refused', from: 'nurturing', to: 'won' }),
    );
  });
});

describe('Salesforce record lifecycle', () => {
  it('treats deleting a lead Sales holds as a rejection without a code: a violation', () => {
    const at = ny('2026-06-01T12:00');
    const { lead, decisions } = run(handedOff, [
      { type: 'salesforce.lead.deleted', id: eventId('del'), at, salesforceId: SF_LEAD, object: 'Lead' },
    ]);
    expect(transitions(decisions)).toEqual(['handed_off->rejected (sales_deleted)']);
    expect(lead.salesforce).toBeNull();
    expect(lead.rejection).toEqual(expect.objectContaining({ valid: false, violation: true }));
    expect(effectsOf(decisions, 'metric')).toContainEqual(
      expect.objectContaining({ labels: { kind: 'deleted_without_rejection' } }),
    );
    expect(effectsOf(decisions, 'identity.changed')).toEqual([
      expect.objectContaining({ previous: SF_LEAD, current: null }),
    ]);
  });

  it('follows a merge into the master record and writes its fields there', () => {
    const master = salesforceId('00Q000000000009AAA');
    const { lead, decisions } = run(handedOff, [
      {
        type: 'salesforce.lead.merged',
        id: eventId('sf-merged'),
        at: ny('2026-06-01T12:00'),
        salesforceId: SF_LEAD,
        object: 'Lead',
        masterId: master,
      },
    ]);
    expect(lead.salesforce).toEqual({ id: master, object: 'Lead' });
    expect(effectsOf(decisions, 'salesforce.update')[0]).toEqual(
      expect.objectContaining({
        salesforceId: master,
        fields: expect.objectContaining({ Lead_Protocol_Stage__c: 'handed_off', HubSpot_Contact_Id__c: '101' }),
      }),
    );
  });

  it('learns the owner Salesforce reports', () => {
    const { lead } = run(handedOff, [salesforceChanged(ny('2026-06-01T12:00'), {}, SF_LEAD, { ownerId: OTHER_REP })]);
    expect(lead.ownerId).toBe(OTHER_REP);
  });

  it('ignores news about a record that is not linked to the lead', () => {
    const { decisions, lead } = run(handedOff, [
      salesforceChanged(ny('2026-06-01T12:00'), { Status: 'Working - Contacted' }, salesforceId('00Q000000000077AAA')),
    ]);
    expect(decisions[0]?.ignored).toContain('not linked');
    expect(lead).toBe(handedOff);
  });

  it('tracks a Lead Sales created themselves as a sales-sourced lead, accepted from the start', () => {
    const at = ny('2026-06-01T12:00');
    const { lead, decisions } = run(null, [
      {
        type: 'salesforce.lead.created',
        id: eventId('sf-new'),
        at,
        leadId: LEAD,
        salesforceId: SF_LEAD,
        object: 'Lead',
        fields: { Status: 'Working - Contacted', Email: 'x@y.io' },
        ownerId: REP,
      },
    ]);
    expect(lead).toEqual(
      expect.objectContaining({
        origin: 'sales',
        stage: 'accepted',
        acceptedAt: at,
        ownerId: REP,
        source: 'sales',
        hubspotContactId: null,
      }),
    );
    expect(transitions(decisions)).toEqual(['new->accepted (sales_sourced)']);
    expect(effectsOf(decisions, 'salesforce.update')[0]?.fields).toEqual({
      Lead_Protocol_Stage__c: 'accepted',
      Protocol_Version__c: '2026.1',
      Accepted_At__c: iso(at),
    });
  });
});

describe('hand-off reports', () => {
  it('ignores a report for a hand-off the lead no longer awaits', () => {
    const { decisions } = run(handedOff, [
      {
        type: 'salesforce.handoff.completed',
        id: eventId('h'),
        at: handoffAt + 10_000,
        handoffKey: 'old-key',
        salesforceId: SF_LEAD,
        object: 'Lead',
        ownerId: REP,
        created: false,
      },
    ]);
    expect(decisions[0]?.ignored).toContain('not the one');
  });

  it('takes the lead back to mql on a permanent failure and asks Marketing to fix its data', () => {
    const at = ny('2026-06-01T10:00');
    const { lead: pending } = run(null, [
      {
        type: 'hubspot.contact.changed',
        id: eventId('hs'),
        at,
        leadId: LEAD,
        contactId: handedOff.hubspotContactId!,
        properties: { ...handedOff.crm.hubspot } as Record<string, string | null>,
      },
    ]);
    const failed = run(pending, [
      {
        type: 'salesforce.handoff.failed',
        id: eventId('f'),
        at: at + 1000,
        handoffKey: pending.pendingHandoff!,
        reason: 'REQUIRED_FIELD_MISSING: Company',
        retryable: false,
      },
    ]);
    expect(transitions(failed.decisions)).toEqual(['handed_off->mql (handoff_failed)']);
    expect(failed.lead).toEqual(
      expect.objectContaining({
        sla: null,
        slaStatus: null,
        handedOffAt: null,
        pendingHandoff: null,
        salesFeedback: 'Hand-off failed: REQUIRED_FIELD_MISSING: Company',
      }),
    );
    expect(failed.lead.timers.map((timer) => timer.timer.kind)).toEqual(['marketing_due']);
    const retry = run(pending, [
      {
        type: 'salesforce.handoff.failed',
        id: eventId('f'),
        at: at + 1000,
        handoffKey: pending.pendingHandoff!,
        reason: 'timeout',
        retryable: true,
      },
    ]);
    expect(retry.lead.stage).toBe('handed_off');
    expect(retry.lead.pendingHandoff).toBe(pending.pendingHandoff);
  });
});
