import type { Client } from '@hubspot/api-client';
import { ObjectTypePropertyCreateTypeEnum, type ObjectSchemaEgg } from '@hubspot/api-client/lib/codegen/crm/schemas';
import type { ProvisionReport, WriteOutcome } from '../../src/shared/crm-port';
import { CrmError } from '../../src/shared/errors';
import { batchOutcomes } from './batch-outcomes';
import type { HubSpotObjectUpsert } from './hubspot-port';
import type { HubSpotObjectSchemaSpec } from '../../src/shared/field-specs';
import {
  objectBatchResultSchema,
  objectSchemaListSchema,
  objectSchemaSchema,
  type ExistingObjectSchema,
} from './hubspot-responses.schema';
import { member, optionInputs, provisionProperty, type Call, type Report } from './provision';

/**
 * HubSpot custom objects (https://developers.hubspot.com/docs/guides/api/crm/objects/custom-objects):
 * the schema provisioned from a spec, and records upserted by a unique property. Custom objects
 * need an Enterprise hub; an account without one answers the schemas API with 403.
 */

async function findSchema(client: Client, call: Call, name: string): Promise<ExistingObjectSchema | undefined> {
  const all = await call('schemas.getAll', async () =>
    objectSchemaListSchema.parse(await client.crm.schemas.coreApi.getAll()),
  );
  return all.results.find((schema) => schema.name === name);
}

function egg(spec: HubSpotObjectSchemaSpec): ObjectSchemaEgg {
  return {
    name: spec.name,
    labels: { singular: spec.labels.singular, plural: spec.labels.plural },
    primaryDisplayProperty: spec.primaryDisplayProperty,
    secondaryDisplayProperties: [...spec.secondaryDisplayProperties],
    searchableProperties: [...spec.searchableProperties],
    requiredProperties: [...spec.requiredProperties],
    associatedObjects: [...spec.associatedObjects],
    properties: spec.properties.map((p) => ({
      name: p.name,
      label: p.label,
      type: member(ObjectTypePropertyCreateTypeEnum, p.type),
      fieldType: p.fieldType,
      description: p.description ?? '',
      options: optionInputs(p),
      hasUniqueValue: p.hasUniqueValue === true,
    })),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

function sameDefinition(found: ExistingObjectSchema, spec: HubSpotObjectSchemaSpec): boolean {
  return (
    found.labels.singular === spec.labels.singular &&
    found.labels.plural === spec.labels.plural &&
    found.primaryDisplayProperty === spec.primaryDisplayProperty &&
    found.secondaryDisplayProperties.join('\u0000') === spec.secondaryDisplayProperties.join('\u0000') &&
    sameSet(found.searchableProperties, spec.searchableProperties) &&
    sameSet(found.requiredProperties, spec.requiredProperties)
  );
}

/**
 * Creates the object with every property, or aligns an existing one: missing properties first
 * (the lists may name them), then the labels and lists. Properties HubSpot added, and ours no
 * longer in the spec, are left alone: removing one would delete its history.
 */
export async function provisionObjectSchema(
  client: Client,
  call: Call,
  spec: HubSpotObjectSchemaSpec,
): Promise<{ readonly report: ProvisionReport; readonly objectTypeId: string }> {
  const object = `object:${spec.name}`;
  const prefix = `property:${spec.name}.`;
  const found = await findSchema(client, call, spec.name);
  if (found === undefined) {
    const created = objectSchemaSchema.parse(
      await call('schemas.create', () => client.crm.schemas.coreApi.create(egg(spec))),
    );
    return {
      report: { created: [object, ...spec.properties.map((p) => `${prefix}${p.name}`)], updated: [], unchanged: [] },
      objectTypeId: created.objectTypeId,
    };
  }
  const report: Report = { created: [], updated: [], unchanged: [] };
  const groupName =
    found.properties.find((p) => p.name === spec.primaryDisplayProperty)?.groupName ?? `${spec.name}_information`;
  for (const property of spec.properties)
    await provisionProperty(
      client,
      call,
      { objectType: found.objectTypeId, groupName, prefix },
      property,
      found.properties,
      report,
    );
  if (sameDefinition(found, spec)) report.unchanged.unshift(object);
  else {
    const { labels, primaryDisplayProperty, secondaryDisplayProperties, searchableProperties, requiredProperties } =
      spec;
    await call('schemas.update', () =>
      client.crm.schemas.coreApi.update(found.objectTypeId, {
        labels: { ...labels },
        primaryDisplayProperty,
        secondaryDisplayProperties: [...secondaryDisplayProperties],
        searchableProperties: [...searchableProperties],
        requiredProperties: [...requiredProperties],
      }),
    );
    report.updated.unshift(object);
  }
  return { report, objectTypeId: found.objectTypeId };
}

/** The objectTypeId of a custom object by name, looked up once; a missing object is a setup error. */
export function objectTypeIds(
  client: Client,
  call: Call,
): { get(name: string): Promise<string>; remember(name: string, objectTypeId: string): void } {
  const known = new Map<string, string>();
  return {
    async get(name) {
      const cached = known.get(name);
      if (cached !== undefined) return cached;
      const found = await findSchema(client, call, name);
      if (found === undefined)
        throw new CrmError(
          'hubspot',
          'CRM_REJECTED',
          `HubSpot has no custom object ${name}: run \`leadpact provision\` (custom objects need an Enterprise hub).`,
          { context: { missingObject: name } },
        );
      known.set(name, found.objectTypeId);
      return found.objectTypeId;
    },
    remember: (name, objectTypeId) => void known.set(name, objectTypeId),
  };
}

/**
 * One batch upsert (at most 100 inputs). Inputs with one key are merged, later values winning,
 * because HubSpot refuses a batch naming one record twice; every input gets its outcome.
 */
export async function upsertObjectChunk(
  client: Client,
  call: Call,
  objectTypeId: string,
  records: readonly HubSpotObjectUpsert[],
): Promise<WriteOutcome<string>[]> {
  const merged = new Map<string, HubSpotObjectUpsert>();
  for (const record of records)
    merged.set(record.id, { ...record, properties: { ...merged.get(record.id)?.properties, ...record.properties } });
  const keys = [...merged.keys()];
  const inputs = [...merged.values()].map((record, index) => ({
    id: record.id,
    idProperty: record.idProperty,
    properties: { ...record.properties },
    objectWriteTraceId: String(index),
  }));
  const answer = await call('objects.batch.upsert', async () =>
    objectBatchResultSchema.parse(await client.crm.objects.batchApi.upsert(objectTypeId, { inputs })),
  );
  const keyProperty = inputs[0]?.idProperty ?? '';
  const outcomes = batchOutcomes(
    inputs.map((input) => ({ traceId: input.objectWriteTraceId, key: input.id })),
    answer,
    (result) => result._new === true,
    keyProperty,
  );
  return records.map(
    (record) =>
      outcomes[keys.indexOf(record.id)] ?? {
        ok: false,
        code: 'UNCONFIRMED',
        message: 'No outcome was recorded for this input.',
        fields: [],
        retryable: true,
      },
  );
}
