import type { Actor } from './org';
import type { ObjectSchema } from './schema/registry';

/**
 * The parts of an object's describe that look beyond its own fields: childRelationships (every
 * reference field of another object that points here; jsforce builds child subqueries from them)
 * and recordTypeInfos (the Master record type, plus the org's active record types of the object).
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_describesobjects_describesobjectresult.htm
 */

// The Master record type has this fixed id in every org.
const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

// Relationship names the platform gives standard lookups that a plain plural would get wrong.
const CHILD_RELATIONSHIP_NAMES: Readonly<Record<string, string>> = {
  'Contact.AccountId': 'Contacts',
  'Opportunity.AccountId': 'Opportunities',
  'CampaignMember.CampaignId': 'CampaignMembers',
  'CampaignMember.LeadId': 'CampaignMembers',
  'CampaignMember.ContactId': 'CampaignMembers',
  'Task.WhoId': 'Tasks',
  'Task.WhatId': 'Tasks',
  'Event.WhoId': 'Events',
  'Event.WhatId': 'Events',
  'GroupMember.GroupId': 'GroupMembers',
};

function childRelationshipName(child: string, field: string, relationship: string | null): string | null {
  const known = CHILD_RELATIONSHIP_NAMES[`${child}.${field}`];
  if (known !== undefined) return known;
  if (field.endsWith('__c')) return relationship === null ? null : relationship.replace(/__r$/, 's__r');
  return null;
}

export function childRelationships(actor: Actor, parent: ObjectSchema): Record<string, unknown>[] {
  return actor.registry.all().flatMap((child) =>
    child.fields
      .filter((field) => field.type === 'reference' && field.referenceTo.includes(parent.name))
      .map((field) => ({
        cascadeDelete: false,
        childSObject: child.name,
        deprecatedAndHidden: false,
        field: field.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: childRelationshipName(child.name, field.name, field.relationshipName),
        restrictedDelete: false,
      })),
  );
}

/** The child relationship of `parent` with this name (case-insensitive): child object and field. */
export function findChildRelationship(
  actor: Actor,
  parent: ObjectSchema,
  name: string,
): { readonly name: string; readonly object: string; readonly field: string } | undefined {
  const relation = childRelationships(actor, parent).find(
    (r) => typeof r['relationshipName'] === 'string' && r['relationshipName'].toLowerCase() === name.toLowerCase(),
  );
  return relation === undefined
    ? undefined
    : {
        name: String(relation['relationshipName']),
        object: String(relation['childSObject']),
        field: String(relation['field']),
      };
}

function recordTypeInfo(version: string, object: string, row: { id: string; name: string; developerName: string }) {
  const master = row.id === MASTER_RECORD_TYPE_ID;
  return {
    active: true,
    available: true,
    defaultRecordTypeMapping: master,
    developerName: row.developerName,
    master,
    name: row.name,
    recordTypeId: row.id,
    urls: { layout: `/services/data/v${version}/sobjects/${object}/describe/layouts/${row.id}` },
  };
}

export function recordTypeInfos(actor: Actor, schema: ObjectSchema, version: string): Record<string, unknown>[] {
  const own = actor.store
    .rows('RecordType')
    .filter((row) => row['SobjectType'] === schema.name && row['IsActive'] === true)
    .map((row) => ({ id: String(row['Id']), name: String(row['Name']), developerName: String(row['DeveloperName']) }));
  const master = { id: MASTER_RECORD_TYPE_ID, name: 'Master', developerName: 'Master' };
  return [...own, master].map((row) => recordTypeInfo(version, schema.name, row));
}
