import type { ProvisionReport } from '../../src/shared/crm-port';
import { CrmError } from '../../src/shared/errors';
import type { CustomFieldSpec } from '../../src/shared/field-specs';
import type { Logger } from '../../src/shared/logger';
import { customFieldMetadata, planProvision, qualifiedName } from './provision-fields';
import { apiName } from './record-writes';
import { SalesforceHttp } from './salesforce-http';
import {
  describeSchema,
  noContentSchema,
  toolingCreateSchema,
  toolingFieldIdsSchema,
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
  const plan = planProvision(specs, describes);
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
  if (plan.update.length > 0) await updateFields(http, plan.update, objects);
  log.info(
    { created: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged.length },
    'salesforce custom fields provisioned',
  );
  return {
    created: plan.create.map(qualifiedName),
    updated: plan.update.map(qualifiedName),
    unchanged: plan.unchanged.map(qualifiedName),
  };
}

async function updateFields(
  http: SalesforceHttp,
  specs: readonly CustomFieldSpec[],
  objects: readonly string[],
): Promise<void> {
  const soql = `SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId IN ${soqlList(objects)}`;
  const existing = await http.send('provision', toolingFieldIdsSchema, {
    method: 'GET',
    url: `/tooling/query?q=${encodeURIComponent(soql)}`,
  });
  for (const spec of specs) {
    const row = existing.records.find(
      (r) => r.TableEnumOrId === spec.object && `${r.DeveloperName}__c`.toLowerCase() === spec.name.toLowerCase(),
    );
    if (row === undefined)
      throw new CrmError(
        'salesforce',
        'CRM_RESPONSE_INVALID',
        `${qualifiedName(spec)} is in describe but not in the Tooling API`,
      );
    await http.send(
      'provision',
      noContentSchema,
      SalesforceHttp.json('PATCH', `/tooling/sobjects/CustomField/${row.Id}`, {
        Metadata: customFieldMetadata(spec),
      }),
    );
  }
}
