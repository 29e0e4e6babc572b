import type { ProvisionReport } from '../../src/shared/crm-port';
import { CrmError } from '../../src/shared/errors';
import type { CustomFieldSpec } from '../../src/shared/field-specs';
import type { Logger } from '../../src/shared/logger';
import { customFieldMetadata, planProvision, qualifiedName, type ToolingState } from './provision-fields';
import { apiName } from './record-writes';
import { SalesforceHttp } from './salesforce-http';
import {
  describeSchema,
  noContentSchema,
  toolingCreateSchema,
  toolingFieldIdsSchema,
  toolingFieldSchema,
  type DescribeResult,
} from './salesforce.schema';
import { soqlList } from './soql-text';

/**
 * Creates the custom fields that are missing and corrects those that differ, through the Tooling
 * API; the plan (what to create, update, leave) is the pure part in provision-fields.ts.
 */
export async function provisionCustomFields(
  http: SalesforceHttp,
  log: Logger,
  specs: readonly CustomFieldSpec[],
): Promise<ProvisionReport> {
  const objects = [...new Set(specs.map((s) => s.object))];
  const describes = new Map<string, DescribeResult>();
  for (const object of objects)
    describes.set(
      object,
      await http.send('describe', describeSchema, {
        method: 'GET',
        url: `/sobjects/${apiName(object)}/describe`,
      }),
    );
  const existing = specs.filter((spec) =>
    describes.get(spec.object)?.fields.some((f) => f.name.toLowerCase() === spec.name.toLowerCase()),
  );
  const plan = planProvision(specs, describes, await toolingStates(http, existing));
  if (plan.conflicts.length > 0)
    throw new CrmError(
      'salesforce',
      'CRM_CONFLICT',
      `Custom fields with another type already exist: ${plan.conflicts.join('; ')}`,
    );
  for (const spec of plan.create) {
    await http.send(
      'provision',
      toolingCreateSchema,
      SalesforceHttp.json('POST', '/tooling/sobjects/CustomField', {
        FullName: qualifiedName(spec),
        Metadata: customFieldMetadata(spec),
      }),
    );
  }
  for (const { spec, id, held } of plan.update) {
    if (id === null)
      throw new CrmError(
        'salesforce',
        'CRM_RESPONSE_INVALID',
        `${qualifiedName(spec)} is in describe but not in the Tooling API`,
      );
    await http.send(
      'provision',
      noContentSchema,
      SalesforceHttp.json('PATCH', `/tooling/sobjects/CustomField/${id}`, {
        Metadata: customFieldMetadata(spec, held),
      }),
    );
  }
  log.info(
    { created: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged.length },
    'salesforce custom fields provisioned',
  );
  return {
    created: plan.create.map(qualifiedName),
    updated: plan.update.map(({ spec }) => qualifiedName(spec)),
    unchanged: plan.unchanged.map(qualifiedName),
  };
}

/**
 * What the Tooling API holds of the fields that exist: one query for their ids, descriptions and help
 * texts, and one read per picklist for its whole value set (describe omits inactive values; a query
 * may return Metadata for one row only).
 */
async function toolingStates(
  http: SalesforceHttp,
  existing: readonly CustomFieldSpec[],
): Promise<Map<string, ToolingState>> {
  const states = new Map<string, ToolingState>();
  if (existing.length === 0) return states;
  const objects = [...new Set(existing.map((spec) => spec.object))];
  const soql =
    'SELECT Id, DeveloperName, TableEnumOrId, Description, InlineHelpText FROM CustomField ' +
    `WHERE TableEnumOrId IN ${soqlList(objects)}`;
  const rows = await http.send('provision', toolingFieldIdsSchema, {
    method: 'GET',
    url: `/tooling/query?q=${encodeURIComponent(soql)}`,
  });
  for (const spec of existing) {
    const row = rows.records.find(
      (r) => r.TableEnumOrId === spec.object && `${r.DeveloperName}__c`.toLowerCase() === spec.name.toLowerCase(),
    );
    if (row === undefined) continue;
    const state: ToolingState = {
      id: row.Id,
      description: row.Description ?? null,
      helpText: row.InlineHelpText ?? null,
    };
    states.set(qualifiedName(spec).toLowerCase(), spec.type === 'Picklist' ? await withValues(http, state) : state);
  }
  return states;
}

async function withValues(http: SalesforceHttp, state: ToolingState): Promise<ToolingState> {
  const field = await http.send('provision', toolingFieldSchema, {
    method: 'GET',
    url: `/tooling/sobjects/CustomField/${state.id}`,
  });
  const values = field.Metadata.valueSet?.valueSetDefinition.value ?? [];
  return {
    ...state,
    values: values.map((v) => ({ value: v.fullName, label: v.label ?? v.fullName, active: v.isActive !== false })),
  };
}
