import { compareCounts, crmCounts, scorecardCounts, type CrmState } from '../../../src/demo/agreement';
import type { ScorecardData } from '../../../src/metrics';
import { sampleScorecard } from '../metrics/sample-scorecard';
import { exampleProtocol } from './demo-fixture';

const protocol = exampleProtocol();

const lead = (id: string, hubspotId: string, fields: Record<string, unknown> = {}) => ({
  Id: id,
  HubSpot_Contact_Id__c: hubspotId,
  Status: 'Open - Not Contacted',
  IsConverted: false,
  IsDeleted: false,
  SLA_Status__c: 'On Track',
  Lead_Protocol_Stage__c: 'handed_off',
  ...fields,
});

/** One Lead in each situation the demo produces, as the simulators would hold them. */
const STATE: CrmState = {
  salesforce: {
    leads: [
      lead('00Q1', '1', { Status: 'Working - Contacted', SLA_Status__c: 'Met' }),
      lead('00Q2', '2', {
        Status: 'Closed - Converted',
        IsConverted: true,
        ConvertedContactId: '0031',
        ConvertedOpportunityId: '0061',
        SLA_Status__c: 'On Track',
      }),
      lead('00Q3', '3', {
        Status: 'Closed - Converted',
        IsConverted: true,
        ConvertedContactId: '0032',
        ConvertedOpportunityId: '0062',
      }),
      lead('00Q4', '4', {
        Status: 'Closed - Not Converted',
        Rejection_Code__c: 'NOT_READY',
        Lead_Protocol_Stage__c: 'recycled',
      }),
      lead('00Q5', '5', {
        Status: 'Closed - Not Converted',
        Rejection_Code__c: null,
        Lead_Protocol_Stage__c: 'rejected',
        SLA_Status__c: 'Met',
      }),
      // Returned to Marketing by the SLA ladder: closed, but no one in Sales rejected it.
      lead('00Q6', '6', {
        Status: 'Closed - Not Converted',
        Lead_Protocol_Stage__c: 'recycled',
        SLA_Status__c: 'Breached',
      }),
      // Its HubSpot contact was merged away: the lead was retired.
      lead('00Q7', '7', {
        Status: 'Closed - Not Converted',
        Rejection_Code__c: 'DUPLICATE',
        Lead_Protocol_Stage__c: 'disqualified',
      }),
      lead('00Q8', '8', { IsDeleted: true }),
      lead('00Q9', '9', { SLA_Status__c: 'Breached' }),
    ],
    contacts: [
      { Id: '0031', SLA_Status__c: 'Met' },
      { Id: '0032', SLA_Status__c: 'Breached' },
    ],
    opportunities: [
      { Id: '0061', IsClosed: true, IsWon: true, Amount: 30_000 },
      { Id: '0062', IsClosed: true, IsWon: false, Amount: 12_000 },
    ],
  },
  hubspot: ['1', '2', '3', '4', '5', '6', '8', '9', '10'].map((id) => ({
    id,
    properties: { leadpact_outcome: id === '2' ? 'won' : null },
  })),
};

describe('the CRMs counted as a person looking at them would', () => {
  it('counts hand-offs, answers, rejections by code, breaches and deals', () => {
    expect(crmCounts(STATE, protocol)).toEqual({
      contacts: 9,
      handedOff: 7,
      accepted: 3,
      rejected: 2,
      rejectedByCode: { NOT_READY: 1, '(no code)': 1 },
      slaBreached: 3,
      won: 1,
      wonAmount: 30_000,
      lost: 1,
      wonInHubSpot: 1,
    });
  });

  it("sets each scorecard number beside the CRMs' own and says which agree", () => {
    const crm = crmCounts(STATE, protocol);
    const card = {
      handedOff: 7,
      accepted: 3,
      rejected: 2,
      rejectedByCode: { '(no code)': 1, NOT_READY: 1 },
      slaBreached: 3,
      won: 1,
      wonAmount: 30_000,
    };
    expect(compareCounts(crm, card).every((check) => check.agree)).toBe(true);
    const off = compareCounts(crm, { ...card, won: 0, rejectedByCode: { NOT_READY: 2 } });
    expect(off.filter((check) => !check.agree).map((check) => check.name)).toEqual([
      '  rejected (no code)',
      '  rejected NOT_READY',
      'Won',
      'Won in HubSpot (leadpact_outcome)',
    ]);
  });

  it("reads the scorecard's counts: breaches are the settled SLAs that were not met", () => {
    const data: ScorecardData = sampleScorecard();
    const counts = scorecardCounts(data);
    expect(counts.handedOff).toBe(data.overall.handed_off.value);
    expect(counts.slaBreached).toBe(
      (data.overall.sla_compliance.denominator ?? 0) - (data.overall.sla_compliance.numerator ?? 0),
    );
    expect(counts.rejectedByCode).toEqual(Object.fromEntries(data.rejections.map((r) => [r.code, r.count])));
  });
});
