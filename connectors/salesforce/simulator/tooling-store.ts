import { customFieldMetadataSchema, fieldFromMetadata, type CustomFieldMetadata } from './custom-field-metadata';
import { KEY_PREFIXES, type IdFactory } from './schema/ids';
import { auditStamp } from './org';
import { badRequest } from './reply';
import { datetime, num, systemFields, text, type FieldDef } from './schema/field';
import { ObjectSchema, type SchemaRegistry } from './schema/registry';
import type { SoqlCatalog, SoqlRow } from './soql/catalog';
import type { ToolingSetup } from './org-rules';

/** A CustomField row of the Tooling API. */
export interface CustomFieldRecord {
  readonly Id: string;
  readonly DeveloperName: string;
  readonly TableEnumOrId: string;
  readonly FullName: string;
  readonly NamespacePrefix: null;
  /** Metadata's description and inlineHelpText, also queryable as columns of their own. */
  readonly Description: string | null;
  readonly InlineHelpText: string | null;
  readonly Metadata: CustomFieldMetadata;
  readonly CreatedDate: number;
  readonly LastModifiedDate: number;
}

const FULL_NAME = /^([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z](?:[A-Za-z0-9]|_(?!_))*)__c$/;
const MAX_NAME = 40;

const CUSTOM_FIELD_OBJECT = new ObjectSchema({
  name: 'CustomField',
  label: 'Custom Field',
  labelPlural: 'Custom Fields',
  keyPrefix: KEY_PREFIXES.CustomField,
  createable: true,
  updateable: true,
  deletable: false,
  softDelete: false,
  fields: [
    ...systemFields(false).filter((f) => f.name === 'Id'),
    text('DeveloperName', 'Developer Name', 40),
    text('TableEnumOrId', 'Table Enum or ID', 40),
    text('FullName', 'Full Name', 255),
    text('NamespacePrefix', 'Namespace Prefix', 15),
    text('Description', 'Description', 1000),
    text('InlineHelpText', 'Help Text', 510),
    { ...text('Metadata', 'Metadata', 0), type: 'complexvalue' } satisfies FieldDef,
    datetime('CreatedDate', 'Created Date', { readOnly: true }),
    datetime('LastModifiedDate', 'Last Modified Date', { readOnly: true }),
  ],
});

const WORKFLOW_OUTBOUND_MESSAGE_OBJECT = new ObjectSchema({
  name: 'WorkflowOutboundMessage',
  label: 'Outbound Message',
  labelPlural: 'Outbound Messages',
  keyPrefix: KEY_PREFIXES.WorkflowOutboundMessage,
  createable: false,
  updateable: false,
  deletable: false,
  softDelete: false,
  fields: [
    ...systemFields(false).filter((f) => f.name === 'Id'),
    text('Name', 'Name', 80),
    num('ApiVersion', 'API Version', 'double', 18, 1),
    text('EntityDefinitionId', 'Entity Definition ID', 40),
    text('IntegrationUserId', 'Integration User ID', 18),
    text('FullName', 'Full Name', 255),
    { ...text('Metadata', 'Metadata', 0), type: 'complexvalue' } satisfies FieldDef,
  ],
});

function wording(metadata: CustomFieldMetadata): Pick<CustomFieldRecord, 'Description' | 'InlineHelpText'> {
  return { Description: metadata.description ?? null, InlineHelpText: metadata.inlineHelpText ?? null };
}

/**
 * Custom fields created through the Tooling API. Creating one adds it to the REST data model at
 * once, so it shows in describe and can be written and queried (field-level security is not modelled).
 */
