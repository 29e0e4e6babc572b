import type { z } from 'zod';
import type { HubSpotSimulator } from '../../../connectors/hubspot/simulator';

export interface Exchange {
  readonly status: number;
  readonly body: unknown;
}

type Auth = 'app' | 'developer' | 'none';

export interface CallOptions {
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly auth?: Auth;
}

/** Raw HTTP against the simulator: the wire answer is what is checked, not what an SDK makes of it. */
export class ConformanceApi {
  constructor(readonly sim: HubSpotSimulator) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<Exchange> {
    const url = new URL(path, this.sim.url);
    for (const [name, value] of Object.entries(options.query ?? {}))
      for (const one of typeof value === 'string' ? [value] : value) url.searchParams.append(name, one);
    const auth = options.auth ?? 'app';
    if (auth === 'developer') url.searchParams.set('hapikey', this.sim.credentials.developerApiKey);
    const response = await fetch(url, {
      method,
      headers: {
        Accept: 'application/json',
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(auth === 'app' ? { Authorization: `Bearer ${this.sim.credentials.accessToken}` } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  /** A setup step: it must succeed, or the scenario says which step failed and why. */
  async must(method: string, path: string, options: CallOptions = {}): Promise<Record<string, unknown>> {
    const answer = await this.call(method, path, options);
    if (answer.status >= 300)
      throw new Error(`setup ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return (answer.body ?? {}) as Record<string, unknown>;
  }

  contact(email: string, extra: Readonly<Record<string, string>> = {}): string {
    const [id] = this.sim.seed({ contacts: [{ email, firstname: 'Ada', lastname: 'Lovelace', ...extra }] }).contacts;
    if (id === undefined) throw new Error('the simulator seeded no contact');
    return id;
  }

  company(name: string): string {
    const [id] = this.sim.seed({ companies: [{ name, domain: `${name.toLowerCase()}.example` }] }).companies;
    if (id === undefined) throw new Error('the simulator seeded no company');
    return id;
  }
}

/**
 * One documented operation: its method and path as HubSpot's reference names them, the answers it
 * documents (status → body schema; null for no body), whether leadpact itself calls it, and a
 * scenario that drives the simulator to a documented success answer.
 */
export interface Operation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly leadpactCalls: boolean;
  readonly answers: Readonly<Record<number, z.ZodType | null>>;
  readonly run: (api: ConformanceApi) => Promise<Exchange>;
}

export function operation(
  method: Operation['method'],
  path: string,
  answers: Operation['answers'],
  run: Operation['run'],
  leadpactCalls = false,
): Operation {
  return { method, path, answers, run, leadpactCalls };
}
