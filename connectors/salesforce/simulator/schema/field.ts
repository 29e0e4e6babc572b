/** Field and object definitions, shaped after the REST describe result. */

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference'
  /** Tooling API only: a structured value such as CustomField.Metadata (never filterable). */
  | 'complexvalue';

export interface PicklistDef {
  /** The active values: what a save may set. */
  readonly values: readonly string[];
  readonly restricted: boolean;
  readonly defaultValue?: string;
  /** The words a value shows in the list, where they differ from the value. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Deactivated values: records keep them, no save may set them, describe leaves them out. */
  readonly inactive?: readonly string[];
}

export interface FieldDef {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  readonly length: number;
  readonly precision: number;
  readonly scale: number;
  readonly nillable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly defaultedOnCreate: boolean;
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly caseSensitive: boolean;
  readonly custom: boolean;
  readonly calculated: boolean;
  readonly nameField: boolean;
  readonly picklist?: PicklistDef;
  readonly referenceTo: readonly string[];
  readonly relationshipName: string | null;
  /** A checkbox's initial value when it is not false (custom Checkbox defaultValue). */
  readonly defaultValue?: boolean;
  /** The help text a custom field shows beside its value (Metadata inlineHelpText). */
  readonly inlineHelpText?: string;
}

export interface ObjectDef {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly deletable: boolean;
  /** Objects such as User and Group have no IsDeleted field and no recycle bin. */
  readonly softDelete: boolean;
  readonly fields: readonly FieldDef[];
}

/**
 * A standard object: createable, updateable and deletable, with a recycle bin, unless `overrides`
 * says otherwise (User and Group have no IsDeleted and cannot be deleted).
 */
export function standardObject(
  name: string,
  labels: { readonly label: string; readonly labelPlural: string; readonly keyPrefix: string },
  fields: readonly FieldDef[],
  overrides: Partial<Pick<ObjectDef, 'createable' | 'updateable' | 'deletable' | 'softDelete'>> = {},
): ObjectDef {
  const softDelete = overrides.softDelete ?? true;
  return {
    name,
    ...labels,
    createable: true,
    updateable: true,
    deletable: true,
    softDelete,
    ...overrides,
    fields: [...systemFields(softDelete), ...fields],
  };
}

export interface FieldOptions {
  /** Required on create: not nillable and not defaulted. */
  readonly required?: boolean;
  /** Maintained by the platform: neither createable nor updateable. */
  readonly readOnly?: boolean;
  /** Settable on create only. */
  readonly createOnly?: boolean;
  readonly defaulted?: boolean;
  readonly externalId?: boolean;
  readonly unique?: boolean;
  readonly caseSensitive?: boolean;
  readonly custom?: boolean;
  readonly nameField?: boolean;
}

function base(name: string, label: string, type: FieldType, options: FieldOptions): FieldDef {
  const readOnly = options.readOnly === true;
  return {
    name,
    label,
    type,
    length: 0,
    precision: 0,
    scale: 0,
    nillable: options.required !== true && type !== 'boolean',
    createable: !readOnly,
    updateable: !readOnly && options.createOnly !== true,
    defaultedOnCreate: options.defaulted === true || type === 'boolean',
    externalId: options.externalId === true,
    unique: options.unique === true,
    caseSensitive: options.caseSensitive === true,
    custom: options.custom === true,
    calculated: false,
    nameField: options.nameField === true,
    referenceTo: [],
    relationshipName: null,
  };
}

type TextType = 'string' | 'textarea' | 'email' | 'phone' | 'url';

export function text(
  name: string,
  label: string,
  length: number,
  options: FieldOptions = {},
  type: TextType = 'string',
): FieldDef {
  return { ...base(name, label, type, options), length };
}

export function picklist(
  name: string,
  label: string,
  values: readonly string[],
  options: FieldOptions & { restricted?: boolean; defaultValue?: string } = {},
): FieldDef {
  const picklistDef: PicklistDef =
    options.defaultValue === undefined
      ? { values, restricted: options.restricted === true }
      : { values, restricted: options.restricted === true, defaultValue: options.defaultValue };
  return {
    ...base(name, label, 'picklist', { ...options, defaulted: options.defaultValue !== undefined }),
    length: 255,
    picklist: picklistDef,
  };
}

export function bool(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return base(name, label, 'boolean', options);
}

export function num(
  name: string,
  label: string,
  type: 'int' | 'double' | 'currency' | 'percent',
  precision: number,
  scale: number,
  options: FieldOptions = {},
): FieldDef {
  return { ...base(name, label, type, options), precision, scale };
}

export function date(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return base(name, label, 'date', options);
}

export function datetime(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return base(name, label, 'datetime', options);
}

export function reference(
  name: string,
  label: string,
  referenceTo: readonly string[],
  relationshipName: string,
  options: FieldOptions = {},
): FieldDef {
  return { ...base(name, label, 'reference', options), length: 18, referenceTo, relationshipName };
}

/** A computed field such as Lead.Name: read-only, derived on every save. */
export function computedName(length: number): FieldDef {
  return { ...base('Name', 'Full Name', 'string', { readOnly: true, nameField: true }), length, calculated: true };
}

/** Id plus the audit fields every object carries; IsDeleted only where records go to the recycle bin. */
export function systemFields(softDelete: boolean): FieldDef[] {
  const fields = [
    { ...base('Id', 'Record ID', 'id', { readOnly: true }), length: 18, nillable: false },
    datetime('CreatedDate', 'Created Date', { readOnly: true }),
    reference('CreatedById', 'Created By ID', ['User'], 'CreatedBy', { readOnly: true }),
    datetime('LastModifiedDate', 'Last Modified Date', { readOnly: true }),
    reference('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', { readOnly: true }),
    datetime('SystemModstamp', 'System Modstamp', { readOnly: true }),
  ];
  return softDelete ? [...fields, bool('IsDeleted', 'Deleted', { readOnly: true })] : fields;
}
