import { decide, leadSchema } from '../../../src/protocol';
import { hubSpotContactId } from '../../../src/shared/ids';
import {
  CONTACT,
  contactChanged,
  effectsOf,
  eventId,
  handedOffLead,
  iso,
  LEAD,
  ny,
  protocol,
  qualifiedProperties,
  run,
  SF_LEAD,
  transitions,
} from './engine-harness';

describe('a HubSpot contact that does not qualify', () => {
  const at = ny('2026-06-01T10:00');
  const { lead, decisions } = run(null, [
    {
      type: 'hubspot.contact.created',
      id: 'evt-1',
      at,
      leadId: LEAD,
      contactId: CONTACT,
      properties: { ...qualifiedProperties(at), demo_requested_date: null },
    },
  ]);

  it('becomes a nurturing lead with its scores and reasons', () => {
    expect(lead.stage).toBe('nurturing');
    expect(transitions(decisions)).toEqual(['new->nurturing (evaluated)']);
    expect(lead.qualification?.fit).toEqual(expect.objectContaining({ score: 75, passed: true }));
    expect(lead.qualification?.readiness).toEqual(expect.objectContaining({ score: 0, passed: false }));
    expect(lead.qualification?.fit.hits.map((hit) => hit.rule)).toEqual([
      'icp-industry',
      'icp-size',
      'senior-title',
      'product-role',
    ]);
  });

  it('tells HubSpot its stage and the protocol version, and asks nothing of Salesforce', () => {
    expect(effectsOf(decisions, 'hubspot.update')).toEqual([
      {
        type: 'hubspot.update',
        leadId: LEAD,
        contactId: CONTACT,
        properties: { leadpact_stage: 'nurturing', lifecyclestage: 'lead', leadpact_protocol_version: '2026.1' },
      },
    ]);
    expect(effectsOf(decisions, 'salesforce.handoff')).toEqual([]);
  });

  it('qualifies when a property change makes readiness pass, and is handed off', () => {
    const later = ny('2026-06-02T11:00');
    const next = run(lead, [contactChanged(later, { ...qualifiedProperties(later) })]);
    expect(transitions(next.decisions)).toEqual(['nurturing->mql (qualified)', 'mql->handed_off (handoff)']);
    expect(next.lead.mqlAt).toBe(later);
    expect(next.lead.handedOffAt).toBe(later);
  });
});

