import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { Client } from '@hubspot/api-client';
import { z } from 'zod';

/** What the last response said about this app's limits (X-HubSpot-RateLimit-*). */
export interface RateLimitReport {
  readonly max: number | undefined;
  readonly remaining: number | undefined;
  readonly intervalMs: number | undefined;
  readonly daily: number | undefined;
  readonly dailyRemaining: number | undefined;
}

const responseSchema = z.object({ headers: z.record(z.string(), z.unknown()) });

function headerNumber(headers: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = Number(headers[name]);
  return headers[name] === undefined || !Number.isFinite(value) ? undefined : value;
}

/** Reads the rate-limit headers HubSpot sends with each (non-search) answer. */
export function rateLimitReport(context: unknown): RateLimitReport | undefined {
  const parsed = responseSchema.safeParse(context);
  if (!parsed.success) return undefined;
  const h = Object.fromEntries(Object.entries(parsed.data.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const report: RateLimitReport = {
    max: headerNumber(h, 'x-hubspot-ratelimit-max'),
    remaining: headerNumber(h, 'x-hubspot-ratelimit-remaining'),
    intervalMs: headerNumber(h, 'x-hubspot-ratelimit-interval-milliseconds'),
    daily: headerNumber(h, 'x-hubspot-ratelimit-daily'),
    dailyRemaining: headerNumber(h, 'x-hubspot-ratelimit-daily-remaining'),
  };
  return Object.values(report).some((value) => value !== undefined) ? report : undefined;
}

/**
 * The SDK has no request timeout; a socket that stays silent this long is destroyed with ETIMEDOUT,
 * which the SDK passes on as the call's failure.
 */
function timeoutAgent(baseUrl: string, timeoutMs: number): http.Agent {
  const Base = baseUrl.startsWith('https:') ? https.Agent : http.Agent;
  class TimeoutAgent extends Base {
    override createConnection(
      options: http.ClientRequestArgs,
      callback?: (err: Error | null, stream: Duplex) => void,
    ): Duplex | null | undefined {
      const socket = super.createConnection(options, callback);
      socket?.on('timeout', () =>
        socket.destroy(
          Object.assign(new Error(`HubSpot did not answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
        ),
      );
      return socket;
    }
  }
  return new TimeoutAgent({ keepAlive: true, timeout: timeoutMs });
}

export interface HubSpotClientOptions {
  readonly accessToken: string;
  readonly baseUrl: string;
  readonly developerApiKey?: string | undefined;
  readonly timeoutMs: number;
  readonly onRateLimitReport: (report: RateLimitReport) => void;
}

export interface HubSpotClientHandle {
  readonly client: Client;
  /** Closes the kept-alive sockets. */
  close(): void;
}

/**
 * ONE SDK client per connector: its decorators are process-wide singletons (wire-apis.md §2).
 * `numberOfApiCallRetries: 1` is a single attempt: the jobs and relays retry, honouring Retry-After,
 * instead of the SDK's fixed 10-second sleeps.
 */
export function createHubSpotClient(options: HubSpotClientOptions): HubSpotClientHandle {
  const agent = timeoutAgent(options.baseUrl, options.timeoutMs);
  const client = new Client({
    accessToken: options.accessToken,
    ...(options.developerApiKey === undefined ? {} : { developerApiKey: options.developerApiKey }),
    basePath: options.baseUrl.replace(/\/+$/, ''),
    numberOfApiCallRetries: 1,
    httpAgent: agent,
    middleware: [
      {
        pre: (context: unknown) => context,
        post: (context: unknown) => {
          const report = rateLimitReport(context);
          if (report !== undefined) options.onRateLimitReport(report);
          return context;
        },
      },
    ],
  });
  return { client, close: () => agent.destroy() };
}
