import {
  CONTACT,
  SF_LEAD,
  contactChanged,
  effectsOf,
  eventId,
  handedOffLead,
  qualifiedProperties,
  run,
} from './engine-harness';

/** An update of the linked Lead that the org refused for its data: Marketing's to fix, the lead stays with Sales. */
describe('engine: an update Salesforce refused (salesforce.update.refused)', () => {
  const reason = 'Salesforce refused the update of the Lead (Lead.Company): Company must name the company.';

  function refused() {
    const { lead, handoffAt } = handedOffLead();
    const at = handoffAt + 60_000;
    const result = run(lead, [
      {
        type: 'salesforce.update.refused',
        id: eventId('refused'),
        at,
        salesforceId: SF_LEAD,
        object: 'Lead',
        reason,
        fields: ['Company', 'Title'],
      },
    ]);
    return { before: lead, at, ...result };
  }

  it("gives Marketing the admin's message, starts its fix-data clock, and sends Salesforce nothing", () => {
    const { lead, decisions } = refused();
    expect(lead.stage).toBe('handed_off');
    expect(lead.salesFeedback).toContain(reason);
    expect(lead.pendingMarketingAction?.action).toBe('fix_data');
    expect(effectsOf(decisions, 'salesforce.update')).toEqual([]);
    expect(effectsOf(decisions, 'hubspot.update')).toEqual([
      expect.objectContaining({
        contactId: CONTACT,
        properties: expect.objectContaining({ leadpact_sales_feedback: expect.stringContaining(reason) }),
      }),
    ]);
  });

  it('sends the refused fields again with the next change, and the fix ends the clock', () => {
    const { lead, at } = refused();
    const fixed = run(lead, [contactChanged(at + 60_000, { ...qualifiedProperties(at), company: 'Acme Holdings' })]);
    const [update] = effectsOf(fixed.decisions, 'salesforce.update');
    expect(update?.fields).toEqual(expect.objectContaining({ Company: 'Acme Holdings', Title: 'VP Product' }));
    expect(fixed.lead.pendingMarketingAction).toBeNull();
  });

  it("ignores a refusal for a record that is no longer the lead's", () => {
    const { lead } = handedOffLead();
    const decision = run(lead, [
      {
        type: 'salesforce.update.refused',
        id: eventId('refused'),
        at: Date.UTC(2026, 5, 2),
        salesforceId: '00Q000000000009AAA' as typeof SF_LEAD,
        object: 'Lead',
        reason,
        fields: ['Company'],
      },
    ]).decisions[0];
    expect(decision?.ignored).toContain('no longer');
  });
});
