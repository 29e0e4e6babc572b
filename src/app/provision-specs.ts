import type { HubSpotProvisionSpec } from '../../connectors/hubspot/hubspot-port';
import type { CustomFieldSpec } from '../shared/field-specs';
import { campaignFieldSpecs } from '../metrics/writeback-spec';
import { DEFAULT_WRITE_BACK, type Protocol } from '../protocol';
import { hubspotLeadPropertySpecs, salesforceLeadFieldSpecs } from '../protocol/write-back-fields';

/** Only the write-back names decide what is provisioned. */
type WriteBackOf = Pick<Protocol, 'writeBack'>;

/**
 * The custom fields a protocol needs, under the names its write-back section gives them (which
 * may differ from DESIGN.md's defaults): the lead fields on Lead and Contact, from the write-back
 * field table, and the Campaign fields src/metrics writes, its four configurable names and the rest.
 */
export function salesforceFieldSpecs({ writeBack }: WriteBackOf): CustomFieldSpec[] {
  return [
    ...salesforceLeadFieldSpecs(writeBack.salesforce, ['Lead', 'Contact']),
    ...campaignFieldSpecs(writeBack.campaign),
  ];
}

/** The leadpact property group and properties, under the protocol's HubSpot write-back names. */
export function hubspotProvisionSpec({ writeBack }: WriteBackOf): HubSpotProvisionSpec {
  return { group: { name: 'leadpact', label: 'leadpact' }, properties: hubspotLeadPropertySpecs(writeBack.hubspot) };
}

/** What provisioning creates under DESIGN.md's default names (the tests and benchmarks provision these). */
export const DEFAULT_SALESFORCE_FIELDS: readonly CustomFieldSpec[] = salesforceFieldSpecs({
  writeBack: DEFAULT_WRITE_BACK,
});
export const DEFAULT_HUBSPOT_PROVISION: HubSpotProvisionSpec = hubspotProvisionSpec({ writeBack: DEFAULT_WRITE_BACK });
