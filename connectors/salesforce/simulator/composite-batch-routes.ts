import { z } from 'zod';
import { runSubrequests, subrequestSchema } from './composite-routes';
import { badRequest, errorReply, reply, SfApiError, type Reply } from './reply';
import type { Route, RouteContext } from './router';

/**
 * Composite Batch and Composite Graph.
 *
 * Batch: up to 25 independent subrequests in one API call, each in its own transaction; a later one
 * cannot refer to an earlier one; haltOnError stops at the first failure and answers the rest 412
 * BATCH_PROCESSING_HALTED.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_batch.htm
 *
 * Graph: several composite requests ("graphs"), each all-or-none on its own: a failing graph rolls
 * back its own writes only and says isSuccessful false; up to 500 nodes a graph.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_graph.htm
 */

const MAX_BATCH = 25;
const MAX_GRAPH_NODES = 500;
const BATCH_URL = /^(?:\/services\/data\/)?v(\d+\.\d)(\/[^?]*)(?:\?(.*))?$/;
const HALTED = [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }];

const batchSchema = z.object({
  haltOnError: z.boolean().optional(),
  batchRequests: z
    .array(
      z.object({
        method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
        url: z.string().min(1),
        richInput: z.unknown().optional(),
        binaryPartName: z.string().optional(),
      }),
    )
    .min(1),
});

const graphSchema = z.object({
  graphs: z.array(z.object({ graphId: z.string().min(1), compositeRequest: z.array(subrequestSchema).min(1) })).min(1),
});

function runBatchItem(context: RouteContext, method: string, url: string, body: unknown): Reply {
  const match = BATCH_URL.exec(url.startsWith('/') && !url.startsWith('/services/') ? url.slice(1) : url);
  if (match === null)
    throw badRequest('INVALID_BATCH_REQUEST', `The url of a batch subrequest must start with vXX.X/: ${url}`);
  try {
    return context.services.dispatch(context.actor, {
      method,
      path: match[2] ?? '/',
      query: new URLSearchParams(match[3] ?? ''),
      body,
      headers: {},
      version: match[1] ?? '',
    });
  } catch (error) {
    if (error instanceof SfApiError) return errorReply(error);
    throw error;
  }
}

function batch(context: RouteContext): Reply {
  const parsed = batchSchema.safeParse(context.req.body);
  if (!parsed.success)
    throw badRequest('JSON_PARSER_ERROR', `Invalid batch request: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
  const { batchRequests, haltOnError = false } = parsed.data;
  if (batchRequests.length > MAX_BATCH)
    throw badRequest(
      'INVALID_BATCH_REQUEST',
      `A batch can have at most ${MAX_BATCH} subrequests; this one has ${batchRequests.length}.`,
    );
  let halted = false;
  const results = batchRequests.map((item) => {
    if (halted) return { statusCode: 412, result: HALTED };
    const answer = runBatchItem(context, item.method, item.url, item.richInput);
    if (answer.status >= 400 && haltOnError) halted = true;
    return { statusCode: answer.status, result: answer.body ?? null };
  });
  return reply(200, { hasErrors: results.some((r) => r.statusCode >= 400), results });
}

function graph(context: RouteContext): Reply {
  const parsed = graphSchema.safeParse(context.req.body);
  if (!parsed.success)
    throw badRequest('JSON_PARSER_ERROR', `Invalid graph request: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
  const ids = new Set(parsed.data.graphs.map((g) => g.graphId));
  if (ids.size !== parsed.data.graphs.length) throw badRequest('INVALID_INPUT', 'Each graph needs its own graphId.');
  const graphs = parsed.data.graphs.map(({ graphId, compositeRequest }) => {
    if (compositeRequest.length > MAX_GRAPH_NODES)
      throw badRequest('INVALID_INPUT', `Graph ${graphId} has more than ${MAX_GRAPH_NODES} nodes.`);
    const compositeResponse = runSubrequests(context, compositeRequest, true);
    const isSuccessful = compositeResponse.every((r) => r.httpStatusCode < 400);
    return { graphId, graphResponse: { compositeResponse }, isSuccessful };
  });
  return reply(200, { graphs });
}

export const COMPOSITE_BATCH_ROUTES: readonly Route[] = [
  { method: 'POST', pattern: '/composite/batch', handler: batch },
  { method: 'POST', pattern: '/composite/graph', handler: graph },
];
