import type { HubSpotProvisionSpec } from '../../connectors/hubspot/hubspot-port';
import type { HubSpotPropertySpec } from '../shared/field-specs';
import { DEFAULT_HUBSPOT_PROVISION } from '../../connectors/hubspot/provision-properties';
import { DEFAULT_SALESFORCE_FIELDS } from '../../connectors/salesforce/provision-fields';
import type { CustomFieldSpec } from '../shared/field-specs';
import { campaignFieldSpecs } from '../metrics';
import { DEFAULT_WRITE_BACK, type Protocol } from '../protocol';

type WriteBack = Protocol['writeBack'];

/**
 * The custom fields a protocol needs, under the names its write-back section gives them (which
 * may differ from DESIGN.md's defaults). Lead and Contact carry the same fields, because a
 * hand-off lands on a Contact when the e-mail's company is an existing Account. Campaign fields
 * come from src/metrics, which writes them: its four configurable names and the rest.
 */
export function salesforceFieldSpecs(protocol: Protocol): CustomFieldSpec[] {
  const specs: CustomFieldSpec[] = [];
  for (const object of ['Lead', 'Contact'] as const) {
    for (const [key, name] of Object.entries(protocol.writeBack.salesforce) as [
      keyof WriteBack['salesforce'],
      string,
    ][]) {
      const template = DEFAULT_SALESFORCE_FIELDS.find(
        (spec) => spec.object === 'Lead' && spec.name === DEFAULT_WRITE_BACK.salesforce[key],
      );
      if (template !== undefined) specs.push({ ...template, object, name });
    }
  }
  return [...specs, ...campaignFieldSpecs(protocol.writeBack.campaign)];
}

/** The leadpact property group and properties, under the protocol's HubSpot write-back names. */
export function hubspotProvisionSpec(protocol: Protocol): HubSpotProvisionSpec {
  const properties: HubSpotPropertySpec[] = [];
  for (const [key, name] of Object.entries(protocol.writeBack.hubspot) as [keyof WriteBack['hubspot'], string][]) {
    const template = DEFAULT_HUBSPOT_PROVISION.properties.find((spec) => spec.name === DEFAULT_WRITE_BACK.hubspot[key]);
    if (template !== undefined) properties.push({ ...template, name });
  }
  return { group: DEFAULT_HUBSPOT_PROVISION.group, properties };
}
