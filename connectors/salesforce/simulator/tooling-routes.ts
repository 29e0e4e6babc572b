import { z } from 'zod';
import { normalizeId } from './schema/ids';
import { queryRoutes, type QuerySpace } from './query-routes';
import { badRequest, notFound, reply, type Reply } from './reply';
import type { Route, RouteContext } from './router';
import { SoqlError } from './soql/catalog';
import type { CustomFieldRecord } from './tooling-store';
import { formatDateTime } from './schema/values';
import { withEventChannels } from './event-channels';

/**
 * The Tooling API's CustomField: create, read, update, and query.
 * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_customfield.htm
 */

const createBody = z.looseObject({ FullName: z.unknown(), Metadata: z.unknown() });
const updateBody = z.looseObject({ Metadata: z.unknown() });

function customFieldOnly(context: RouteContext): void {
  if (context.params['type']?.toLowerCase() !== 'customfield') throw notFound();
}

function view(context: RouteContext, record: CustomFieldRecord): Record<string, unknown> {
  return {
    attributes: {
      type: 'CustomField',
      url: `/services/data/v${context.req.version}/tooling/sobjects/CustomField/${record.Id}`,
    },
    ...record,
    CreatedDate: formatDateTime(record.CreatedDate),
    LastModifiedDate: formatDateTime(record.LastModifiedDate),
  };
}

function bodyOf<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest('JSON_PARSER_ERROR', 'The request body is not a CustomField');
  return parsed.data;
}

function create(context: RouteContext): Reply {
  customFieldOnly(context);
  const body = bodyOf(createBody, context.req.body);
  const record = context.services.tooling.create(body.FullName, body.Metadata);
  return reply(
    201,
    { id: record.Id, success: true, errors: [] },
    { Location: `/services/data/v${context.req.version}/tooling/sobjects/CustomField/${record.Id}` },
  );
}

function retrieve(context: RouteContext): Reply {
  customFieldOnly(context);
  const id = normalizeId(context.params['id'] ?? '');
  const record = id === undefined ? undefined : context.services.tooling.get(id);
  if (record === undefined) throw notFound();
  return reply(200, view(context, record));
}

function update(context: RouteContext): Reply {
  customFieldOnly(context);
  const id = normalizeId(context.params['id'] ?? '');
  const record =
    id === undefined ? undefined : context.services.tooling.update(id, bodyOf(updateBody, context.req.body).Metadata);
  if (record === undefined) throw notFound();
  return reply(204);
}

// Metadata and FullName are only returned for a query that can match a single row.
// https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_customfield.htm
const METADATA_FIELDS = /\b(Metadata|FullName)\b/i;

const TOOLING_QUERY: QuerySpace = {
  resource: 'tooling/query',
  includeDeleted: false,
  catalog: (context) => withEventChannels(context.services.tooling.catalog(), context.actor),
  recordUrl: (context, object, id) => `/services/data/v${context.req.version}/tooling/sobjects/${object}/${id}`,
  inspect: (text, result) => {
    const selectList = text.slice(0, text.search(/\bfrom\b/i));
    if (METADATA_FIELDS.test(selectList) && result.totalSize > 1) {
      throw new SoqlError(
        'MALFORMED_QUERY',
        `When retrieving results with Metadata or FullName fields, the query qualifications must specify no more than one row for retrieval. Result size: ${result.totalSize}`,
        undefined,
      );
    }
  },
};

export const TOOLING_ROUTES: readonly Route[] = [
  ...queryRoutes(TOOLING_QUERY),
  { method: 'POST', pattern: '/tooling/sobjects/:type', handler: create },
  { method: 'GET', pattern: '/tooling/sobjects/:type/:id', handler: retrieve },
  { method: 'PATCH', pattern: '/tooling/sobjects/:type/:id', handler: update },
];