describe('a HubSpot contact that qualifies', () => {
  const { lead, decisions, handoffAt } = handedOffLead();
  const handoff = effectsOf(decisions, 'salesforce.handoff')[0]!;

  it('goes new -> mql -> handed_off, each transition audited with the rules that decided it', () => {
    expect(transitions(decisions)).toEqual(['new->mql (qualified)', 'mql->handed_off (handoff)']);
    const audit = effectsOf(decisions, 'audit').find((entry) => entry.to === 'mql');
    expect(audit?.cause).toEqual(
      expect.objectContaining({
        eventType: 'hubspot.contact.changed',
        rules: ['icp-industry', 'icp-size', 'senior-title', 'product-role', 'demo-request'],
      }),
    );
  });

  it('emits one hand-off with the mapped contact fields, leadpact fields, target and routing', () => {
    expect(handoff).toEqual(
      expect.objectContaining({
        leadId: LEAD,
        handoffKey: `${LEAD}:handoff:1`,
        hubspotContactId: CONTACT,
        email: 'jane.doe@acme.io',
        emailDomain: 'acme.io',
        target: 'contact_when_account_matches',
        preferAccountOwner: true,
        existing: null,
        routing: expect.objectContaining({
          territory: 'americas',
          calendar: 'americas',
          assign: expect.objectContaining({ kind: 'pool', pool: 'americas-sdr' }),
        }),
      }),
    );
    expect(handoff.leadFields).toEqual(
      expect.objectContaining({
        FirstName: 'Jane',
        LastName: 'Doe',
        Email: 'jane.doe@acme.io',
        Company: 'Acme',
        Title: 'VP Product',
        Country: 'United States',
        NumberOfEmployees: '300',
        LeadSource: 'Web',
        Status: 'Open - Not Contacted',
        HubSpot_Contact_Id__c: CONTACT,
        Lead_Protocol_Stage__c: 'handed_off',
        Protocol_Version__c: '2026.1',
        Fit_Score__c: 75,
        Readiness_Score__c: 40,
        MQL_At__c: iso(handoffAt),
        Handoff_At__c: iso(handoffAt),
        SLA_Accept_Due__c: iso(ny('2026-06-01T14:00')),
        SLA_Status__c: 'On Track',
      }),
    );
    expect(handoff.leadFields.Qualification_Summary__c).toContain('Fit 75 (needs 50, passed): +25 Industry in our ICP');
    expect(handoff.contactFields).toEqual(
      expect.objectContaining({ MailingCountry: 'United States', Email: 'jane.doe@acme.io' }),
    );
    expect(handoff.contactFields).not.toHaveProperty('Company');
    expect(handoff.contactFields).not.toHaveProperty('Status');
  });

  it('starts both SLA clocks at the hand-off, in the territory calendar, with warning and due timers', () => {
    expect(lead.sla?.accept).toEqual(
      expect.objectContaining({ dueAt: ny('2026-06-01T14:00'), warnAt: ny('2026-06-01T13:00'), state: 'running' }),
    );
    // Americas works 08:00-17:00: 4 business hours from 10:00 is 14:00; 8 is Tuesday 09:00.
    expect(lead.sla?.firstTouch).toEqual(
      expect.objectContaining({ dueAt: ny('2026-06-02T09:00'), warnAt: ny('2026-06-01T16:00'), state: 'running' }),
    );
    expect(effectsOf(decisions, 'timer.schedule').map((timer) => [timer.timer, iso(timer.fireAt)])).toEqual([
      [{ kind: 'sla_warning', clock: 'accept' }, iso(ny('2026-06-01T13:00'))],
      [{ kind: 'sla_due', clock: 'accept' }, iso(ny('2026-06-01T14:00'))],
      [{ kind: 'sla_warning', clock: 'first_touch' }, iso(ny('2026-06-01T16:00'))],
      [{ kind: 'sla_due', clock: 'first_touch' }, iso(ny('2026-06-02T09:00'))],
    ]);
  });

  it('takes its Salesforce identity and owner from the completed hand-off, and only then tells HubSpot, all at once', () => {
    expect(lead.salesforce).toEqual({ id: SF_LEAD, object: 'Lead' });
    expect(lead.pendingHandoff).toBeNull();
    expect(effectsOf(decisions, 'identity.changed')).toEqual([
      expect.objectContaining({ crm: 'salesforce', previous: null, current: SF_LEAD }),
    ]);
    const updates = effectsOf(decisions, 'hubspot.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.properties).toEqual({
      leadpact_stage: 'handed_off',
      lifecyclestage: 'marketingqualifiedlead',
      hs_lead_status: 'NEW',
      leadpact_salesforce_id: SF_LEAD,
      leadpact_sla_status: 'On Track',
      leadpact_protocol_version: '2026.1',
    });
    expect(effectsOf(decisions, 'salesforce.update')).toEqual([]);
  });

  it('keeps the SLA start whatever the hand-off found (the engine decided the instant)', () => {
    expect(lead.handedOffAt).toBe(handoffAt);
    expect(lead.sla?.startedAt).toBe(handoffAt);
  });

  it('is a valid ledger record', () => {
    expect(leadSchema.parse(JSON.parse(JSON.stringify(lead)))).toEqual(lead);
  });

  it('recomputes the scores when properties change and sends Salesforce only what changed', () => {
    const at = handoffAt + 3_600_000;
    const next = run(lead, [
      contactChanged(at, { ...qualifiedProperties(handoffAt), last_pricing_page_view: String(at) }),
    ]);
    expect(next.lead.qualification?.readiness.score).toBe(55);
    const update = effectsOf(next.decisions, 'salesforce.update')[0];
    expect(Object.keys(update?.fields ?? {}).sort()).toEqual(['Qualification_Summary__c', 'Readiness_Score__c']);
    expect(update?.fields.Readiness_Score__c).toBe(55);
    expect(next.lead.stage).toBe('handed_off');
  });

  it('ignores a redelivered event: same lead, no effects', () => {
    const event = contactChanged(handoffAt + 1, qualifiedProperties(handoffAt));
    const once = decide(lead, event, protocol, handoffAt + 1);
    const twice = decide(once.lead, event, protocol, handoffAt + 2);
    expect(twice.lead).toBe(once.lead);
    expect(twice.effects).toEqual([]);
    expect(twice.ignored).toContain('already applied');
  });
});

