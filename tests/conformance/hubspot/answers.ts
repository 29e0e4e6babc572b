import { z } from 'zod';

/**
 * The answers HubSpot documents, written from its API reference
 * (https://developers.hubspot.com/docs/api-reference, the OpenAPI specs published at
 * github.com/HubSpot/HubSpot-public-api-spec-collection). Objects allow keys beyond the documented
 * ones, as the reference does; every documented required key and every documented type is checked.
 */
const iso = z.iso.datetime({ offset: true });
const links = z.record(z.string(), z.string());
const batchStatus = z.enum(['CANCELED', 'COMPLETE', 'PENDING', 'PROCESSING']);

export const forwardPaging = z.object({
  next: z.object({ after: z.string(), link: z.string().optional() }).optional(),
});

/** The error of one input of a batch (StandardError): unlike a call's error it carries context, errors and links. */
export const standardError = z.object({
  status: z.string(),
  category: z.string(),
  message: z.string(),
  context: z.record(z.string(), z.array(z.string())),
  errors: z.array(z.object({ message: z.string(), code: z.string().optional(), in: z.string().optional() })),
  links,
  id: z.string().optional(),
});

export function batchOf<T extends z.ZodType>(result: T) {
  return z.object({
    status: batchStatus,
    results: z.array(result),
    startedAt: iso,
    completedAt: iso,
    requestedAt: iso.optional(),
    links: links.optional(),
  });
}

export function batchWithErrorsOf<T extends z.ZodType>(result: T) {
  return batchOf(result).extend({ errors: z.array(standardError), numErrors: z.number().int() });
}

export function collectionOf<T extends z.ZodType>(result: T) {
  return z.object({ results: z.array(result), paging: forwardPaging.optional() });
}

// The reference types property values as strings; its examples show null for a requested property with no value.
const propertyValues = z.record(z.string(), z.string().nullable());
const valueWithTimestamp = z.object({
  value: z.string(),
  timestamp: iso,
  sourceType: z.string(),
  sourceId: z.string().optional(),
  sourceLabel: z.string().optional(),
  updatedByUserId: z.number().int().optional(),
});

export const simplePublicObject = z.object({
  id: z.string(),
  properties: propertyValues,
  propertiesWithHistory: z.record(z.string(), z.array(valueWithTimestamp)).optional(),
  createdAt: iso,
  updatedAt: iso,
  archived: z.boolean(),
  archivedAt: iso.optional(),
  objectWriteTraceId: z.string().optional(),
});

/** Read and list with `associations=<type>`: the associated ids per type asked for. */
export const objectWithAssociations = simplePublicObject.extend({
  associations: z
    .record(
      z.string(),
      z.object({ results: z.array(z.object({ id: z.string(), type: z.string() })), paging: forwardPaging.optional() }),
    )
    .optional(),
});

/** A read that asked for `associations=<type>` of a record that has some: they must be in the answer. */
export function associatedTo(type: string) {
  return objectWithAssociations.extend({
    associations: z
      .record(z.string(), z.object({ results: z.array(z.object({ id: z.string(), type: z.string() })) }))
      .refine((found) => found[type] !== undefined, `the associations asked for (${type}) are missing`),
  });
}

export const upsertedObject = simplePublicObject.extend({ new: z.boolean() });
export const searchPage = z.object({
  total: z.number().int(),
  results: z.array(simplePublicObject),
  paging: forwardPaging.optional(),
});

const option = z.object({
  label: z.string(),
  value: z.string(),
  hidden: z.boolean(),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
});

export const property = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  description: z.string(),
  groupName: z.string(),
  options: z.array(option),
  displayOrder: z.number().int().optional(),
  calculated: z.boolean().optional(),
  externalOptions: z.boolean().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  hubspotDefined: z.boolean().optional(),
  formField: z.boolean().optional(),
  modificationMetadata: z
    .object({
      archivable: z.boolean(),
      readOnlyDefinition: z.boolean(),
      readOnlyValue: z.boolean(),
      readOnlyOptions: z.boolean().optional(),
    })
    .optional(),
  createdAt: iso.optional(),
  updatedAt: iso.optional(),
  archived: z.boolean().optional(),
  archivedAt: iso.optional(),
});

export const propertyGroup = z.object({
  name: z.string(),
  label: z.string(),
  displayOrder: z.number().int(),
  archived: z.boolean(),
});

