import { z } from 'zod';

/**
 * The REST API responses the connector reads, validated at the edge. They tolerate keys we do not
 * read and require those we do.
 */

/**
 * A duplicate rule's verdict on a DUPLICATES_DETECTED error: the rule and the records it matched.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_duplicateresult.htm
 */
const duplicateResult = z.looseObject({
  duplicateRule: z.string().optional(),
  matchResults: z
    .array(
      z.looseObject({
        entityType: z.string(),
        matchRecords: z.array(z.looseObject({ record: z.looseObject({ Id: z.string() }) })).default([]),
      }),
    )
    .default([]),
});

const recordError = z.looseObject({
  statusCode: z.string(),
  message: z.string(),
  fields: z.array(z.string()).optional(),
  duplicateResult: duplicateResult.optional(),
});

/** One element of an sObject Collections create/update/upsert/delete result. */
export const saveResultSchema = z.looseObject({
  id: z.string().nullish(),
  success: z.boolean(),
  errors: z.array(recordError),
  created: z.boolean().optional(),
});

export const saveResultsSchema = z.array(saveResultSchema);
export type SaveResult = z.infer<typeof saveResultSchema>;

export const sObjectRecordSchema = z.looseObject({
  attributes: z.looseObject({ type: z.string() }),
  Id: z.string(),
});

/** POST /composite/sobjects/{type}: a record, or null for an id that is missing or deleted. */
export const retrieveResultSchema = z.array(sObjectRecordSchema.nullable());

export const queryResultSchema = z.looseObject({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(sObjectRecordSchema),
});
export type QueryResult = z.infer<typeof queryResultSchema>;

export const compositeResultSchema = z.looseObject({
  compositeResponse: z.array(z.looseObject({ body: z.unknown(), httpStatusCode: z.number(), referenceId: z.string() })),
});

export const describeSchema = z.looseObject({
  name: z.string(),
  fields: z.array(
    z.looseObject({
      name: z.string(),
      label: z.string(),
      type: z.string(),
      length: z.number(),
      precision: z.number(),
      scale: z.number(),
      custom: z.boolean(),
      externalId: z.boolean(),
      unique: z.boolean(),
      picklistValues: z.array(z.looseObject({ value: z.string(), label: z.string().nullish() })).optional(),
    }),
  ),
});
export type DescribeResult = z.infer<typeof describeSchema>;

export const toolingCreateSchema = z.looseObject({ id: z.string(), success: z.literal(true) });

export const toolingFieldIdsSchema = z.looseObject({
  records: z.array(
    z.looseObject({
      Id: z.string(),
      DeveloperName: z.string(),
      TableEnumOrId: z.string(),
      Description: z.string().nullish(),
      InlineHelpText: z.string().nullish(),
    }),
  ),
});

/** A CustomField read by id: its Metadata's value set, inactive values included. */
export const toolingFieldSchema = z.looseObject({
  Metadata: z.looseObject({
    valueSet: z
      .looseObject({
        valueSetDefinition: z.looseObject({
          value: z.array(
            z.looseObject({ fullName: z.string(), label: z.string().nullish(), isActive: z.boolean().nullish() }),
          ),
        }),
      })
      .nullish(),
  }),
});

/** A 204 No Content answer, which jsforce resolves as undefined. */
export const noContentSchema = z.unknown();