describe('hand-off requirements', () => {
  const at = ny('2026-06-01T10:00');

  it('blocks an MQL missing a required property and starts Marketing’s fix-data clock', () => {
    const { lead, decisions } = run(null, [contactChanged(at, { ...qualifiedProperties(at), company: null })]);
    expect(lead.stage).toBe('mql');
    expect(lead.salesFeedback).toBe('Hand-off blocked: missing company.');
    // 16 business hours of Marketing's (Americas) calendar: 7 on Monday, 9 on Tuesday.
    expect(lead.pendingMarketingAction).toEqual(
      expect.objectContaining({ action: 'fix_data', dueAt: ny('2026-06-02T17:00') }),
    );
    expect(effectsOf(decisions, 'salesforce.handoff')).toEqual([]);
    expect(effectsOf(decisions, 'hubspot.update')[0]?.properties).toEqual(
      expect.objectContaining({ leadpact_stage: 'mql', leadpact_sales_feedback: 'Hand-off blocked: missing company.' }),
    );

    const fixed = run(lead, [contactChanged(at + 60_000, qualifiedProperties(at))]);
    expect(transitions(fixed.decisions)).toEqual(['mql->handed_off (handoff)']);
    expect(fixed.lead.pendingMarketingAction).toBeNull();
    expect(effectsOf(fixed.decisions, 'timer.cancel').map((timer) => timer.key)).toContain(lead.timers[0]?.key);
  });

  it('takes a blocked MQL back to nurturing when it no longer qualifies, settling Marketing’s clock', () => {
    const { lead } = run(null, [contactChanged(at, { ...qualifiedProperties(at), company: null })]);
    const cooled = run(lead, [
      contactChanged(at + 60_000, { ...qualifiedProperties(at), company: null, demo_requested_date: null }),
    ]);
    expect(transitions(cooled.decisions)).toEqual(['mql->nurturing (unqualified)']);
    expect(cooled.lead.pendingMarketingAction).toBeNull();
  });

  it('routes an enterprise contact to the named owner, with the territory’s longer acceptance window', () => {
    const { lead, decisions } = run(null, [
      contactChanged(at, { ...qualifiedProperties(at), company_segment: 'Enterprise' }),
    ]);
    expect(effectsOf(decisions, 'salesforce.handoff')[0]?.routing).toEqual({
      territory: 'americas-enterprise',
      calendar: 'americas',
      matched: 'territory',
      assign: { kind: 'owner', ownerId: '005AM0000012345YAA' },
    });
    expect(lead.ownerId).toBe('005AM0000012345YAA');
    expect(lead.sla?.accept.dueAt).toBe(ny('2026-06-02T09:00'));
  });

  it('sends a contact from an unlisted country to the fallback queue on the fallback calendar', () => {
    const { lead, decisions } = run(null, [contactChanged(at, { ...qualifiedProperties(at), country: 'Kenya' })]);
    expect(effectsOf(decisions, 'salesforce.handoff')[0]?.routing).toEqual({
      territory: 'unassigned',
      calendar: 'emea',
      matched: 'fallback',
      assign: { kind: 'queue', queueId: '00GXX00000000012AA' },
    });
    expect(lead.sla?.calendar).toBe('emea');
  });
});

describe('retired contacts', () => {
  const at = ny('2026-06-01T10:00');

  it('retires an opted-out contact: disqualified, never handed off, never written to again', () => {
    const { lead, decisions } = run(null, [contactChanged(at, { ...qualifiedProperties(at), do_not_contact: 'true' })]);
    expect(lead.retired).toEqual({ reason: 'opted_out', at });
    expect(transitions(decisions)).toEqual(['new->disqualified (retired)']);
    expect(effectsOf(decisions, 'salesforce.handoff')).toEqual([]);
    expect(effectsOf(decisions, 'hubspot.update')).toEqual([]);
    const later = run(lead, [contactChanged(at + 1000, qualifiedProperties(at))]);
    expect(later.decisions[0]?.ignored).toContain('retired');
  });

  it('retires a privacy-deleted contact and erases what leadpact kept of it', () => {
    const { lead } = run(null, [contactChanged(at, { ...qualifiedProperties(at), demo_requested_date: null })]);
    const deleted = run(lead, [
      { type: 'hubspot.contact.deleted', id: eventId('del'), at: at + 1000, contactId: CONTACT, privacy: true },
    ]);
    expect(deleted.lead.stage).toBe('disqualified');
    expect(deleted.lead.retired?.reason).toBe('privacy_deleted');
    expect(deleted.lead.crm.hubspot).toEqual({});
    expect(deleted.lead.agreed).toEqual({});
    expect(deleted.lead.touches).toEqual([]);
  });

  it('erases a contact first retired as deleted once its privacy deletion arrives, as HubSpot sends both', () => {
    const { lead } = run(null, [contactChanged(at, { ...qualifiedProperties(at), demo_requested_date: null })]);
    const deleted = run(lead, [
      { type: 'hubspot.contact.deleted', id: eventId('del'), at: at + 1000, contactId: CONTACT, privacy: false },
    ]);
    expect(deleted.lead.retired?.reason).toBe('deleted');
    expect(deleted.lead.crm.hubspot).not.toEqual({});
    const erased = run(deleted.lead, [
      { type: 'hubspot.contact.deleted', id: eventId('priv'), at: at + 2000, contactId: CONTACT, privacy: true },
    ]);
    expect(erased.lead.retired).toEqual({ reason: 'privacy_deleted', at: at + 2000 });
    expect(erased.lead.stage).toBe('disqualified');
    expect(erased.lead.crm.hubspot).toEqual({});
    expect(erased.lead.agreed).toEqual({});
    expect(erased.lead.touches).toEqual([]);
    const again = run(erased.lead, [
      { type: 'hubspot.contact.deleted', id: eventId('del2'), at: at + 3000, contactId: CONTACT, privacy: false },
    ]);
    expect(again.lead.retired).toEqual({ reason: 'privacy_deleted', at: at + 2000 });
  });

  it('keeps a lead Sales already holds in its stage when its contact is deleted, and stops writing to HubSpot', () => {
    const { lead } = handedOffLead();
    const deleted = run(lead, [
      {
        type: 'hubspot.contact.deleted',
        id: eventId('del'),
        at: lead.handedOffAt! + 1000,
        contactId: CONTACT,
        privacy: false,
      },
    ]);
    expect(deleted.lead.stage).toBe('handed_off');
    expect(deleted.lead.retired?.reason).toBe('deleted');
    const accepted = run(deleted.lead, [
      { type: 'manual.accept', id: eventId('acc'), at: lead.handedOffAt! + 2000, actor: 'admin' },
    ]);
    expect(accepted.lead.stage).toBe('accepted');
    expect(effectsOf(accepted.decisions, 'hubspot.update')).toEqual([]);
    expect(effectsOf(accepted.decisions, 'salesforce.update')).toHaveLength(1);
  });
});