export const owner = z.object({
  id: z.string(),
  type: z.enum(['PERSON', 'QUEUE']),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  userId: z.number().int().optional(),
  userIdIncludingInactive: z.number().int().optional(),
  createdAt: iso,
  updatedAt: iso,
  archived: z.boolean(),
  teams: z.array(z.object({ id: z.string(), name: z.string(), primary: z.boolean() })).optional(),
});

const associationCategory = z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED', 'WORK']);

/**
 * Associations v4 (https://developers.hubspot.com/docs/api-reference/crm-associations-v4): record ids
 * are strings; `label` is an optional string, so an unlabelled type leaves it out.
 */
export const labelledType = z.object({
  category: associationCategory,
  typeId: z.number().int(),
  label: z.string().optional(),
});
export const associatedObject = z.object({ toObjectId: z.string(), associationTypes: z.array(labelledType) });
export const labelsBetween = z.object({
  fromObjectTypeId: z.string(),
  fromObjectId: z.string(),
  toObjectTypeId: z.string(),
  toObjectId: z.string(),
  labels: z.array(z.string()),
});
export const defaultAssociation = z.object({
  from: z.object({ id: z.string() }),
  to: z.object({ id: z.string() }),
  associationSpec: z.object({ associationCategory, associationTypeId: z.number().int() }),
});
export const associationsOfObject = z.object({
  from: z.object({ id: z.string() }),
  to: z.array(associatedObject),
  paging: forwardPaging.optional(),
});
export const labelList = z.object({ results: z.array(labelledType) });

export const associationDefinition = z.object({
  id: z.string(),
  fromObjectTypeId: z.string(),
  toObjectTypeId: z.string(),
  name: z.string().optional(),
  createdAt: iso.optional(),
  updatedAt: iso.optional(),
});

export const objectSchema = z.object({
  id: z.string(),
  name: z.string(),
  labels: z.object({ singular: z.string().optional(), plural: z.string().optional() }),
  requiredProperties: z.array(z.string()),
  properties: z.array(property),
  associations: z.array(associationDefinition),
  objectTypeId: z.string().optional(),
  fullyQualifiedName: z.string().optional(),
  primaryDisplayProperty: z.string().optional(),
  secondaryDisplayProperties: z.array(z.string()).optional(),
  searchableProperties: z.array(z.string()).optional(),
  description: z.string().optional(),
  archived: z.boolean().optional(),
  createdAt: iso.optional(),
  updatedAt: iso.optional(),
});

export const accountDetails = z.object({
  portalId: z.number().int(),
  accountType: z.enum(['STANDARD', 'DEVELOPER_TEST', 'SANDBOX', 'APP_DEVELOPER']),
  timeZone: z.string(),
  companyCurrency: z.string(),
  additionalCurrencies: z.array(z.string()),
  utcOffset: z.string(),
  utcOffsetMilliseconds: z.number().int(),
  uiDomain: z.string(),
  dataHostingLocation: z.string(),
});

export const apiUsage = z.object({
  results: z.array(
    z.object({
      name: z.string(),
      usageLimit: z.number().int(),
      currentUsage: z.number().int(),
      collectedAt: iso,
      fetchStatus: z.enum(['SUCCESS', 'CACHED', 'NOTFOUND', 'TIMEOUT', 'FAILURE']),
      resetsAt: iso.optional(),
    }),
  ),
});

/** "View private app access token information" (private apps overview): no OpenAPI spec covers it. */
export const privateAppTokenInfo = z.object({
  userId: z.number().int(),
  hubId: z.number().int(),
  appId: z.number().int(),
  scopes: z.array(z.string()),
});

/** GET /oauth/v1/access-tokens/{token}: snake_case keys, as the OAuth v1 reference documents. */
export const accessTokenInfo = z.object({
  token: z.string(),
  user: z.string().optional(),
  hub_domain: z.string().optional(),
  scopes: z.array(z.string()),
  hub_id: z.number().int(),
  app_id: z.number().int(),
  expires_in: z.number().int(),
  user_id: z.number().int(),
  token_type: z.string(),
});

export const webhookSettings = z.object({
  targetUrl: z.string(),
  throttling: z.object({ maxConcurrentRequests: z.number().int() }),
  createdAt: iso,
  updatedAt: iso.optional(),
});

export const subscription = z.object({
  id: z.string(),
  eventType: z.string(),
  propertyName: z.string().optional(),
  active: z.boolean(),
  createdAt: iso,
  updatedAt: iso.optional(),
});
