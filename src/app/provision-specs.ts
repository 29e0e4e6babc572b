import type { HubSpotProvisionSpec } from '../../connectors/hubspot/hubspot-port';
import type { AccessNeeds, FieldRef } from '../../connectors/salesforce/provision-access';
import type { CustomFieldSpec } from '../shared/field-specs';
import { campaignFieldSpecs } from '../metrics/writeback-spec';
import { DEFAULT_WRITE_BACK, type Protocol } from '../protocol';
import { salesforceRoles } from '../protocol/field-sync';
import { salesforceName } from '../protocol/write-back';
import {
  hubspotLeadPropertySpecs,
  salesforceLeadFieldSpecs,
  type ProvisionedProtocol,
} from '../protocol/write-back-specs';
import { salesforceReadFields } from './inbound/salesforce-fields';

/**
 * The custom fields a protocol needs, under the names its write-back section gives them (which
 * may differ from DESIGN.md's defaults): the lead fields on Lead and Contact, from the write-back
 * field table, and the Campaign fields src/metrics writes, its four configurable names and the rest.
 */
export function salesforceFieldSpecs(protocol: ProvisionedProtocol): CustomFieldSpec[] {
  return [
    ...salesforceLeadFieldSpecs(protocol, ['Lead', 'Contact']),
    ...campaignFieldSpecs(protocol.writeBack.campaign),
  ];
}

const PEOPLE = ['Lead', 'Contact'] as const;

/**
 * Beyond the fields it creates, what leadpact reads and writes in Salesforce, gathered from where
 * each is decided: the pipeline's reads (reconciliation, read-backs), how Sales answers (status,
 * rejection code) and the mapped fields, which leadpact writes unless they flow only from
 * Salesforce to HubSpot; and who works the leads (the routing's users and fallback queue), who
 * must see what leadpact writes on them.
 */
export function salesforceAccessNeeds(protocol: Protocol): AccessNeeds {
  const reads: FieldRef[] = Object.entries(salesforceReadFields(protocol)).flatMap(([object, fields]) =>
    fields.map((field) => ({ object, field })),
  );
  const answers: FieldRef[] = PEOPLE.flatMap((object) =>
    [...salesforceRoles(protocol, object).keys()].map((field) => ({ object, field })),
  );
  const edits: FieldRef[] = PEOPLE.flatMap((object) =>
    protocol.fieldSync.mapping.flatMap((mapping) => {
      const field = salesforceName(mapping, object);
      return field === null || mapping.direction === 'salesforce_to_hubspot' ? [] : [{ object, field }];
    }),
  );
  const { pools, territories, fallback } = protocol.routing;
  return {
    reads: [...reads, ...answers],
    edits,
    salesAnswers: answers,
    salesUsers: [
      ...Object.values(pools).flatMap((pool) => pool.members),
      ...territories.flatMap((territory) => (territory.assign.owner === undefined ? [] : [territory.assign.owner])),
    ],
    salesQueues: [fallback.queueId],
  };
}

/** The leadpact property group and properties, under the protocol's HubSpot write-back names. */
export function hubspotProvisionSpec(protocol: ProvisionedProtocol): HubSpotProvisionSpec {
  return { group: { name: 'leadpact', label: 'leadpact' }, properties: hubspotLeadPropertySpecs(protocol) };
}

/** The rejection codes of the example protocol (config/protocol.yaml), which the defaults below offer. */
export const EXAMPLE_REJECTION: Protocol['rejection'] = {
  codes: [
    { code: 'NOT_ICP', label: 'Not our ideal customer', action: 'disqualify' },
    { code: 'NOT_READY', label: 'Not ready to buy yet', action: 'recycle', recycleAfterDays: 90 },
    { code: 'NO_BUDGET', label: 'No budget this year', action: 'recycle', recycleAfterDays: 180 },
    { code: 'BAD_DATA', label: 'Wrong or missing contact data', action: 'fix_data' },
    { code: 'WRONG_PERSON', label: 'Not the right person to talk to', action: 'fix_data' },
    { code: 'DUPLICATE', label: 'Duplicate of a lead or contact we have', action: 'merge' },
    { code: 'EXISTING_CUSTOMER', label: 'Already a customer (account team owns it)', action: 'disqualify' },
    { code: 'COMPETITOR', label: 'Competitor or spam', action: 'disqualify' },
  ],
};

const DEFAULTS: ProvisionedProtocol = { writeBack: DEFAULT_WRITE_BACK, rejection: EXAMPLE_REJECTION };

/** What provisioning creates under DESIGN.md's default names (the tests and benchmarks provision these). */
export const DEFAULT_SALESFORCE_FIELDS: readonly CustomFieldSpec[] = salesforceFieldSpecs(DEFAULTS);
export const DEFAULT_HUBSPOT_PROVISION: HubSpotProvisionSpec = hubspotProvisionSpec(DEFAULTS);
