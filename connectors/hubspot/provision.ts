import type { Client } from '@hubspot/api-client';
import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
  PropertyUpdateFieldTypeEnum,
  PropertyUpdateTypeEnum,
} from '@hubspot/api-client/lib/codegen/crm/properties';
import { SubscriptionCreateRequestEventTypeEnum } from '@hubspot/api-client/lib/codegen/webhooks';
import type { ProvisionReport } from '../../src/shared/crm-port';
import { CrmError } from '../../src/shared/errors';
import type { HubSpotProvisionSpec } from './hubspot-port';
import type { HubSpotObjectPropertySpec } from '../../src/shared/field-specs';
import {
  groupListSchema,
  propertyListSchema,
  subscriptionListSchema,
  webhookSettingsSchema,
  type ExistingProperty,
} from './hubspot-responses.schema';

/** Runs one SDK call through the connector's limiter, retries and classifier. */
export type Call = <T>(name: string, run: () => Promise<T>, options?: { readonly limited?: boolean }) => Promise<T>;

/** The SDK's enum member for a value our spec names, or a refusal HubSpot would give anyway. */
export function member<E extends string>(members: Readonly<Record<string, E>>, value: string): E {
  const found = Object.values(members).find((candidate) => candidate === value);
  if (found === undefined)
    throw new CrmError('hubspot', 'CRM_REJECTED', `HubSpot does not know ${JSON.stringify(value)}.`);
  return found;
}

export interface Report {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
}

/** Where properties are provisioned: an object type, the group they belong to, how the report names them. */
export interface PropertyTarget {
  readonly objectType: string;
  readonly groupName: string;
  /** `property:` for the contact's, `property:<object>.` for a custom object's. */
  readonly prefix: string;
}

/** Creates what is missing and corrects what differs; a second run reports everything unchanged. */
export async function provisionHubSpot(
  client: Client,
  call: Call,
  spec: HubSpotProvisionSpec,
): Promise<ProvisionReport> {
  const report: Report = { created: [], updated: [], unchanged: [] };
  await provisionGroup(client, call, spec.group, report);
  const existing = await call('properties.getAll', async () =>
    propertyListSchema.parse(await client.crm.properties.coreApi.getAll('contacts')),
  );
  const target = { objectType: 'contacts', groupName: spec.group.name, prefix: 'property:' };
  for (const property of spec.properties)
    await provisionProperty(client, call, target, property, existing.results, report);
  if (spec.webhooks !== undefined) await provisionWebhooks(client, call, spec.webhooks, report);
  return report;
}

async function provisionGroup(
  client: Client,
  call: Call,
  group: HubSpotProvisionSpec['group'],
  report: Report,
): Promise<void> {
  const groups = await call('groups.getAll', async () =>
    groupListSchema.parse(await client.crm.properties.groupsApi.getAll('contacts')),
  );
  const found = groups.results.find((g) => g.name === group.name);
  const name = `group:${group.name}`;
  if (found === undefined) {
    await call('groups.create', () =>
      client.crm.properties.groupsApi.create('contacts', { name: group.name, label: group.label, displayOrder: -1 }),
    );
    report.created.push(name);
  } else if (found.label !== group.label) {
    await call('groups.update', () =>
      client.crm.properties.groupsApi.update('contacts', group.name, { label: group.label }),
    );
    report.updated.push(name);
  } else report.unchanged.push(name);
}

/** The spec's options as HubSpot takes them, in the spec's order. */
export function optionInputs(
  spec: HubSpotObjectPropertySpec,
): { label: string; value: string; displayOrder: number; hidden: boolean }[] {
  return (spec.options ?? []).map((option, displayOrder) => ({
    label: option.label,
    value: option.value,
    displayOrder,
    hidden: false,
  }));
}

