import type { Actor } from './org';
import type { QueryCursors } from './query-cursors';
import type { Reply } from './reply';
import type { ToolingStore } from './tooling-store';

/** One REST request under /services/data/vNN.N, as a route sees it. */
export interface RouteRequest {
  readonly method: string;
  /** The path after /services/data/vNN.N, e.g. /sobjects/Lead/00Q.... */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly version: string;
}

/** What routes share beyond the org: query cursors, tooling metadata, and re-entry for Composite. */
export interface Services {
  readonly cursors: QueryCursors;
  readonly tooling: ToolingStore;
  /** Runs a subrequest through the same routes (Composite), without counting another API call. */
  readonly dispatch: (actor: Actor, request: RouteRequest) => Reply;
  /** The org's limits as GET /limits reports them. */
  readonly limits: () => Readonly<Record<string, unknown>>;
}

export interface RouteContext {
  readonly actor: Actor;
  readonly services: Services;
  readonly req: RouteRequest;
  readonly params: Readonly<Record<string, string>>;
}

export interface Route {
  readonly method: string;
  /** Segments under /services/data/vNN.N; `:name` captures one segment. */
  readonly pattern: string;
  readonly handler: (context: RouteContext) => Reply;
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/').filter((s) => s !== '');
  const actual = path.split('/').filter((s) => s !== '');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < expected.length; i += 1) {
    const want = expected[i] ?? '';
    const got = actual[i] ?? '';
    if (want.startsWith(':')) {
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (want !== got) return undefined;
  }
  return params;
}

/** The first route whose method and pattern match; routes are listed most specific first. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern, path);
    if (params !== undefined) return { route, params };
  }
  return undefined;
}

/** Whether any route serves this path with another method (405 rather than 404). */
export function pathKnown(routes: readonly Route[], path: string): boolean {
  return routes.some((route) => matchPattern(route.pattern, path) !== undefined);
}

/** The route's name in call counts and fault rules, e.g. "PATCH /composite/sobjects/:type/:field". */
export function routeName(route: Route): string {
  return `${route.method} ${route.pattern}`;
}
