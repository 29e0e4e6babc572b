import { CrmError } from '../../src/shared/errors';
import { crmError } from './classify-error';
import { chunk, queryAllPages, type QueryRecord } from './record-reads';
import { SalesforceHttp } from './salesforce-http';
import { compositeResultSchema, queryResultSchema, type QueryResult } from './salesforce.schema';

const COMPOSITE_QUERIES = 5;

export interface CompositeQuery {
  readonly soql: string;
  readonly keep: (raw: QueryRecord) => void;
}

/** Queries in Composite requests: one API call carries five of them (wire-apis.md §1); every page is read. */
export async function compositeQueries(
  http: SalesforceHttp,
  apiVersion: string,
  operation: string,
  queries: readonly CompositeQuery[],
): Promise<void> {
  for (const group of chunk(queries, COMPOSITE_QUERIES)) {
    const compositeRequest = group.map((q, i) => ({
      method: 'GET',
      url: `/services/data/v${apiVersion}/query?q=${encodeURIComponent(q.soql)}`,
      referenceId: `q${i}`,
    }));
    const result = await http.send(
      operation,
      compositeResultSchema,
      SalesforceHttp.json('POST', '/composite', { allOrNone: false, compositeRequest }),
    );
    for (const sub of result.compositeResponse) {
      const query = group[Number(sub.referenceId.slice(1))];
      for (const raw of await queryAllPages(http, operation, subquery(operation, sub))) query?.keep(raw);
    }
  }
}

function subquery(operation: string, sub: { body: unknown; httpStatusCode: number; referenceId: string }): QueryResult {
  if (sub.httpStatusCode < 400) {
    const parsed = queryResultSchema.safeParse(sub.body);
    if (parsed.success) return parsed.data;
    throw new CrmError(
      'salesforce',
      'CRM_RESPONSE_INVALID',
      `Salesforce composite ${sub.referenceId} answered an unexpected body`,
    );
  }
  const [first] = Array.isArray(sub.body) ? (sub.body as unknown[]) : [];
  const detail =
    typeof first === 'object' && first !== null ? (first as { errorCode?: unknown; message?: unknown }) : {};
  const errorCode = typeof detail.errorCode === 'string' ? detail.errorCode : undefined;
  const message = typeof detail.message === 'string' ? detail.message : undefined;
  throw crmError({ status: sub.httpStatusCode, errorCode, message }, `${operation} (${sub.referenceId})`, sub.body);
}