export async function provisionProperty(
  client: Client,
  call: Call,
  target: PropertyTarget,
  spec: HubSpotObjectPropertySpec,
  existing: readonly ExistingProperty[],
  report: Report,
): Promise<void> {
  const found = existing.find((p) => p.name === spec.name && !p.archived);
  const name = `${target.prefix}${spec.name}`;
  const { objectType, groupName } = target;
  const options = optionInputs(spec);
  const description = spec.description ?? '';
  const hasUniqueValue = spec.hasUniqueValue === true;
  if (found === undefined) {
    await call('properties.create', () =>
      client.crm.properties.coreApi.create(objectType, {
        name: spec.name,
        label: spec.label,
        type: member(PropertyCreateTypeEnum, spec.type),
        fieldType: member(PropertyCreateFieldTypeEnum, spec.fieldType),
        groupName,
        description,
        options,
        hasUniqueValue,
      }),
    );
    report.created.push(name);
    return;
  }
  // "Whether or not the property's value must be unique. Once set, this can't be changed." (properties API)
  if (found.hasUniqueValue !== hasUniqueValue)
    throw new CrmError(
      'hubspot',
      'CRM_CONFLICT',
      `HubSpot property ${objectType}.${spec.name} exists ${found.hasUniqueValue ? 'with' : 'without'} unique values, which cannot be changed: rename or archive it.`,
    );
  if (sameDefinition(found, spec, groupName)) {
    report.unchanged.push(name);
    return;
  }
  await call('properties.update', () =>
    client.crm.properties.coreApi.update(objectType, spec.name, {
      label: spec.label,
      type: member(PropertyUpdateTypeEnum, spec.type),
      fieldType: member(PropertyUpdateFieldTypeEnum, spec.fieldType),
      groupName,
      description,
      options,
    }),
  );
  report.updated.push(name);
}

function sameDefinition(found: ExistingProperty, spec: HubSpotObjectPropertySpec, groupName: string): boolean {
  const options = (list: readonly { label: string; value: string }[]): string =>
    JSON.stringify(list.map((o) => [o.value, o.label]));
  return (
    found.label === spec.label &&
    found.type === spec.type &&
    found.fieldType === spec.fieldType &&
    found.groupName === groupName &&
    found.description === (spec.description ?? '') &&
    options(found.options) === options(spec.options ?? [])
  );
}

/** The app's webhook settings; HubSpot answers 404 while none were ever saved. */
async function currentSettings(
  client: Client,
  call: Call,
  appId: number,
): Promise<{ readonly targetUrl: string } | undefined> {
  try {
    return await call(
      'webhooks.settings.get',
      async () => webhookSettingsSchema.parse(await client.webhooks.settingsApi.getAll(appId)),
      { limited: false },
    );
  } catch (error) {
    if (error instanceof CrmError && error.code === 'CRM_NOT_FOUND') return undefined;
    throw error;
  }
}

/** The webhooks v3 API takes the developer API key, not the app's token: not under the app's rate limit. */
async function provisionWebhooks(
  client: Client,
  call: Call,
  webhooks: NonNullable<HubSpotProvisionSpec['webhooks']>,
  report: Report,
): Promise<void> {
  const appId = Number(webhooks.appId);
  const settings = await currentSettings(client, call, appId);
  if (settings?.targetUrl !== webhooks.targetUrl) {
    await call(
      'webhooks.settings.configure',
      () =>
        client.webhooks.settingsApi.configure(appId, {
          targetUrl: webhooks.targetUrl,
          throttling: { maxConcurrentRequests: 10 },
        }),
      { limited: false },
    );
    (settings === undefined ? report.created : report.updated).push('webhooks:target');
  } else report.unchanged.push('webhooks:target');
  const current = await call(
    'webhooks.subscriptions.getAll',
    async () => subscriptionListSchema.parse(await client.webhooks.subscriptionsApi.getAll(appId)),
    { limited: false },
  );
  for (const wanted of webhooks.subscriptions) {
    const name = `subscription:${wanted.eventType}${wanted.propertyName === undefined ? '' : `:${wanted.propertyName}`}`;
    const found = current.results.find(
      (s) => s.eventType === wanted.eventType && s.propertyName === wanted.propertyName,
    );
    const eventType = member(SubscriptionCreateRequestEventTypeEnum, wanted.eventType);
    if (found === undefined) {
      const request =
        wanted.propertyName === undefined
          ? { eventType, active: true }
          : { eventType, propertyName: wanted.propertyName, active: true };
      await call('webhooks.subscriptions.create', () => client.webhooks.subscriptionsApi.create(appId, request), {
        limited: false,
      });
      report.created.push(name);
    } else if (!found.active) {
      await call(
        'webhooks.subscriptions.update',
        () => client.webhooks.subscriptionsApi.update(Number(found.id), appId, { active: true }),
        { limited: false },
      );
      report.updated.push(name);
    } else report.unchanged.push(name);
  }
}
