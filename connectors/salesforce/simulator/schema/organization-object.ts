import { bool, datetime, picklist, standardObject, text } from './field';
import { KEY_PREFIXES } from './ids';

/**
 * The org itself: one read-only row whose Id is the org id. Clients read it to learn the edition
 * and whether the org is a sandbox (@salesforce/core queries Name, InstanceName, IsSandbox,
 * TrialExpirationDate, NamespacePrefix and OrganizationType on every login).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_organization.htm
 */
export const ORGANIZATION = standardObject(
  'Organization',
  { label: 'Organization', labelPlural: 'Organizations', keyPrefix: KEY_PREFIXES.Organization },
  [
    text('Name', 'Name', 80, { required: true, nameField: true }),
    text('Division', 'Division', 80),
    text('Country', 'Country', 80),
    text('InstanceName', 'Instance Name', 5, { readOnly: true }),
    bool('IsSandbox', 'Is Sandbox', { readOnly: true }),
    text('NamespacePrefix', 'Namespace Prefix', 15, { readOnly: true }),
    picklist(
      'OrganizationType',
      'Edition',
      ['Developer Edition', 'Enterprise Edition', 'Professional Edition', 'Unlimited Edition', 'Team Edition'],
      { readOnly: true },
    ),
    datetime('TrialExpirationDate', 'Trial Expiration Date', { readOnly: true }),
    picklist('TimeZoneSidKey', 'Default Time Zone', ['America/Los_Angeles', 'America/New_York', 'Europe/London'], {
      defaultValue: 'America/Los_Angeles',
    }),
    text('LanguageLocaleKey', 'Language', 40),
    text('DefaultLocaleSidKey', 'Locale', 40),
  ],
  { createable: false, updateable: false, deletable: false, softDelete: false },
);

/** The Organization row as a fresh Enterprise Edition production org has it. */
export function organizationRow(
  orgId: string,
  now: number,
  userId: string,
): Readonly<Record<string, string | number | boolean | null>> {
  return {
    Id: orgId,
    Name: 'leadpact Simulated Org',
    Division: null,
    Country: 'US',
    InstanceName: 'SIM1',
    IsSandbox: false,
    NamespacePrefix: null,
    OrganizationType: 'Enterprise Edition',
    TrialExpirationDate: null,
    TimeZoneSidKey: 'America/Los_Angeles',
    LanguageLocaleKey: 'en_US',
    DefaultLocaleSidKey: 'en_US',
    CreatedDate: now,
    CreatedById: userId,
    LastModifiedDate: now,
    LastModifiedById: userId,
    SystemModstamp: now,
  };
}
