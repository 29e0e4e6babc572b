import { lifecycleWrite } from '../../../src/protocol/hubspot-lifecycle';
import { newLead, type Lead } from '../../../src/protocol/lead';
import type { Stage } from '../../../src/protocol/stages';
import { leadId } from '../../../src/shared/ids';
import { exampleProtocol, protocolWith } from './fixtures';

const protocol = exampleProtocol();

function lead(stage: Stage, lifecyclestage?: string): Lead {
  const base = newLead({ id: leadId('3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f8a9b0c'), at: 0, protocolVersion: '1' });
  return {
    ...base,
    stage,
    crm: { ...base.crm, hubspot: lifecyclestage === undefined ? {} : { lifecyclestage } },
  };
}

describe("HubSpot's lifecycle stage and lead status for a lead's stage", () => {
  it('maps each stage by the defaults, forward from what HubSpot holds', () => {
    expect(lifecycleWrite(lead('handed_off', 'lead'), protocol)).toEqual({
      properties: { lifecyclestage: 'marketingqualifiedlead', hs_lead_status: 'NEW' },
      clearFirst: [],
    });
    expect(lifecycleWrite(lead('won', 'opportunity'), protocol).properties).toEqual({ lifecyclestage: 'customer' });
    expect(lifecycleWrite(lead('new'), protocol).properties).toEqual({});
  });

  it('does not send an earlier stage HubSpot would ignore, except where the protocol moves back', () => {
    // A lead nurtured again after a marketer made the contact an SQL: HubSpot keeps the later stage.
    expect(lifecycleWrite(lead('nurturing', 'salesqualifiedlead'), protocol)).toEqual({
      properties: {},
      clearFirst: [],
    });
    expect(lifecycleWrite(lead('recycled', 'marketingqualifiedlead'), protocol)).toEqual({
      properties: { lifecyclestage: 'lead', hs_lead_status: 'BAD_TIMING' },
      clearFirst: ['lifecyclestage'],
    });
    expect(lifecycleWrite(lead('recycled', 'customer'), protocol)).toEqual({
      properties: { hs_lead_status: 'BAD_TIMING' },
      clearFirst: [],
    });
  });

  it("follows the protocol's own mapping, and writes nothing when turned off", () => {
    const custom = protocolWith((doc) => {
      doc.setIn(['hubspotLifecycle', 'lifecycleStage', 'accepted'], 'opportunity');
      doc.setIn(['hubspotLifecycle', 'leadStatus', 'accepted'], null);
    });
    expect(lifecycleWrite(lead('accepted', 'lead'), custom).properties).toEqual({ lifecyclestage: 'opportunity' });
    // A custom stage of the account: its order is unknown, so the value is written.
    expect(lifecycleWrite(lead('accepted', 'partner_referral'), custom).properties).toEqual({
      lifecyclestage: 'opportunity',
    });
    const off = protocolWith((doc) => doc.setIn(['hubspotLifecycle', 'enabled'], false));
    expect(lifecycleWrite(lead('won', 'lead'), off)).toEqual({ properties: {}, clearFirst: [] });
  });
});
