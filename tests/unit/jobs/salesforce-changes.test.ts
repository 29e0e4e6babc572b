import { routeSalesforceChange } from '../../../src/app/inbound/salesforce-changes';
import { newLead } from '../../../src/protocol';
import { hubSpotContactId, leadId, salesforceId } from '../../../src/shared/ids';

const LEAD = salesforceId('00Q5g0000100001EAA');
const change = (fields: Record<string, unknown>) => ({
  object: 'Lead',
  id: LEAD,
  fields: { HubSpot_Contact_Id__c: '101', ...fields },
  changeId: 'n1',
  at: 1_000,
});
const unlinked = (pendingHandoff: string | null) => ({
  ...newLead({
    id: leadId('6f1c3a52-5d0e-4a7b-9c4e-1d2f3a4b5c6d'),
    at: 0,
    protocolVersion: '1',
    hubspotContactId: hubSpotContactId('101'),
  }),
  pendingHandoff,
});

describe('routing a Salesforce change to its lead', () => {
  it('finds the lead by its Salesforce id first, then by the HubSpot id the record carries', () => {
    const routed = routeSalesforceChange(change({ Status: 'Working - Contacted' }), 'HubSpot_Contact_Id__c');
    expect(routed?.keys).toEqual([
      { kind: 'salesforce', id: LEAD },
      { kind: 'hubspot', id: '101' },
    ]);
  });

  it('does not drop a change that arrives before its hand-off is recorded: the job is retried', () => {
    const routed = routeSalesforceChange(
      change({ Status: 'Closed - Not Converted', Rejection_Code__c: 'NOT_READY' }),
      'HubSpot_Contact_Id__c',
    );
    let thrown: unknown;
    try {
      routed?.build(unlinked('lead:handoff:1'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'LEAD_NOT_LINKED_YET', retryable: true });
    expect(routed?.build(unlinked(null))).toEqual([]);
  });

  it('a converted Lead becomes a change and a conversion; a deleted one with a master, a merge', () => {
    const converted = routeSalesforceChange(
      change({ IsConverted: 'true', ConvertedOpportunityId: '0065g000001AbCdEAK' }),
      'HubSpot_Contact_Id__c',
    );
    const linked = { ...unlinked(null), salesforce: { id: LEAD, object: 'Lead' as const } };
    expect(converted?.build(linked).map((e) => e.type)).toEqual([
      'salesforce.lead.changed',
      'salesforce.lead.converted',
    ]);
    const merged = routeSalesforceChange(
      change({ IsDeleted: true, MasterRecordId: '00Q5g0000100002EAA' }),
      'HubSpot_Contact_Id__c',
    );
    expect(merged?.build(linked).map((e) => e.type)).toEqual(['salesforce.lead.merged']);
  });

  it("hands the engine Salesforce's system fields as facts: owner, state stamp, last activity, conversion", () => {
    const routed = routeSalesforceChange(
      change({
        Status: 'Closed - Converted',
        OwnerId: '005000000000001AAA',
        SystemModstamp: '2026-06-10T10:00:00.000Z',
        LastActivityDate: '2026-06-09',
        IsConverted: 'true',
        ConvertedContactId: '003000000000001AAA',
      }),
      'HubSpot_Contact_Id__c',
    );
    const linked = { ...unlinked(null), salesforce: { id: LEAD, object: 'Lead' as const } };
    const [changed, converted] = routed?.build(linked) ?? [];
    expect(changed).toMatchObject({
      type: 'salesforce.lead.changed',
      ownerId: '005000000000001AAA',
      stateAt: Date.parse('2026-06-10T10:00:00.000Z'),
      lastActivityAt: Date.parse('2026-06-09'),
      converted: true,
    });
    expect(converted).toMatchObject({ type: 'salesforce.lead.converted', contactId: '003000000000001AAA' });
    const plain = routeSalesforceChange(change({ Status: 'Working - Contacted' }), 'HubSpot_Contact_Id__c');
    expect(plain?.build(linked)).toEqual([
      expect.not.objectContaining({ converted: expect.anything(), ownerId: expect.anything() }),
    ]);
  });

  it('ignores objects the pipeline does not follow', () => {
    expect(routeSalesforceChange({ ...change({}), object: 'Account' }, 'HubSpot_Contact_Id__c')).toBeNull();
  });
});
