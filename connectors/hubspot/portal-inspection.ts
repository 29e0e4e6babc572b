import { z } from 'zod';
import { plainHubSpotRequest } from './plain-request';
import { tokenScopes } from './token-info';

/**
 * Read-only questions about the HubSpot account, for `leadpact doctor` and the start preflight:
 * the contact properties that exist and their types, the app's webhook subscriptions, and the
 * private apps' daily API usage. A handful of calls, so plain fetch with the private-app token
 * (the SDK client stays the connector's alone). Nothing here writes.
 */

export interface PortalProperty {
  readonly name: string;
  readonly label: string;
  /** string, number, date, datetime, enumeration, bool... */
  readonly type: string;
  readonly options: readonly string[];
}

export interface WebhookSetup {
  readonly targetUrl: string | null;
  readonly subscriptions: readonly {
    readonly eventType: string;
    readonly propertyName: string | null;
    readonly active: boolean;
  }[];
}

export interface DailyUsage {
  readonly limit: number;
  readonly used: number;
}

export interface HubSpotInspection {
  contactProperties(): Promise<ReadonlyMap<string, PortalProperty>>;
  /** The app's webhook settings and subscriptions; needs the app's developer API key. */
  webhooks(appId: string, developerApiKey: string): Promise<WebhookSetup>;
  dailyUsage(): Promise<DailyUsage | null>;
  /** The private-app token's scopes (token info). */
  scopes(): Promise<readonly string[]>;
}

export interface HubSpotInspectionOptions {
  readonly accessToken: string;
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

const propertiesSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      name: z.string(),
      label: z.string().optional(),
      type: z.string(),
      options: z.array(z.looseObject({ value: z.string() })).optional(),
    }),
  ),
});

const settingsSchema = z.looseObject({ targetUrl: z.string().optional() });

const subscriptionsSchema = z.looseObject({
  results: z.array(
    z.looseObject({ eventType: z.string(), propertyName: z.string().nullish(), active: z.boolean().optional() }),
  ),
});

const usageSchema = z.looseObject({
  results: z.array(z.looseObject({ name: z.string(), usageLimit: z.number(), currentUsage: z.number() })),
});

export function hubspotInspection(options: HubSpotInspectionOptions): HubSpotInspection {
  const base = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;

  async function get<T>(operation: string, path: string, schema: z.ZodType<T>, bearer: boolean): Promise<T> {
    const body = await plainHubSpotRequest({
      url: `${base}${path}`,
      init: {
        headers: { Accept: 'application/json', ...(bearer ? { Authorization: `Bearer ${options.accessToken}` } : {}) },
      },
      operation,
      now,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    return schema.parse(body);
  }

  return {
    async contactProperties() {
      const page = await get('inspectProperties', '/crm/v3/properties/contacts', propertiesSchema, true);
      return new Map(
        page.results.map((p) => [
          p.name,
          { name: p.name, label: p.label ?? p.name, type: p.type, options: (p.options ?? []).map((o) => o.value) },
        ]),
      );
    },
    async webhooks(appId, developerApiKey) {
      const key = `hapikey=${encodeURIComponent(developerApiKey)}`;
      const app = encodeURIComponent(appId);
      const settings = await get('inspectWebhooks', `/webhooks/v3/${app}/settings?${key}`, settingsSchema, false).catch(
        (error: unknown) => {
          // No settings yet is an answer ("nothing set up"), not a failure.
          if ((error as { httpStatus?: number }).httpStatus === 404) return { targetUrl: undefined };
          throw error;
        },
      );
      const subscriptions = await get(
        'inspectWebhooks',
        `/webhooks/v3/${app}/subscriptions?${key}`,
        subscriptionsSchema,
        false,
      );
      return {
        targetUrl: settings.targetUrl ?? null,
        subscriptions: subscriptions.results.map((s) => ({
          eventType: s.eventType,
          propertyName: s.propertyName ?? null,
          active: s.active ?? true,
        })),
      };
    },
    scopes() {
      return tokenScopes(options);
    },
    async dailyUsage() {
      const usage = await get('inspectUsage', '/account-info/v3/api-usage/daily/private-apps', usageSchema, true);
      const daily = usage.results[0];
      return daily === undefined ? null : { limit: daily.usageLimit, used: daily.currentUsage };
    },
  };
}
