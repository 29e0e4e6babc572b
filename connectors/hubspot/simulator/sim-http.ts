import type { IncomingHttpHeaders } from 'node:http';

/** Who made a request, as the simulator's auth layer decided. */
export type Actor =
  | { readonly kind: 'app'; readonly token: string }
  | { readonly kind: 'user'; readonly userId: number }
  | { readonly kind: 'developer' }
  | { readonly kind: 'anonymous' };

export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly actor: Actor;
}

export interface SimResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

/**
 * crm: private-app bearer token, ten-secondly and daily limits. search: bearer token, its own
 * per-second limit. webhooks: developer API key (hapikey). oauth: the token comes in the body
 * (token info). control: the /__sim surface, no auth.
 */
export type RouteKind = 'crm' | 'search' | 'webhooks' | 'oauth' | 'control';

export interface Route {
  readonly method: string;
  /** Express-like: `/crm/v3/objects/:objectType/:objectId`. */
  readonly pattern: string;
  readonly kind: RouteKind;
  readonly handler: SimHandler;
}

interface CompiledRoute extends Route {
  readonly regex: RegExp;
  readonly keys: readonly string[];
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Readonly<Record<string, string>>;
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(routes: readonly Route[]): this {
    for (const route of routes) this.routes.push(compile(route));
    return this;
  }

  /** The routes in the order they are tried. */
  list(): readonly Route[] {
    return this.routes;
  }

  match(method: string, path: string): RouteMatch | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.regex.exec(path);
      if (found === null) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, index) => {
        params[key] = safeDecode(found[index + 1] ?? '');
      });
      return { route, params };
    }
    return undefined;
  }
}

function compile(route: Route): CompiledRoute {
  const keys: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      keys.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${source}$`), keys };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function json(status: number, body?: unknown, headers?: Readonly<Record<string, string>>): SimResponse {
  if (headers === undefined) return body === undefined ? { status } : { status, body };
  return body === undefined ? { status, headers } : { status, body, headers };
}

/** A query parameter that the SDK may repeat (`properties=a&properties=b`) or comma-join. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

export function boolParam(query: URLSearchParams, name: string): boolean {
  return query.get(name) === 'true';
}
