import { defaultDefinitions, defaultGroups } from './default-properties';
import {
  OBJECT_TYPES,
  type CustomObjectType,
  type PropertyDefinition,
  type PropertyGroup,
  type SimObjectType,
} from './property-model';

/**
 * Property definitions and groups per object type, as /crm/v3/properties/{objectType} manages them:
 * the standard objects' from the start, a custom object's from its schema's creation.
 */
export class PropertyRegistry {
  private definitions = new Map<SimObjectType, Map<string, PropertyDefinition>>();
  private groups = new Map<SimObjectType, Map<string, PropertyGroup>>();

  constructor(private readonly clock: () => number) {
    this.reset();
  }

  reset(): void {
    const now = this.clock();
    this.definitions = new Map(
      OBJECT_TYPES.map((type) => [type, new Map(defaultDefinitions(type, now).map((d) => [d.name, d]))]),
    );
    this.groups = new Map(OBJECT_TYPES.map((type) => [type, new Map(defaultGroups(type).map((g) => [g.name, g]))]));
  }

  addType(type: CustomObjectType, definitions: readonly PropertyDefinition[], groups: readonly PropertyGroup[]): void {
    this.definitions.set(type, new Map(definitions.map((d) => [d.name, d])));
    this.groups.set(type, new Map(groups.map((g) => [g.name, g])));
  }

  removeType(type: CustomObjectType): void {
    this.definitions.delete(type);
    this.groups.delete(type);
  }

  get(type: SimObjectType, name: string): PropertyDefinition | undefined {
    return this.definitionsOf(type).get(name);
  }

  list(type: SimObjectType, archived = false): PropertyDefinition[] {
    return [...this.definitionsOf(type).values()].filter((definition) => definition.archived === archived);
  }

  put(type: SimObjectType, definition: PropertyDefinition): void {
    this.definitionsOf(type).set(definition.name, definition);
  }

  group(type: SimObjectType, name: string): PropertyGroup | undefined {
    return this.groupsOf(type).get(name);
  }

  listGroups(type: SimObjectType): PropertyGroup[] {
    return [...this.groupsOf(type).values()].filter((group) => !group.archived);
  }

  putGroup(type: SimObjectType, group: PropertyGroup): void {
    this.groupsOf(type).set(group.name, group);
  }

  /** Properties whose values must be unique (email is handled apart, as HubSpot does). */
  uniqueProperties(type: SimObjectType): string[] {
    return this.list(type)
      .filter((definition) => definition.hasUniqueValue)
      .map((definition) => definition.name);
  }

  private definitionsOf(type: SimObjectType): Map<string, PropertyDefinition> {
    const found = this.definitions.get(type);
    if (found === undefined) throw new Error(`unknown object type ${type}`);
    return found;
  }

  private groupsOf(type: SimObjectType): Map<string, PropertyGroup> {
    const found = this.groups.get(type);
    if (found === undefined) throw new Error(`unknown object type ${type}`);
    return found;
  }
}
