import type { CustomFieldSpec, HubSpotPropertySpec } from '../shared/field-specs';
import type { SalesforceObject } from './effects';
import type { Protocol } from './schema/protocol.schema';
import {
  carriedBy,
  WRITE_BACK_FIELDS,
  type FieldType,
  type HubSpotRole,
  type SalesforceRole,
} from './write-back-fields';

const SALESFORCE_TYPES: Readonly<Record<FieldType, CustomFieldSpec['type']>> = {
  text: 'Text',
  longText: 'LongTextArea',
  number: 'Number',
  datetime: 'DateTime',
  picklist: 'Picklist',
};

const HUBSPOT_TYPES: Readonly<Record<FieldType, Pick<HubSpotPropertySpec, 'type' | 'fieldType'>>> = {
  text: { type: 'string', fieldType: 'text' },
  longText: { type: 'string', fieldType: 'textarea' },
  number: { type: 'number', fieldType: 'number' },
  datetime: { type: 'datetime', fieldType: 'date' },
  picklist: { type: 'enumeration', fieldType: 'select' },
};

/** Only what provisioning reads of a protocol: the write-back names and the rejection codes. */
export type ProvisionedProtocol = Pick<Protocol, 'writeBack' | 'rejection'>;

/**
 * The custom fields the protocol's Salesforce write-back names need on the given objects. Lead and
 * Contact carry the same fields, because a hand-off lands on a Contact when the company is an Account;
 * a field for one object only (the Contact's sales response) is left off the other.
 */
export function salesforceLeadFieldSpecs(
  protocol: ProvisionedProtocol,
  objects: readonly SalesforceObject[],
): CustomFieldSpec[] {
  const roles = Object.entries(protocol.writeBack.salesforce) as [SalesforceRole, string][];
  return objects.flatMap((object) =>
    roles.flatMap(([role, name]): CustomFieldSpec[] => {
      const { type, options, salesforce } = WRITE_BACK_FIELDS[role];
      if (!carriedBy(salesforce, object)) return [];
      const { label, description, helpText, objects: _objects, ...sizes } = salesforce;
      return [
        {
          object,
          name,
          label,
          description,
          helpText,
          type: SALESFORCE_TYPES[type],
          ...sizes,
          ...(options === undefined ? {} : { picklistValues: options(protocol) }),
        },
      ];
    }),
  );
}

/** The contact properties the protocol's HubSpot write-back names need. */
export function hubspotLeadPropertySpecs(protocol: ProvisionedProtocol): HubSpotPropertySpec[] {
  return (Object.entries(protocol.writeBack.hubspot) as [HubSpotRole, string][]).map(([role, name]) => {
    const { options, hubspot } = WRITE_BACK_FIELDS[role];
    const type = hubspot.type ?? WRITE_BACK_FIELDS[role].type;
    return {
      name,
      label: hubspot.label,
      ...HUBSPOT_TYPES[type],
      ...(options === undefined || type !== 'picklist' ? {} : { options: options(protocol) }),
      description: hubspot.description,
    };
  });
}
