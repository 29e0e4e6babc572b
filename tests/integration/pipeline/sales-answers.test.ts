import { hubspotContact, handedOff, qualifiedContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

type Row = Readonly<Record<string, unknown>>;

/**
 * Sales answers in Salesforce as reps do: a Lead through Status and the rejection-code picklist, a
 * Contact handed off on a matched Account through the Sales Response picklist beside the same
 * rejection fields. Each answer reaches the HubSpot contact marketers read.
 */
describe('Sales answers a lead in Salesforce, and HubSpot hears it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // An existing customer: contacts at its domain are handed off as Contacts on its Account.
    h.sf.seed('Account', [{ Name: 'Globex', Website: 'https://globex-answers.io' }]);
  });
  afterAll(async () => {
    await h.close();
  });

  async function inHubSpot(contactId: string, what: string, done: (p: Row) => boolean): Promise<Row> {
    return eventually(
      () => {
        const properties = hubspotContact(h, contactId);
        return properties !== undefined && done(properties) ? properties : undefined;
      },
      20_000,
      what,
    );
  }

  async function contactHandedOff(n: string): Promise<{ contactId: string; record: Row }> {
    const contact = h.hs.user.createContact(qualifiedContact(n, { email: `buyer-${n}@globex-answers.io` }));
    const record = await eventually(
      () => h.sf.records('Contact').find((c) => c.HubSpot_Contact_Id__c === contact.id),
      20_000,
      `the Contact of ${n}`,
    );
    return { contactId: contact.id, record };
  }

  it('a rep picks a rejection code from the picklist, with a note; both reach HubSpot', async () => {
    const { contactId, lead } = await handedOff(h, 'picked');
    // Typing the reason instead of picking it is refused, as the restricted picklist does in Salesforce.
    const [typed] = await h.sales.update('Lead', [
      { id: lead.Id as never, fields: { Status: 'Closed - Not Converted', Rejection_Code__c: 'not ready' } },
    ]);
    expect(typed).toMatchObject({ ok: false, code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    const [picked] = await h.sales.update('Lead', [
      {
        id: lead.Id as never,
        fields: {
          Status: 'Closed - Not Converted',
          Rejection_Code__c: 'NO_BUDGET',
          Rejection_Note__c: 'Budget went to the data platform this year.',
        },
      },
    ]);
    expect(picked?.ok).toBe(true);
    const contact = await inHubSpot(
      contactId,
      'the picked code in HubSpot',
      (p) => p.leadpact_rejection_code === 'NO_BUDGET',
    );
    expect(contact).toMatchObject({
      leadpact_rejection_note: 'Budget went to the data platform this year.',
      leadpact_stage: 'recycled',
    });
  });

  it('a Contact handed off on a matched Account, accepted in Salesforce, is accepted in HubSpot', async () => {
    const { contactId, record } = await contactHandedOff('accept');
    expect(record).toMatchObject({ Lead_Protocol_Stage__c: 'handed_off', Sales_Response__c: null });
    const [answered] = await h.sales.update('Contact', [
      { id: record.Id as never, fields: { Sales_Response__c: 'accepted' } },
    ]);
    expect(answered?.ok).toBe(true);
    const contact = await inHubSpot(contactId, 'the acceptance in HubSpot', (p) => p.leadpact_stage === 'accepted');
    expect(contact.leadpact_sales_feedback).toMatch(/^Accepted by Sales/);
    const written = await eventually(
      () => h.sf.records('Contact').find((c) => c.Id === record.Id && c.Accepted_At__c !== null),
      20_000,
      'the acceptance written back on the Contact',
    );
    expect(written).toMatchObject({ Lead_Protocol_Stage__c: 'accepted', Sales_Response__c: 'accepted' });
  });

  it('a Contact rejected in Salesforce with a code and a note reaches HubSpot with both', async () => {
    const { contactId, record } = await contactHandedOff('reject');
    const [answered] = await h.sales.update('Contact', [
      {
        id: record.Id as never,
        fields: {
          Sales_Response__c: 'rejected',
          Rejection_Code__c: 'WRONG_PERSON',
          Rejection_Note__c: 'She left Globex in March; her successor runs procurement.',
        },
      },
    ]);
    expect(answered?.ok).toBe(true);
    const contact = await inHubSpot(
      contactId,
      'the rejection in HubSpot',
      (p) => p.leadpact_rejection_code === 'WRONG_PERSON',
    );
    expect(contact.leadpact_rejection_note).toBe('She left Globex in March; her successor runs procurement.');
    expect(contact.leadpact_sales_feedback).toContain('Rejected by Sales: WRONG_PERSON');
    // fix_data: back to Marketing, who fix the contact; the answer stays on the Contact as the rep left it.
    expect(contact.leadpact_stage).toBe('nurturing');
    const held = h.sf.records('Contact').find((c) => c.Id === record.Id);
    expect(held).toMatchObject({ Sales_Response__c: 'rejected', Rejection_Code__c: 'WRONG_PERSON' });
  });
});
