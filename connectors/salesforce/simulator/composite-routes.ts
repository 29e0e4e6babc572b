import { z } from 'zod';
import { badRequest, errorReply, reply, SfApiError, type Reply } from './reply';
import type { Route, RouteContext, RouteRequest } from './router';

/**
 * Composite: up to 25 subrequests in one API call, later ones referring to earlier results with
 * @{referenceId.path}; allOrNone rolls every subrequest back when one fails.
 * https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-composite-post.html
 */

const MAX_SUBREQUESTS = 25;
const MAX_QUERIES_AND_COLLECTIONS = 5;
const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;
const WHOLE_REFERENCE = /^@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/;
const VERSIONED_PATH = /^\/services\/data\/v(\d+\.\d)(\/[^?]*)(?:\?(.*))?$/;

export const subrequestSchema = z.object({
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
  url: z.string().min(1),
  referenceId: z.string().regex(/^[A-Za-z0-9_]+$/),
  body: z.unknown().optional(),
  httpHeaders: z.record(z.string(), z.string()).optional(),
});
const compositeSchema = z.object({
  allOrNone: z.boolean().optional(),
  collateSubrequests: z.boolean().optional(),
  compositeRequest: z.array(subrequestSchema).min(1),
});

export type Subrequest = z.infer<typeof subrequestSchema>;

export interface SubResult {
  readonly body: unknown;
  readonly httpHeaders: Readonly<Record<string, string>>;
  readonly httpStatusCode: number;
  readonly referenceId: string;
}

const HALTED_BY_ROLLBACK = [
  {
    errorCode: 'PROCESSING_HALTED',
    message: 'The transaction was rolled back since another operation in the same transaction failed.',
  },
];

class UnresolvedReference extends Error {}

function lookup(results: ReadonlyMap<string, SubResult>, referenceId: string, path: string): unknown {
  const result = results.get(referenceId);
  if (result === undefined || result.httpStatusCode >= 400) throw new UnresolvedReference(referenceId);
  let value: unknown = result.body;
  for (const step of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    value = typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  if (value === undefined) throw new UnresolvedReference(referenceId);
  return value;
}

/** Replaces @{ref.path} in strings; a string that is only a reference takes the referenced value as is. */
function resolve(value: unknown, results: ReadonlyMap<string, SubResult>): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole !== null) return lookup(results, whole[1] ?? '', whole[2] ?? '');
    return value.replace(REFERENCE, (_, id: string, path: string) => String(lookup(results, id, path)));
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, results));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, results)]));
  return value;
}

function toRequest(sub: Subrequest, results: ReadonlyMap<string, SubResult>): RouteRequest {
  const url = String(resolve(sub.url, results));
  const match = VERSIONED_PATH.exec(url);
  if (match === null)
    throw badRequest('INVALID_BATCH_REQUEST', `The url of a subrequest must start with /services/data/vXX.X/: ${url}`);
  const headers = Object.fromEntries(Object.entries(sub.httpHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: sub.method,
    path: match[2] ?? '/',
    query: new URLSearchParams(match[3] ?? ''),
    body: resolve(sub.body, results),
    headers,
    version: match[1] ?? '',
  };
}

function runOne(context: RouteContext, sub: Subrequest, results: ReadonlyMap<string, SubResult>): SubResult {
  let answer: Reply;
  try {
    answer = context.services.dispatch(context.actor, toRequest(sub, results));
  } catch (error) {
    if (error instanceof UnresolvedReference) {
      const message = `Invalid reference specified. No value for ${error.message} found. Provided referenceId ('${error.message}') is not valid or the subrequest it names failed.`;
      answer = reply(400, [{ errorCode: 'PROCESSING_HALTED', message }]);
    } else if (error instanceof SfApiError) answer = errorReply(error);
    else throw error;
  }
  return {
    body: answer.body ?? null,
    httpHeaders: answer.headers ?? {},
    httpStatusCode: answer.status,
    referenceId: sub.referenceId,
  };
}

function checkLimits(requests: readonly Subrequest[]): void {
  const referenceIds = new Set(requests.map((sub) => sub.referenceId));
  if (referenceIds.size !== requests.length)
    throw badRequest('INVALID_BATCH_REQUEST', 'Each subrequest needs its own referenceId.');
  if (requests.length > MAX_SUBREQUESTS)
    throw badRequest(
      'INVALID_BATCH_REQUEST',
      `A composite request can have at most ${MAX_SUBREQUESTS} subrequests; this one has ${requests.length}.`,
    );
  const heavy = requests.filter((sub) => /\/(query|queryAll)(\?|\/|$)|\/composite\/sobjects/.test(sub.url)).length;
  if (heavy > MAX_QUERIES_AND_COLLECTIONS)
    throw badRequest(
      'INVALID_BATCH_REQUEST',
      `A composite request can have at most ${MAX_QUERIES_AND_COLLECTIONS} query or sObject Collections subrequests.`,
    );
}

/**
 * Runs subrequests in order in one transaction; with allOrNone, the first failure stops the run,
 * rolls back every write, and each other subrequest answers PROCESSING_HALTED.
 */
export function runSubrequests(
  context: RouteContext,
  requests: readonly Subrequest[],
  allOrNone: boolean,
): readonly SubResult[] {
  const results = new Map<string, SubResult>();
  const failed = (r: SubResult) => r.httpStatusCode >= 400;
  context.actor.store.transaction(
    () => {
      for (const sub of requests) {
        if (allOrNone && [...results.values()].some(failed)) break;
        results.set(sub.referenceId, runOne(context, sub, results));
      }
    },
    () => !allOrNone || ![...results.values()].some(failed),
  );
  const rolledBack = allOrNone && [...results.values()].some(failed);
  return requests.map((sub) => {
    const result = results.get(sub.referenceId);
    if (result !== undefined && (!rolledBack || failed(result))) return result;
    return { body: HALTED_BY_ROLLBACK, httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId };
  });
}

function composite(context: RouteContext): Reply {
  const parsed = compositeSchema.safeParse(context.req.body);
  if (!parsed.success)
    throw badRequest(
      'JSON_PARSER_ERROR',
      `Invalid composite request: ${parsed.error.issues[0]?.message ?? 'malformed'}`,
    );
  const { compositeRequest, allOrNone = false } = parsed.data;
  checkLimits(compositeRequest);
  return reply(200, { compositeResponse: runSubrequests(context, compositeRequest, allOrNone) });
}

export const COMPOSITE_ROUTES: readonly Route[] = [{ method: 'POST', pattern: '/composite', handler: composite }];
