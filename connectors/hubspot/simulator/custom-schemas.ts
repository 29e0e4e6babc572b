import { propertyJson, type CustomObjectType } from './property-model';
import type { PropertyRegistry } from './property-registry';

/**
 * Custom object schemas as the schemas API keeps them
 * (https://developers.hubspot.com/docs/guides/api/crm/objects/custom-objects): each gets an
 * objectTypeId `2-<id>` and a fullyQualifiedName `p<portalId>_<name>`, by either of which the
 * objects, properties and schemas APIs address it. The properties themselves live in the
 * property registry under the objectTypeId, like any object's.
 */
export interface AssociationDefinition {
  readonly id: string;
  readonly name: string;
  readonly fromObjectTypeId: string;
  readonly toObjectTypeId: string;
  readonly createdAt: number;
}

export interface CustomSchema {
  readonly id: string;
  readonly objectTypeId: CustomObjectType;
  readonly name: string;
  readonly fullyQualifiedName: string;
  readonly labels: { readonly singular: string; readonly plural: string };
  readonly description: string | undefined;
  readonly primaryDisplayProperty: string | undefined;
  readonly secondaryDisplayProperties: readonly string[];
  readonly searchableProperties: readonly string[];
  readonly requiredProperties: readonly string[];
  readonly associations: readonly AssociationDefinition[];
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly archived: boolean;
}

// HubSpot's custom object type ids are large numbers (2-3444025 in its guide).
const FIRST_ID = 3_444_025;

export class SchemaStore {
  private readonly byType = new Map<CustomObjectType, CustomSchema>();
  private nextId = FIRST_ID;

  reset(): void {
    this.byType.clear();
    this.nextId = FIRST_ID;
  }

  allocate(): { readonly id: string; readonly objectTypeId: CustomObjectType } {
    const id = this.nextId++;
    return { id: String(id), objectTypeId: `2-${id}` };
  }

  put(schema: CustomSchema): void {
    this.byType.set(schema.objectTypeId, schema);
  }

  remove(schema: CustomSchema): void {
    this.byType.delete(schema.objectTypeId);
  }

  /** By objectTypeId or fullyQualifiedName (any case); archived schemas only when asked for. */
  resolve(ref: string, archived = false): CustomSchema | undefined {
    const wanted = ref.toLowerCase();
    const found = [...this.byType.values()].find(
      (schema) => schema.objectTypeId === ref || schema.fullyQualifiedName.toLowerCase() === wanted,
    );
    return found === undefined || found.archived !== archived ? undefined : found;
  }

  /** The schema holding a name, archived or not: a name stays taken until its schema is purged. */
  named(name: string): CustomSchema | undefined {
    return [...this.byType.values()].find((schema) => schema.name.toLowerCase() === name.toLowerCase());
  }

  list(archived = false): CustomSchema[] {
    return [...this.byType.values()].filter((schema) => schema.archived === archived);
  }
}

/** The v3 ObjectSchema JSON, with every property the object has (HubSpot's own hs_ ones included). */
export function schemaJson(schema: CustomSchema, registry: PropertyRegistry): Record<string, unknown> {
  return {
    id: schema.id,
    objectTypeId: schema.objectTypeId,
    fullyQualifiedName: schema.fullyQualifiedName,
    name: schema.name,
    labels: schema.labels,
    ...(schema.description === undefined ? {} : { description: schema.description }),
    ...(schema.primaryDisplayProperty === undefined ? {} : { primaryDisplayProperty: schema.primaryDisplayProperty }),
    secondaryDisplayProperties: schema.secondaryDisplayProperties,
    searchableProperties: schema.searchableProperties,
    requiredProperties: schema.requiredProperties,
    properties: registry.list(schema.objectTypeId).map(propertyJson),
    associations: schema.associations.map((a) => ({
      ...a,
      createdAt: new Date(a.createdAt).toISOString(),
      updatedAt: new Date(a.createdAt).toISOString(),
    })),
    metaType: 'PORTAL_SPECIFIC',
    archived: schema.archived,
    createdAt: new Date(schema.createdAt).toISOString(),
    updatedAt: new Date(schema.updatedAt).toISOString(),
  };
}
