import { takesObjectPermissions } from './access/model';
import { operationDenied, setupRecordRules, type RulesContext } from './access/rules';
import { defaultValues, deriveFields } from './derive';
import { auditStamp, type Actor } from './org';
import { recordError, type RecordError } from './reply';
import { CLOSED_TASK_STATUS } from './schema/activity-objects';
import type { FieldDef } from './schema/field';
import type { ObjectSchema } from './schema/registry';
import type { Row, Value } from './store';
import { checkRecord, type Changes } from './validation';
import { formatDate } from './schema/values';

/** What one record's save came to: the REST API's SaveResult / UpsertResult, before serialisation. */
export type SaveOutcome =
  | { readonly ok: true; readonly id: string; readonly created: boolean }
  | { readonly ok: false; readonly errors: readonly RecordError[]; readonly matches?: readonly string[] };

function fail(...errors: RecordError[]): SaveOutcome {
  return { ok: false, errors };
}

function schemaOf(ctx: Actor, object: string): ObjectSchema {
  const schema = ctx.registry.object(object);
  if (schema === undefined) throw new Error(`unknown object ${object}`);
  return schema;
}

function rulesContext(ctx: Actor): RulesContext {
  return {
    rows: (object) => ctx.store.rows(object),
    field: (object, field) => ctx.registry.object(object)?.field(field),
    takesObjectPermissions: (object) => ctx.registry.object(object) !== undefined && takesObjectPermissions(object),
  };
}

function objectRules(ctx: Actor, object: string, merged: Row, before: Row | undefined): RecordError[] {
  const setup = setupRecordRules(rulesContext(ctx), object, merged, before);
  if (setup.length > 0) return setup;
  if (object === 'Lead' && before?.['IsConverted'] === true) {
    return [recordError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead')];
  }
  if (object !== 'CampaignMember' || before !== undefined) return [];
  const member = merged['LeadId'] ?? merged['ContactId'] ?? null;
  if (member === null)
    return [
      recordError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [LeadId or ContactId]', [
        'LeadId',
        'ContactId',
      ]),
    ];
  const duplicate = ctx.store.lookup('CampaignMember', 'CampaignId', merged['CampaignId'] ?? null, true).some((id) => {
    const row = ctx.store.get('CampaignMember', id);
    return row?.['IsDeleted'] !== true && (row?.['LeadId'] === member || row?.['ContactId'] === member);
  });
  return duplicate ? [recordError('DUPLICATE_VALUE', 'Already a campaign member.')] : [];
}

/** The org's own rules (org-rules/), on API writes only: seeding and the platform's own saves skip them. */
function orgRules(
  ctx: Actor,
  object: string,
  merged: Record<string, Value>,
  before: Row | undefined,
  changes: Changes,
): RecordError[] {
  if (ctx.request === undefined || ctx.orgRules === undefined) return [];
  const changed = new Set([...changes.keys()].map((name) => name.toLowerCase()));
  return ctx.orgRules.onSave(ctx, ctx.request, { object, record: merged, before, changed });
}

/** Roll-ups the platform maintains without firing automation: a closed task sets LastActivityDate. */
function afterSave(ctx: Actor, object: string, row: Row): void {
  if (object !== 'Task' || row['Status'] !== CLOSED_TASK_STATUS) return;
  const activity = typeof row['ActivityDate'] === 'string' ? row['ActivityDate'] : formatDate(ctx.now());
  for (const ref of [row['WhoId'], row['WhatId']]) {
    if (typeof ref !== 'string') continue;
    const target = ctx.registry.objectOfId(ref);
    const current = target === undefined ? undefined : ctx.store.get(target, ref);
    if (
      target === undefined ||
      current === undefined ||
      ctx.registry.object(target)?.field('LastActivityDate') === undefined
    )
      continue;
    const previous = current['LastActivityDate'];
    if (typeof previous === 'string' && previous >= activity) continue;
    ctx.store.put(target, { ...current, LastActivityDate: activity });
  }
}

function stamp(ctx: Actor, created: boolean): Record<string, Value> {
  const now = auditStamp(ctx.now());
  const modified = { LastModifiedDate: now, LastModifiedById: ctx.userId, SystemModstamp: now };
  return created ? { ...modified, CreatedDate: now, CreatedById: ctx.userId } : modified;
}

/**
 * Creates a record. `audit` carries CreatedDate and the like, which only seeding may set (as the
 * "Set Audit Fields upon Record Creation" permission allows on the platform).
 */
