import { restCatalog } from './rest-catalog';
import { badRequest, reply, type Reply } from './reply';
import type { Route, RouteContext } from './router';
import { SoqlError, type SoqlCatalog } from './soql/catalog';
import { executeSoql, type SoqlResult } from './soql/evaluator';

// Query results come in pages of 2,000 rows unless Sforce-Query-Options asks for 200..2,000.
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_queryoptions.htm
const DEFAULT_PAGE = 2000;
const MIN_PAGE = 200;

export function pageSize(context: RouteContext): number {
  const header = context.req.headers['sforce-query-options'] ?? '';
  const match = /batchSize\s*=\s*(\d+)/i.exec(header);
  if (match === null) return DEFAULT_PAGE;
  return Math.min(DEFAULT_PAGE, Math.max(MIN_PAGE, Number(match[1])));
}

export interface QuerySpace {
  /** "query", "queryAll" or "tooling/query": where nextRecordsUrl points. */
  readonly resource: string;
  readonly includeDeleted: boolean;
  readonly catalog: (context: RouteContext) => SoqlCatalog;
  /** attributes.url of a record of this space. */
  readonly recordUrl: (context: RouteContext, object: string, id: string) => string;
  /** A check on the whole result before it is returned (the Tooling API's one-row rule for Metadata). */
  readonly inspect?: (text: string, result: SoqlResult) => void;
}

function base(context: RouteContext, resource: string): string {
  return `/services/data/v${context.req.version}/${resource}`;
}

function runQuery(space: QuerySpace, context: RouteContext): Reply {
  const text = context.req.query.get('q');
  if (text === null || text.trim() === '') throw badRequest('MALFORMED_QUERY', 'A query string has to be specified');
  let result: SoqlResult;
  try {
    result = executeSoql(space.catalog(context), text, {
      includeDeleted: space.includeDeleted,
      urlFor: (object, id) => space.recordUrl(context, object, id),
    });
    space.inspect?.(text, result);
  } catch (error) {
    if (error instanceof SoqlError) throw badRequest(error.errorCode, error.message);
    throw error;
  }
  return reply(
    200,
    context.services.cursors.first(result.records, result.totalSize, pageSize(context), base(context, space.resource)),
  );
}

function nextPage(space: QuerySpace, context: RouteContext): Reply {
  const page = context.services.cursors.next(context.params['locator'] ?? '', base(context, space.resource));
  if (page === undefined) throw badRequest('INVALID_QUERY_LOCATOR', 'invalid query locator');
  return reply(200, page);
}

export const REST_QUERY: QuerySpace = {
  resource: 'query',
  includeDeleted: false,
  catalog: (context) => restCatalog(context.actor),
  recordUrl: (context, object, id) => `/services/data/v${context.req.version}/sobjects/${object}/${id}`,
};

const REST_QUERY_ALL: QuerySpace = { ...REST_QUERY, resource: 'queryAll', includeDeleted: true };

/** Routes serving a query space: the query itself and its later pages. */
export function queryRoutes(space: QuerySpace): Route[] {
  return [
    { method: 'GET', pattern: `/${space.resource}`, handler: (context) => runQuery(space, context) },
    { method: 'GET', pattern: `/${space.resource}/:locator`, handler: (context) => nextPage(space, context) },
  ];
}

export const QUERY_ROUTES: readonly Route[] = [...queryRoutes(REST_QUERY), ...queryRoutes(REST_QUERY_ALL)];
