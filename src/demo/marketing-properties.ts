import type { HubSpotProvisionSpec } from '../../connectors/hubspot/hubspot-port';

/**
 * The custom contact properties the example protocol reads: what a B2B marketing team's HubSpot
 * would already hold (campaign tags, enrichment, product signals). The demo and the tests create
 * them in the simulated portal; a real portal has its own, named in its protocol file.
 */
export const MARKETING_PROPERTIES: HubSpotProvisionSpec = {
  group: { name: 'corvid_marketing', label: 'Corvid marketing' },
  properties: [
    { name: 'utm_campaign', label: 'Campaign (UTM)', type: 'string', fieldType: 'text' },
    // Contacts have only the banded `numemployees`; enrichment writes the exact head count here.
    { name: 'numberofemployees', label: 'Number of employees (enriched)', type: 'number', fieldType: 'number' },
    { name: 'do_not_contact', label: 'Do not contact', type: 'bool', fieldType: 'booleancheckbox' },
    {
      name: 'company_segment',
      label: 'Company segment',
      type: 'enumeration',
      fieldType: 'select',
      options: [
        { label: 'SMB', value: 'smb' },
        { label: 'Mid-market', value: 'midmarket' },
        { label: 'Enterprise', value: 'enterprise' },
      ],
    },
    { name: 'demo_requested_date', label: 'Demo requested', type: 'datetime', fieldType: 'date' },
    { name: 'trial_started_date', label: 'Trial started', type: 'datetime', fieldType: 'date' },
    { name: 'last_pricing_page_view', label: 'Last pricing page view', type: 'datetime', fieldType: 'date' },
    { name: 'webinar_attended_date', label: 'Webinar attended', type: 'datetime', fieldType: 'date' },
  ],
};
