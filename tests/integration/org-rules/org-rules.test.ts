import { repositories } from '../../../src/store';
import { handedOff, hubspotContact, qualifiedContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

/**
 * The whole pipeline against the simulator's realistic default org: an active lead assignment rule
 * (everything to the Lead Queue), the standard duplicate rules, state and country picklists on.
 */
describe('a configured org’s own rules', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  async function noDeadLetters(): Promise<void> {
    expect(await repositories(h.db).deadLetters.list({ all: true })).toEqual([]);
  }

  it('keeps the owner leadpact routed despite the org’s active assignment rule', async () => {
    expect(h.sf.orgRules().assignmentRules.filter((rule) => rule.active)).toHaveLength(1);
    const { contactId, lead } = await handedOff(h, 'assign-1');
    expect(String(lead['OwnerId'])).toMatch(/^005/);
    expect(lead['OwnerId']).not.toBe(h.sf.defaults().leadQueueId);
    const stored = await eventually(async () => {
      const record = await repositories(h.db).leads.findByHubSpotId(contactId as never);
      return record !== null && record.salesforceId === lead['Id'] ? record : undefined;
    });
    expect(stored.ownerId).toBe(lead['OwnerId']);
  });

  it('links a hand-off the standard duplicate rule flags to the record it found, without a dead letter', async () => {
    // The same person under a private address: leadpact's match by e-mail misses, the org's rule does not.
    const [existing] = h.sf.seed('Lead', [
      { FirstName: 'Dana', LastName: 'Buyer dup-1', Company: 'Acme dup-1', Email: 'dana.private@example.org' },
    ]);
    const contact = h.hs.user.createContact(qualifiedContact('dup-1'));
    const linked = await eventually(
      () => h.sf.records('Lead').find((l) => l['Id'] === existing && l['HubSpot_Contact_Id__c'] === contact.id),
      20_000,
      'the existing Lead to take the hand-off',
    );
    expect(linked['Lead_Protocol_Stage__c']).toBe('handed_off');
    expect(h.sf.records('Lead').filter((l) => l['LastName'] === 'Buyer dup-1')).toHaveLength(1);
    const stored = await eventually(async () => {
      const record = await repositories(h.db).leads.findByHubSpotId(contact.id as never);
      return record !== null && record.salesforceId === existing ? record : undefined;
    });
    expect(stored.stage).toBe('handed_off');
    await noDeadLetters();
  });

  it('writes HubSpot’s "USA" as CountryCode US, which the org names United States', async () => {
    const { lead } = await handedOff(h, 'usa-1', { country: 'USA' });
    expect(lead).toMatchObject({ CountryCode: 'US', Country: 'United States' });
  });

  it('turns a validation rule’s refusal into Marketing’s fix-data feedback in HubSpot', async () => {
    const message = 'Add a phone number: Sales calls every new lead within the hour.';
    h.sf.setOrgRules({
      validationRules: [
        {
          name: 'Lead_Needs_Phone',
          object: 'Lead',
          active: true,
          formula: 'AND(ISNEW(), ISBLANK(Phone))',
          message,
          field: 'Phone',
        },
      ],
    });
    try {
      const contact = h.hs.user.createContact(qualifiedContact('valid-1'));
      const feedback = await eventually(
        () => {
          const value = hubspotContact(h, contact.id)?.['leadpact_sales_feedback'];
          return typeof value === 'string' && value.includes(message) ? value : undefined;
        },
        20_000,
        'the fix-data feedback in HubSpot',
      );
      expect(feedback).toContain('Lead.Phone');
      const stored = await repositories(h.db).leads.findByHubSpotId(contact.id as never);
      // Back to Marketing, whose fix-data clock runs; no Lead was created.
      expect(stored).toMatchObject({ stage: 'mql' });
      expect(h.sf.records('Lead').some((l) => l['HubSpot_Contact_Id__c'] === contact.id)).toBe(false);
      await noDeadLetters();
    } finally {
      h.sf.setOrgRules({ validationRules: [] });
    }
  });

  it('turns an update a validation rule refuses into fix-data feedback, and the rest of the batch goes through', async () => {
    const message = 'Company must name the company, not "Unknown".';
    const refused = await handedOff(h, 'upd-1');
    const accepted = await handedOff(h, 'upd-2');
    h.sf.setOrgRules({
      validationRules: [
        {
          name: 'Company_Named',
          object: 'Lead',
          active: true,
          formula: 'AND(NOT(ISNEW()), BEGINS(Company, "Unknown"))',
          message,
          field: 'Company',
        },
      ],
    });
    try {
      h.hs.user.updateContact(refused.contactId, { company: 'Unknown Ltd' });
      h.hs.user.updateContact(accepted.contactId, { company: 'Beta Analytics' });
      const feedback = await eventually(
        () => {
          const value = hubspotContact(h, refused.contactId)?.['leadpact_sales_feedback'];
          return typeof value === 'string' && value.includes(message) ? value : undefined;
        },
        20_000,
        'the refused update’s feedback in HubSpot',
      );
      expect(feedback).toContain('Lead.Company');
      await eventually(
        () => h.sf.records('Lead').find((l) => l['Id'] === accepted.lead['Id'] && l['Company'] === 'Beta Analytics'),
        20_000,
        'the other lead’s update',
      );
      const lead = (id: unknown) => h.sf.records('Lead').find((l) => l['Id'] === id);
      expect(lead(refused.lead['Id'])?.['Company']).toBe(refused.lead['Company']);
      // Still Sales' lead: only Marketing's fix-data clock started.
      const stored = await repositories(h.db).leads.findByHubSpotId(refused.contactId as never);
      expect(stored).toMatchObject({ stage: 'handed_off' });
      await noDeadLetters();
      // Marketing fixes the company in HubSpot: the update goes through.
      h.hs.user.updateContact(refused.contactId, { company: 'Acme Real Ltd' });
      await eventually(
        () => (lead(refused.lead['Id'])?.['Company'] === 'Acme Real Ltd' ? true : undefined),
        20_000,
        'the fixed company in Salesforce',
      );
      await noDeadLetters();
    } finally {
      h.sf.setOrgRules({ validationRules: [] });
    }
  });
});
