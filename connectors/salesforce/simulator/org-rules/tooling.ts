import { ObjectSchema } from '../schema/registry';
import { bool, reference, systemFields, text, type FieldDef } from '../schema/field';
import type { SoqlRow } from '../soql/catalog';
import type { ValidationRuleConfig } from './config';

/**
 * The org's validation rules as the Tooling API lists them: ValidationRule rows (ValidationName,
 * Active, ErrorMessage, ErrorDisplayField, the object through EntityDefinition), so a client can run
 * `SELECT Id, ValidationName, Active, ErrorMessage, EntityDefinition.DeveloperName FROM ValidationRule`.
 * For a standard object EntityDefinitionId is the object's name (its DurableId).
 * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_validationrule.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_entitydefinition.htm
 */

export const VALIDATION_RULE_KEY_PREFIX = '03d';

const complex = (name: string, label: string): FieldDef => ({ ...text(name, label, 0), type: 'complexvalue' });

const setupObject = (name: string, label: string, keyPrefix: string, fields: readonly FieldDef[]): ObjectSchema =>
  new ObjectSchema({
    name,
    label,
    labelPlural: `${label}s`,
    keyPrefix,
    createable: false,
    updateable: false,
    deletable: false,
    softDelete: false,
    fields: [...systemFields(false).filter((f) => f.name === 'Id'), ...fields],
  });

const VALIDATION_RULE = setupObject('ValidationRule', 'Validation Rule', VALIDATION_RULE_KEY_PREFIX, [
  text('ValidationName', 'Rule Name', 40),
  bool('Active', 'Active'),
  text('Description', 'Description', 1000),
  text('ErrorDisplayField', 'Error Location', 255),
  text('ErrorMessage', 'Error Message', 255),
  reference('EntityDefinitionId', 'Entity Definition ID', ['EntityDefinition'], 'EntityDefinition'),
  text('NamespacePrefix', 'Namespace Prefix', 15),
  text('FullName', 'Full Name', 255),
  complex('Metadata', 'Metadata'),
]);

const ENTITY_DEFINITION = setupObject('EntityDefinition', 'Entity Definition', '000', [
  text('DurableId', 'Durable ID', 40),
  text('QualifiedApiName', 'Qualified API Name', 40),
  text('DeveloperName', 'Developer Name', 40),
  text('Label', 'Label', 40),
]);

/** What the Tooling API's query sees of the org's rules: objects by name, their rows, a row by id. */
export interface ToolingSetup {
  object(name: string): ObjectSchema | undefined;
  rows(object: string): readonly SoqlRow[];
  resolve(id: string): { readonly object: string; readonly row: SoqlRow } | undefined;
}

function entity(object: string): SoqlRow {
  return { Id: object, DurableId: object, QualifiedApiName: object, DeveloperName: object, Label: object };
}

/** The Tooling rows of the configured validation rules; `idOf` keeps each rule's id stable. */
export function toolingSetup(rules: readonly ValidationRuleConfig[], idOf: (rule: string) => string): ToolingSetup {
  const rows = rules.map((rule): SoqlRow => ({
    Id: idOf(`${rule.object}.${rule.name}`),
    ValidationName: rule.name,
    Active: rule.active,
    Description: null,
    ErrorDisplayField: rule.field ?? null,
    ErrorMessage: rule.message,
    EntityDefinitionId: rule.object,
    NamespacePrefix: null,
    FullName: `${rule.object}.${rule.name}`,
    Metadata: {
      active: rule.active,
      errorConditionFormula: rule.formula,
      errorDisplayField: rule.field ?? null,
      errorMessage: rule.message,
    },
  }));
  const entities = [...new Set(rules.map((rule) => rule.object))].map(entity);
  const objects = new Map([VALIDATION_RULE, ENTITY_DEFINITION].map((schema) => [schema.name.toLowerCase(), schema]));
  return {
    object: (name) => objects.get(name.toLowerCase()),
    rows: (object) =>
      object.toLowerCase() === 'validationrule' ? rows : object.toLowerCase() === 'entitydefinition' ? entities : [],
    resolve: (id) => {
      const rule = rows.find((row) => row['Id'] === id);
      if (rule !== undefined) return { object: 'ValidationRule', row: rule };
      const definition = entities.find((row) => row['Id'] === id);
      return definition === undefined ? undefined : { object: 'EntityDefinition', row: definition };
    },
  };
}
