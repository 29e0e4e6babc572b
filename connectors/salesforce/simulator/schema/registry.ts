import { keyPrefixOf } from './ids';
import { CAMPAIGN, CAMPAIGN_MEMBER, EVENT, GROUP, TASK, USER } from './activity-objects';
import type { FieldDef, ObjectDef } from './field';
import { ACCOUNT, CONTACT, LEAD, OPPORTUNITY } from './sales-objects';
import { ACCESS_OBJECTS } from './access-objects';
import { ORGANIZATION } from './organization-object';

const STANDARD_OBJECTS: readonly ObjectDef[] = [
  LEAD,
  CONTACT,
  ACCOUNT,
  OPPORTUNITY,
  CAMPAIGN,
  CAMPAIGN_MEMBER,
  TASK,
  EVENT,
  USER,
  GROUP,
  ORGANIZATION,
  ...ACCESS_OBJECTS,
];

/** One object's fields, looked up case-insensitively as the API does. */
export class ObjectSchema {
  private readonly byName = new Map<string, FieldDef>();
  private readonly byRelationship = new Map<string, FieldDef>();
  private ordered: FieldDef[] = [];

  constructor(readonly def: ObjectDef) {
    for (const field of def.fields) this.add(field);
  }

  get name(): string {
    return this.def.name;
  }

  get fields(): readonly FieldDef[] {
    return this.ordered;
  }

  field(name: string): FieldDef | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The reference field behind a relationship name (Owner → OwnerId, Foo__r → Foo__c). */
  relationship(name: string): FieldDef | undefined {
    return this.byRelationship.get(name.toLowerCase());
  }

  add(field: FieldDef): void {
    this.byName.set(field.name.toLowerCase(), field);
    if (field.relationshipName !== null) this.byRelationship.set(field.relationshipName.toLowerCase(), field);
    this.ordered = [...this.ordered.filter((f) => f.name !== field.name), field];
  }

  /** A field the org no longer has (state and country picklists turned off, say). */
  remove(name: string): void {
    const field = this.field(name);
    if (field === undefined) return;
    this.byName.delete(field.name.toLowerCase());
    if (field.relationshipName !== null) this.byRelationship.delete(field.relationshipName.toLowerCase());
    this.ordered = this.ordered.filter((f) => f.name !== field.name);
  }

  replace(field: FieldDef): void {
    this.byName.set(field.name.toLowerCase(), field);
    this.ordered = this.ordered.map((f) => (f.name === field.name ? field : f));
  }
}

/** The org's data model: the standard objects, plus the custom fields created through the Tooling API. */
export class SchemaRegistry {
  private objects = new Map<string, ObjectSchema>();
  private prefixes = new Map<string, string>();

  constructor() {
    this.reset();
  }

  reset(): void {
    this.objects = new Map(STANDARD_OBJECTS.map((def) => [def.name.toLowerCase(), new ObjectSchema(def)]));
    this.prefixes = new Map(STANDARD_OBJECTS.map((def) => [def.keyPrefix, def.name]));
  }

  /** An object the org gains beyond the standard ones until the next reset (the org's setup objects). */
  define(def: ObjectDef): void {
    if (this.objects.has(def.name.toLowerCase())) return;
    this.objects.set(def.name.toLowerCase(), new ObjectSchema(def));
    this.prefixes.set(def.keyPrefix, def.name);
  }

  object(name: string): ObjectSchema | undefined {
    return this.objects.get(name.toLowerCase());
  }

  all(): readonly ObjectSchema[] {
    return [...this.objects.values()];
  }

  /** The object an id belongs to, from its key prefix. */
  objectOfId(id: string): string | undefined {
    return this.prefixes.get(keyPrefixOf(id));
  }
}
