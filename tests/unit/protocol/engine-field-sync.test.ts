import type { Lead } from '../../../src/protocol';
import {
  CONTACT,
  contactChanged,
  effectsOf,
  handedOffLead,
  LEAD,
  ny,
  qualifiedProperties,
  run,
  salesforceChanged,
} from './engine-harness';

const { lead: handedOff, handoffAt } = handedOffLead();
const properties = qualifiedProperties(handoffAt);
const MINUTE = 60_000;

function hubspotChange(lead: Lead, at: number, changes: Record<string, string | null>) {
  return run(lead, [contactChanged(at, { ...properties, ...changes })]);
}

describe('field ownership', () => {
  it('carries a change on the owning side (HubSpot owns firstname) to the other side only', () => {
    const { decisions, lead } = hubspotChange(handedOff, handoffAt + MINUTE, { firstname: 'Janet' });
    expect(effectsOf(decisions, 'salesforce.update')[0]?.fields).toEqual({ FirstName: 'Janet' });
    expect(effectsOf(decisions, 'hubspot.update')).toEqual([]);
    expect(lead.agreed.firstname).toBe('Janet');
  });

  it('reverts a change on the other side (Salesforce edits FirstName) and records it, once', () => {
    const { decisions, lead } = run(handedOff, [salesforceChanged(handoffAt + MINUTE, { FirstName: 'Jan' })]);
    expect(effectsOf(decisions, 'salesforce.update')[0]?.fields).toEqual({ FirstName: 'Jane' });
    expect(effectsOf(decisions, 'audit')).toEqual([
      expect.objectContaining({
        kind: 'field_reverted',
        detail: "salesforce changed FirstName, which hubspot owns; the owner's value is written back",
      }),
    ]);
    expect(effectsOf(decisions, 'hubspot.update')).toEqual([]);
    // The revert's echo (suppressed by the pipeline or not) changes nothing: no ping-pong.
    const echo = run(lead, [salesforceChanged(handoffAt + 2 * MINUTE, { FirstName: 'Jane' })]);
    expect(echo.decisions[0]?.effects.filter((effect) => effect.type !== 'audit' && effect.type !== 'metric')).toEqual(
      [],
    );
  });

  it('lets Salesforce own the title: its change flows to HubSpot, and HubSpot’s own edit is reverted', () => {
    const fromSales = run(handedOff, [salesforceChanged(handoffAt + MINUTE, { Title: 'Chief Product Officer' })]);
    expect(effectsOf(fromSales.decisions, 'hubspot.update')[0]?.properties).toEqual({
      jobtitle: 'Chief Product Officer',
    });
    expect(effectsOf(fromSales.decisions, 'salesforce.update')).toEqual([]);
    const fromMarketing = hubspotChange(fromSales.lead, handoffAt + 2 * MINUTE, { jobtitle: 'Product Lead' });
    expect(effectsOf(fromMarketing.decisions, 'hubspot.update')[0]?.properties).toEqual({
      jobtitle: 'Chief Product Officer',
    });
    expect(effectsOf(fromMarketing.decisions, 'salesforce.update')).toEqual([]);
  });

  it('lets either side set a field before its owner holds any value (HubSpot seeds the title for the hand-off)', () => {
    const at = ny('2026-06-01T10:00');
    const { decisions } = run(null, [contactChanged(at, { ...qualifiedProperties(at), jobtitle: 'Director of Data' })]);
    expect(effectsOf(decisions, 'salesforce.handoff')[0]?.leadFields.Title).toBe('Director of Data');
  });

  it('translates picklist values through the mapping', () => {
    const { decisions } = hubspotChange(handedOff, handoffAt + MINUTE, { hs_analytics_source: 'REFERRALS' });
    const fields = effectsOf(decisions, 'salesforce.update')[0]?.fields;
    expect(fields?.LeadSource).toBe('Partner Referral');
    expect(fields?.Qualification_Summary__c).toContain('Source: REFERRALS.');
  });

  it('does not read back leadpact’s own fields, so a write in flight is never taken for an edit', () => {
    const { decisions } = hubspotChange(handedOff, handoffAt + MINUTE, {
      leadpact_stage: 'nurturing',
      leadpact_salesforce_id: null,
    });
    expect(effectsOf(decisions, 'hubspot.update')).toEqual([]);
    expect(effectsOf(decisions, 'audit')).toEqual([]);
  });
});

describe('quarantine', () => {
  it('stops writing a field another system keeps overwriting (more than 6 times an hour), and reports it once', () => {
    let lead = handedOff;
    const decisions = [];
    for (let i = 1; i <= 8; i += 1) {
      // An outside sync writes "Jan" again after each of leadpact's reverts.
      const step = run(lead, [salesforceChanged(handoffAt + i * MINUTE, { FirstName: 'Jan' })]);
      lead = step.lead;
      decisions.push(...step.decisions);
    }
    expect(lead.fieldGuard.quarantined).toEqual(['salesforce:FirstName']);
    expect(effectsOf(decisions, 'salesforce.update')).toHaveLength(6);
    expect(effectsOf(decisions, 'metric').filter((metric) => metric.name === 'protocol.violation')).toEqual([
      expect.objectContaining({ labels: { kind: 'field_flapping' } }),
    ]);
    const later = hubspotChange(lead, handoffAt + 10 * MINUTE, { firstname: 'Janet' });
    expect(effectsOf(later.decisions, 'salesforce.update')).toEqual([]);
    expect(later.lead.agreed.firstname).toBe('Janet');

    const released = run(later.lead, [
      {
        type: 'manual.release_field',
        id: 'release-1',
        at: handoffAt + 11 * MINUTE,
        actor: 'revops',
        field: 'salesforce:FirstName',
      },
    ]);
    expect(released.lead.fieldGuard.quarantined).toEqual([]);
    expect(effectsOf(released.decisions, 'salesforce.update')[0]?.fields).toEqual({ FirstName: 'Janet' });
  });

  it('forgets changes older than an hour', () => {
    let lead = handedOff;
    for (let i = 1; i <= 12; i += 1)
      lead = run(lead, [salesforceChanged(handoffAt + i * 20 * MINUTE, { FirstName: 'Jan' })]).lead;
    expect(lead.fieldGuard.quarantined).toEqual([]);
    expect(lead.id).toBe(LEAD);
    expect(lead.hubspotContactId).toBe(CONTACT);
  });
});