describe('HubSpot merges', () => {
  const survivor = hubSpotContactId('202');

  it('re-points the lead to the surviving contact and rewrites HubSpot_Contact_Id__c', () => {
    const { lead } = handedOffLead();
    const { lead: merged, decisions } = run(lead, [
      {
        type: 'hubspot.contact.merged',
        id: eventId('merge'),
        at: lead.handedOffAt! + 1000,
        contactId: CONTACT,
        survivorId: survivor,
        mergedIds: [CONTACT],
        survivorHasLead: false,
      },
    ]);
    expect(merged.hubspotContactId).toBe(survivor);
    expect(effectsOf(decisions, 'identity.changed')).toEqual([
      expect.objectContaining({ crm: 'hubspot', previous: CONTACT, current: survivor }),
    ]);
    expect(effectsOf(decisions, 'salesforce.update')[0]?.fields).toEqual({ HubSpot_Contact_Id__c: survivor });
    expect(effectsOf(decisions, 'hubspot.update')[0]).toEqual(
      expect.objectContaining({
        contactId: survivor,
        properties: expect.objectContaining({ leadpact_stage: 'handed_off', leadpact_salesforce_id: SF_LEAD }),
      }),
    );
  });

  it('retires the lead as merged when the survivor has a lead of its own', () => {
    const at = ny('2026-06-01T10:00');
    const { lead } = run(null, [contactChanged(at, { ...qualifiedProperties(at), demo_requested_date: null })]);
    const { lead: merged, decisions } = run(lead, [
      {
        type: 'hubspot.contact.merged',
        id: eventId('merge'),
        at: at + 1000,
        contactId: CONTACT,
        survivorId: survivor,
        mergedIds: [CONTACT],
        survivorHasLead: true,
      },
    ]);
    expect(merged.retired?.reason).toBe('merged');
    expect(transitions(decisions)).toEqual(['nurturing->disqualified (merged)']);
  });
});

describe('touches', () => {
  it('counts each new value of a touch-source property as a touch, and readiness counts touches in a window', () => {
    const start = ny('2026-06-01T10:00');
    const base = { ...qualifiedProperties(start), demo_requested_date: null };
    const day = 86_400_000;
    const { lead } = run(null, [
      contactChanged(start, { ...base, recent_conversion_date: String(start - 20 * day) }),
      contactChanged(start + 1000, {
        ...base,
        recent_conversion_date: String(start - 10 * day),
        hs_email_last_click_date: String(start - day),
      }),
      contactChanged(start + 2000, {
        ...base,
        recent_conversion_date: String(start - 10 * day),
        webinar_attended_date: String(start - 3 * day),
      }),
    ]);
    expect(lead.touches.map((touch) => touch.kind)).toEqual(['form', 'form', 'webinar', 'email_click']);
    expect(lead.qualification?.readiness.hits.map((hit) => hit.rule)).toEqual(['recent-form', 'engaged', 'webinar']);
    expect(lead.qualification?.readiness.score).toBe(35);
    expect(lead.stage).toBe('nurturing');
  });
});