export function insertRecord(ctx: Actor, object: string, changes: Changes, audit: Changes = new Map()): SaveOutcome {
  const schema = schemaOf(ctx, object);
  const denied = operationDenied(ctx.access, object, 'create');
  if (denied !== undefined) return fail(denied);
  const merged: Record<string, Value> = defaultValues(object, schema.fields);
  if (schema.field('OwnerId') !== undefined) merged['OwnerId'] = ctx.userId;
  for (const [name, value] of changes) merged[name] = value;
  deriveFields(object, merged, changes, undefined, ctx.now());
  const errors = [
    ...checkRecord(ctx, schema, changes, merged, undefined),
    ...objectRules(ctx, object, merged, undefined),
  ];
  if (errors.length > 0) return fail(...errors);
  const ruled = orgRules(ctx, object, merged, undefined, changes);
  if (ruled.length > 0) return fail(...ruled);
  const id = ctx.ids.next(schema.def.keyPrefix);
  Object.assign(merged, stamp(ctx, true), { Id: id }, schema.def.softDelete ? { IsDeleted: false } : {});
  for (const [name, value] of audit) merged[name] = value;
  ctx.store.put(object, merged, 'created');
  afterSave(ctx, object, merged);
  return { ok: true, id, created: true };
}

export function updateRecord(ctx: Actor, object: string, id: string, changes: Changes): SaveOutcome {
  const schema = schemaOf(ctx, object);
  const before = ctx.store.get(object, id);
  if (before === undefined) return fail(recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id'));
  if (before['IsDeleted'] === true) return fail(recordError('ENTITY_IS_DELETED', 'entity is deleted'));
  const denied = operationDenied(ctx.access, object, 'edit');
  if (denied !== undefined) return fail(denied);
  const merged: Record<string, Value> = { ...before };
  for (const [name, value] of changes) merged[name] = value;
  deriveFields(object, merged, changes, before, ctx.now());
  const errors = [...objectRules(ctx, object, merged, before), ...checkRecord(ctx, schema, changes, merged, id)];
  if (errors.length > 0) return fail(...errors);
  const ruled = orgRules(ctx, object, merged, before, changes);
  if (ruled.length > 0) return fail(...ruled);
  Object.assign(merged, stamp(ctx, false));
  ctx.store.put(object, merged, 'updated');
  afterSave(ctx, object, merged);
  return { ok: true, id, created: false };
}

export function deleteRecord(ctx: Actor, object: string, id: string): SaveOutcome {
  const schema = schemaOf(ctx, object);
  const before = ctx.store.get(object, id);
  if (!schema.def.deletable) return fail(recordError('INVALID_TYPE_FOR_OPERATION', 'entity type cannot be deleted'));
  if (before === undefined) return fail(recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id'));
  if (before['IsDeleted'] === true) return fail(recordError('ENTITY_IS_DELETED', 'entity is deleted'));
  const denied = operationDenied(ctx.access, object, 'delete');
  if (denied !== undefined) return fail(denied);
  ctx.store.put(object, { ...before, ...stamp(ctx, false), IsDeleted: true }, 'deleted');
  return { ok: true, id, created: false };
}

/** Live records whose external-id value matches (external ids match case-insensitively by default). */
export function matchExternalId(ctx: Actor, object: string, field: FieldDef, value: Value): string[] {
  return ctx.store
    .lookup(object, field.name, value, field.caseSensitive)
    .filter((id) => ctx.store.get(object, id)?.['IsDeleted'] !== true);
}

/**
 * Upsert by an external-id field: no match creates, one match updates, several fail with the
 * matching ids (300 Multiple Choices on the single-record route).
 * https://developer.salesforce.com/docs/platform/api-rest/guide/dome-upsert.html
 */
export function upsertRecord(ctx: Actor, object: string, field: FieldDef, value: Value, changes: Changes): SaveOutcome {
  const matches = matchExternalId(ctx, object, field, value);
  if (matches.length > 1) {
    return {
      ok: false,
      errors: [
        recordError(
          'DUPLICATE_EXTERNAL_ID',
          `more than one record found for external id field: [${matches.join(', ')}]`,
          [field.name],
        ),
      ],
      matches,
    };
  }
  const [match] = matches;
  if (match !== undefined) {
    const rest = new Map(changes);
    rest.delete(field.name);
    return updateRecord(ctx, object, match, rest);
  }
  return insertRecord(ctx, object, new Map([...changes, [field.name, value]]));
}
