import { STAGES } from '../../src/protocol/stages';
import type { HubSpotProvisionSpec } from './hubspot-port';
import type { HubSpotPropertySpec } from '../../src/shared/field-specs';

type Option = NonNullable<HubSpotPropertySpec['options']>[number];

const choices = (values: readonly string[], label: (value: string) => string = (value) => value): readonly Option[] =>
  values.map((value) => ({ label: label(value), value }));

const titleCase = (value: string): string =>
  value
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

/**
 * The property group and contact properties leadpact writes (DESIGN.md, "Default names leadpact
 * writes"). Option values are exactly what the protocol engine writes: stage ids, the SLA labels of
 * DESIGN.md, won/lost. leadpact_reengage_at and leadpact_amount are written by the engine's
 * write-back too (src/protocol/schema/write-back.schema.ts), so they are provisioned with the rest.
 * Webhook subscriptions need the app id and public URL, so they are added by the caller.
 */
export const DEFAULT_HUBSPOT_PROVISION: HubSpotProvisionSpec = {
  group: { name: 'leadpact', label: 'leadpact' },
  properties: [
    {
      name: 'leadpact_stage',
      label: 'Lead protocol stage',
      type: 'enumeration',
      fieldType: 'select',
      options: choices(STAGES, titleCase),
      description: 'Where the lead stands in the agreed lead protocol; written by leadpact only.',
    },
    {
      name: 'leadpact_salesforce_id',
      label: 'Salesforce record id',
      type: 'string',
      fieldType: 'text',
      description: 'The Salesforce Lead or Contact this contact was handed off as.',
    },
    {
      name: 'leadpact_sla_status',
      label: 'Sales SLA status',
      type: 'enumeration',
      fieldType: 'select',
      options: choices(['On Track', 'At Risk', 'Breached', 'Met']),
      description: 'Whether Sales is acting on the lead within the agreed time.',
    },
    {
      name: 'leadpact_rejection_code',
      label: 'Sales rejection code',
      type: 'string',
      fieldType: 'text',
      description: 'The agreed reason code Sales gave when rejecting the lead.',
    },
    {
      name: 'leadpact_sales_feedback',
      label: 'Sales feedback',
      type: 'string',
      fieldType: 'textarea',
      description: 'What Sales said about the lead.',
    },
    {
      name: 'leadpact_time_to_accept_min',
      label: 'Time to accept (minutes)',
      type: 'number',
      fieldType: 'number',
      description: 'Business minutes from hand-off to acceptance.',
    },
    {
      name: 'leadpact_time_to_first_touch_min',
      label: 'Time to first touch (minutes)',
      type: 'number',
      fieldType: 'number',
      description: 'Business minutes from hand-off to the first sales touch (call, email, meeting).',
    },
    {
      name: 'leadpact_outcome',
      label: 'Sales outcome',
      type: 'enumeration',
      fieldType: 'select',
      options: choices(['won', 'lost'], titleCase),
      description: 'Whether the opportunity from this lead was won or lost.',
    },
    {
      name: 'leadpact_protocol_version',
      label: 'Lead protocol version',
      type: 'string',
      fieldType: 'text',
      description: 'The version of the lead protocol that judged this lead.',
    },
    {
      name: 'leadpact_reengage_at',
      label: 'Re-engage at',
      type: 'datetime',
      fieldType: 'date',
      description: 'When a recycled lead is due back from nurturing.',
    },
    {
      name: 'leadpact_amount',
      label: 'Won amount',
      type: 'number',
      fieldType: 'number',
      description: 'The amount of the won opportunity.',
    },
  ],
};

/** The contact events leadpact listens to; propertyChange subscriptions name the properties it reads. */
export function defaultWebhookSubscriptions(
  watchedProperties: readonly string[],
): NonNullable<HubSpotProvisionSpec['webhooks']>['subscriptions'] {
  return [
    { eventType: 'contact.creation' },
    { eventType: 'contact.deletion' },
    { eventType: 'contact.merge' },
    { eventType: 'contact.associationChange' },
    ...watchedProperties.map((propertyName) => ({ eventType: 'contact.propertyChange', propertyName })),
  ];
}
