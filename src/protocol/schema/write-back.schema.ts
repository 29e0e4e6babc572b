import { z } from 'zod';
import { hubspotPropertySchema, salesforceFieldSchema } from './common.schema';

/**
 * The names leadpact writes (DESIGN.md "Default names"). `reengageAt` and `amount` on HubSpot are
 * additions: the recycle date marketers nurture towards, and the revenue their lead became. Time to
 * first touch (both sides) is issue 7's per-lead metric, in business minutes like time to accept.
 */
export const DEFAULT_WRITE_BACK = {
  salesforce: {
    hubspotContactId: 'HubSpot_Contact_Id__c',
    stage: 'Lead_Protocol_Stage__c',
    protocolVersion: 'Protocol_Version__c',
    fitScore: 'Fit_Score__c',
    readinessScore: 'Readiness_Score__c',
    qualificationSummary: 'Qualification_Summary__c',
    mqlAt: 'MQL_At__c',
    handoffAt: 'Handoff_At__c',
    slaAcceptDue: 'SLA_Accept_Due__c',
    slaStatus: 'SLA_Status__c',
    acceptedAt: 'Accepted_At__c',
    timeToAcceptMin: 'Time_To_Accept_Min__c',
    firstTouchAt: 'First_Touch_At__c',
    timeToFirstTouchMin: 'Time_To_First_Touch_Min__c',
    rejectionCode: 'Rejection_Code__c',
    rejectionNote: 'Rejection_Note__c',
    /** Contact only: how Sales answers a Contact, which has no Lead Status. */
    salesResponse: 'Sales_Response__c',
  },
  hubspot: {
    stage: 'leadpact_stage',
    salesforceId: 'leadpact_salesforce_id',
    slaStatus: 'leadpact_sla_status',
    rejectionCode: 'leadpact_rejection_code',
    rejectionNote: 'leadpact_rejection_note',
    salesFeedback: 'leadpact_sales_feedback',
    timeToAcceptMin: 'leadpact_time_to_accept_min',
    timeToFirstTouchMin: 'leadpact_time_to_first_touch_min',
    outcome: 'leadpact_outcome',
    protocolVersion: 'leadpact_protocol_version',
    reengageAt: 'leadpact_reengage_at',
    amount: 'leadpact_amount',
  },
  campaign: {
    mqls: 'Leadpact_MQLs__c',
    acceptanceRate: 'Leadpact_Acceptance_Rate__c',
    wastageRate: 'Leadpact_Wastage_Rate__c',
    slaCompliance: 'Leadpact_SLA_Compliance__c',
  },
} as const;

const SF = DEFAULT_WRITE_BACK.salesforce;
const HS = DEFAULT_WRITE_BACK.hubspot;
const CAMPAIGN = DEFAULT_WRITE_BACK.campaign;
const sf = (name: string) => salesforceFieldSchema.default(name);
const hs = (name: string) => hubspotPropertySchema.default(name);

export const writeBackSchema = z
  .strictObject({
    salesforce: z
      .strictObject({
        hubspotContactId: sf(SF.hubspotContactId),
        stage: sf(SF.stage),
        protocolVersion: sf(SF.protocolVersion),
        fitScore: sf(SF.fitScore),
        readinessScore: sf(SF.readinessScore),
        qualificationSummary: sf(SF.qualificationSummary),
        mqlAt: sf(SF.mqlAt),
        handoffAt: sf(SF.handoffAt),
        slaAcceptDue: sf(SF.slaAcceptDue),
        slaStatus: sf(SF.slaStatus),
        acceptedAt: sf(SF.acceptedAt),
        timeToAcceptMin: sf(SF.timeToAcceptMin),
        firstTouchAt: sf(SF.firstTouchAt),
        timeToFirstTouchMin: sf(SF.timeToFirstTouchMin),
        rejectionCode: sf(SF.rejectionCode),
        rejectionNote: sf(SF.rejectionNote),
        salesResponse: sf(SF.salesResponse),
      })
      .prefault({}),
    hubspot: z
      .strictObject({
        stage: hs(HS.stage),
        salesforceId: hs(HS.salesforceId),
        slaStatus: hs(HS.slaStatus),
        rejectionCode: hs(HS.rejectionCode),
        rejectionNote: hs(HS.rejectionNote),
        salesFeedback: hs(HS.salesFeedback),
        timeToAcceptMin: hs(HS.timeToAcceptMin),
        timeToFirstTouchMin: hs(HS.timeToFirstTouchMin),
        outcome: hs(HS.outcome),
        protocolVersion: hs(HS.protocolVersion),
        reengageAt: hs(HS.reengageAt),
        amount: hs(HS.amount),
      })
      .prefault({}),
    campaign: z
      .strictObject({
        mqls: sf(CAMPAIGN.mqls),
        acceptanceRate: sf(CAMPAIGN.acceptanceRate),
        wastageRate: sf(CAMPAIGN.wastageRate),
        slaCompliance: sf(CAMPAIGN.slaCompliance),
      })
      .prefault({}),
  })
  .superRefine((writeBack, ctx) => {
    for (const side of ['salesforce', 'hubspot'] as const) {
      const seen = new Map<string, string>();
      for (const [key, name] of Object.entries(writeBack[side])) {
        const other = seen.get(name);
        if (other !== undefined)
          ctx.addIssue({ code: 'custom', path: [side, key], message: `"${name}" is already used for ${other}` });
        seen.set(name, key);
      }
    }
  });

/** How Sales speaks through the standard Lead Status (DESIGN.md): mapping configurable. */
export const salesStatusSchema = z
  .strictObject({
    leadField: salesforceFieldSchema.default('Status'),
    /**
     * A field of the org's own on a Contact that plays the part of Status, with the values above; null
     * (the default): Sales answers a Contact with leadpact's sales-response picklist (writeBack.salesforce.salesResponse).
     */
    contactField: salesforceFieldSchema.nullable().default(null),
    /** Written at hand-off. */
    open: z.string().min(1).default('Open - Not Contacted'),
    accepted: z.array(z.string().min(1)).min(1).default(['Working - Contacted']),
    rejected: z.array(z.string().min(1)).min(1).default(['Closed - Not Converted']),
    /** Written when the engine takes the lead back from Sales (SLA ladder, dormancy). */
    returned: z.string().min(1).default('Closed - Not Converted'),
  })
  .prefault({});

export type WriteBackNames = z.output<typeof writeBackSchema>;
export type SalesStatusDefinition = z.output<typeof salesStatusSchema>;