export class ToolingStore {
  private fields = new Map<string, CustomFieldRecord>();

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly ids: IdFactory,
    private readonly now: () => number,
    /** The org's outbound messages (configured in Setup, read-only here). */
    private readonly outboundMessages: () => readonly SoqlRow[] = () => [],
    /** The org's own rules as setup objects (ValidationRule), configured with the org's rules. */
    private readonly orgSetup: () => ToolingSetup | undefined = () => undefined,
  ) {}

  clear(): void {
    this.fields = new Map();
  }

  get(id: string): CustomFieldRecord | undefined {
    return this.fields.get(id);
  }

  create(fullName: unknown, metadata: unknown): CustomFieldRecord {
    const { object, name } = this.parseFullName(fullName);
    const schema = this.registry.object(object);
    if (schema === undefined) throw badRequest('INVALID_CROSS_REFERENCE_KEY', `Cannot find the object ${object}`, []);
    if (schema.field(name) !== undefined)
      throw badRequest(
        'DUPLICATE_DEVELOPER_NAME',
        `There is already a field named ${name.slice(0, -3)} on ${schema.name}.`,
        [],
      );
    const parsed = this.parseMetadata(metadata);
    schema.add(fieldFromMetadata(name, parsed));
    const now = auditStamp(this.now());
    const record: CustomFieldRecord = {
      Id: this.ids.next(KEY_PREFIXES.CustomField),
      DeveloperName: name.slice(0, -3),
      TableEnumOrId: schema.name,
      FullName: `${schema.name}.${name}`,
      NamespacePrefix: null,
      ...wording(parsed),
      Metadata: parsed,
      CreatedDate: now,
      LastModifiedDate: now,
    };
    this.fields.set(record.Id, record);
    return record;
  }

  /** Label, lengths and picklist values may change; the type may not (data would be lost). */
  update(id: string, metadata: unknown): CustomFieldRecord | undefined {
    const existing = this.fields.get(id);
    if (existing === undefined) return undefined;
    const parsed = this.parseMetadata(metadata);
    if (parsed.type !== existing.Metadata.type)
      throw badRequest(
        'FIELD_INTEGRITY_EXCEPTION',
        `Cannot change the type of ${existing.FullName} from ${existing.Metadata.type} to ${parsed.type}.`,
        [],
      );
    const name = `${existing.DeveloperName}__c`;
    this.registry.object(existing.TableEnumOrId)?.replace(fieldFromMetadata(name, parsed));
    const updated = { ...existing, ...wording(parsed), Metadata: parsed, LastModifiedDate: auditStamp(this.now()) };
    this.fields.set(id, updated);
    return updated;
  }

  catalog(): SoqlCatalog {
    const setup = this.orgSetup();
    const rows = (object: string): SoqlRow[] =>
      object.toLowerCase() === 'workflowoutboundmessage'
        ? [...this.outboundMessages()]
        : object.toLowerCase() === 'customfield'
          ? [...this.fields.values()].map((record) => ({ ...record }))
          : [...(setup?.rows(object) ?? [])];
    return {
      object: (name) =>
        name.toLowerCase() === 'customfield'
          ? CUSTOM_FIELD_OBJECT
          : name.toLowerCase() === 'workflowoutboundmessage'
            ? WORKFLOW_OUTBOUND_MESSAGE_OBJECT
            : setup?.object(name),
      rows,
      resolve: (id) => {
        const record = this.fields.get(id);
        if (record !== undefined) return { object: 'CustomField', row: { ...record } };
        const message = this.outboundMessages().find((row) => row['Id'] === id);
        return message === undefined ? setup?.resolve(id) : { object: 'WorkflowOutboundMessage', row: message };
      },
      now: this.now,
    };
  }

  private parseFullName(fullName: unknown): { object: string; name: string } {
    const match = typeof fullName === 'string' ? FULL_NAME.exec(fullName) : null;
    const object = match?.[1];
    const base = match?.[2];
    if (object === undefined || base === undefined || base.length > MAX_NAME) {
      throw badRequest(
        'FIELD_INTEGRITY_EXCEPTION',
        `Invalid FullName ${JSON.stringify(fullName)}: expected Object.Name__c, a name of at most ${MAX_NAME} characters without double underscores`,
        [],
      );
    }
    return { object, name: `${base}__c` };
  }

  private parseMetadata(metadata: unknown): CustomFieldMetadata {
    const parsed = customFieldMetadataSchema.safeParse(metadata);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw badRequest(
      'JSON_PARSER_ERROR',
      `Metadata${issue === undefined ? '' : `.${issue.path.join('.')}: ${issue.message}`}`,
    );
  }
}
