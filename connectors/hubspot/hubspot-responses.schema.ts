import { z } from 'zod';
import { hubSpotContactId, isHubSpotContactId, type HubSpotContactId } from '../../src/shared/ids';

/** The SDK turns timestamps into Date objects; a raw response would carry ISO strings. */
const instant = z
  .union([z.date(), z.string()])
  .transform((value) => (value instanceof Date ? value : new Date(value)).toISOString());

export const contactIdSchema = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine(isHubSpotContactId, 'not a HubSpot object id')
  .transform((id): HubSpotContactId => hubSpotContactId(id));

/** A SimplePublicObject as @hubspot/api-client returns it; unknown keys are dropped. */
export const simpleObjectSchema = z.object({
  id: contactIdSchema,
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: instant,
  updatedAt: instant,
  archived: z.boolean().default(false),
  objectWriteTraceId: z.string().optional(),
  /** batch/upsert's `new`, renamed by the SDK's serializer. */
  _new: z.boolean().optional(),
});
export type SimpleObject = z.infer<typeof simpleObjectSchema>;

const idList = z.array(z.union([z.string(), z.number()]).transform(String));

/** One entry of a 207 body's `errors` (StandardError). */
export const batchErrorSchema = z.object({
  category: z.string().default('UNKNOWN'),
  message: z.string().default(''),
  context: z.record(z.string(), idList).default({}),
  errors: z
    .array(
      z.object({
        code: z.string().optional(),
        message: z.string().optional(),
        context: z.record(z.string(), idList).optional(),
      }),
    )
    .default([]),
});
export type BatchError = z.infer<typeof batchErrorSchema>;

export const batchResultSchema = z.object({
  results: z.array(simpleObjectSchema),
  errors: z.array(batchErrorSchema).default([]),
});
export type BatchResult = z.infer<typeof batchResultSchema>;

/** A custom object's record: the same SimplePublicObject, under an id that is no contact's. */
export const objectRecordSchema = simpleObjectSchema.extend({
  id: z.union([z.string(), z.number()]).transform(String),
});

export const objectBatchResultSchema = z.object({
  results: z.array(objectRecordSchema),
  errors: z.array(batchErrorSchema).default([]),
});

export const searchPageSchema = z.object({
  total: z.number().int(),
  results: z.array(simpleObjectSchema),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});
export type SearchPage = z.infer<typeof searchPageSchema>;

const existingPropertySchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  description: z.string().default(''),
  options: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
  hasUniqueValue: z.boolean().default(false),
  archived: z.boolean().default(false),
});
export type ExistingProperty = z.infer<typeof existingPropertySchema>;

export const propertyListSchema = z.object({ results: z.array(existingPropertySchema) });

/** A custom object's ObjectSchema (GET /crm-object-schemas/v3/schemas): what provisioning compares. */
export const objectSchemaSchema = z.object({
  objectTypeId: z.string(),
  name: z.string(),
  labels: z.object({ singular: z.string().optional(), plural: z.string().optional() }),
  primaryDisplayProperty: z.string().optional(),
  secondaryDisplayProperties: z.array(z.string()).default([]),
  searchableProperties: z.array(z.string()).default([]),
  requiredProperties: z.array(z.string()).default([]),
  properties: z.array(existingPropertySchema),
  archived: z.boolean().default(false),
});
export type ExistingObjectSchema = z.infer<typeof objectSchemaSchema>;

export const objectSchemaListSchema = z.object({ results: z.array(objectSchemaSchema) });

export const groupListSchema = z.object({ results: z.array(z.object({ name: z.string(), label: z.string() })) });

export const subscriptionListSchema = z.object({
  results: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      eventType: z.string(),
      propertyName: z.string().optional(),
      active: z.boolean(),
    }),
  ),
});

export const webhookSettingsSchema = z.object({ targetUrl: z.string() });
