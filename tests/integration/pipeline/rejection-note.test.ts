import { handedOff, hubspotContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

describe("a rep's rejection note", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('reaches the HubSpot contact beside the code, and in the feedback marketers read', async () => {
    const { contactId, lead } = await handedOff(h, 'note');
    await h.sales.update('Lead', [
      {
        id: lead.Id as never,
        fields: {
          Status: 'Closed - Not Converted',
          Rejection_Code__c: 'NOT_READY',
          Rejection_Note__c: 'Budget frozen until the new fiscal year; call back in spring.',
        },
      },
    ]);
    const contact = await eventually(
      () => {
        const now = hubspotContact(h, contactId);
        return now?.leadpact_rejection_code === 'NOT_READY' ? now : undefined;
      },
      20_000,
      'the rejection in HubSpot',
    );
    expect(contact.leadpact_rejection_note).toBe('Budget frozen until the new fiscal year; call back in spring.');
    expect(contact.leadpact_sales_feedback).toContain(
      '"Budget frozen until the new fiscal year; call back in spring."',
    );
  });
});
