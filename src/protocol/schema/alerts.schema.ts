import { z } from 'zod';
import { duplicateIndexes, slugSchema } from './common.schema';
import type { SectionProblem } from './cross-checks';
import type { RoutingDefinition } from './routing.schema';

/** What an alert is about: an SLA clock at risk, a clock run out, an escalation step taken. */
export const ALERT_KINDS = ['warning', 'breach', 'escalation'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * The name of an environment variable. Secrets (a Slack webhook URL, an SMTP password) stay in the
 * environment: the protocol file is shared, versioned and shown in reviews.
 */
const envNameSchema = z
  .string()
  .regex(
    /^[A-Z_][A-Z0-9_]{0,127}$/,
    'expected the name of an environment variable (capitals, digits and _, e.g. SLACK_WEBHOOK_SALES), not its value',
  );

const slackSchema = z.strictObject({
  /** The variable holding the incoming webhook URL (https://hooks.slack.com/services/…). */
  webhookUrlEnv: envNameSchema,
});

const smtpSchema = z.strictObject({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65_535).default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  /** The variable holding the SMTP user name, when the server wants one. */
  userEnv: envNameSchema.optional(),
  /** The variable holding the SMTP password. */
  passwordEnv: envNameSchema.optional(),
});

const emailSchema = z.strictObject({
  from: z.email(),
  to: z.array(z.email()).min(1).max(50),
  smtp: smtpSchema,
});

const channelSchema = z
  .strictObject({ slack: slackSchema.optional(), email: emailSchema.optional() })
  .refine(
    (channel) => (channel.slack === undefined) !== (channel.email === undefined),
    'a channel is either slack or email, not both and not neither',
  );

const routeSchema = z.strictObject({
  /** Leads of these territories (routing.territories names); with `pools`, either matches. */
  territories: z.array(slugSchema).min(1).optional(),
  /** Leads of the territories that assign to these pools (routing.pools names). */
  pools: z.array(slugSchema).min(1).optional(),
  /** Which alerts; all three when absent. */
  events: z
    .array(z.enum(ALERT_KINDS))
    .min(1)
    .default([...ALERT_KINDS]),
  /** Channel names under alerts.channels. */
  channels: z.array(slugSchema).min(1),
});

/**
 * Where SLA warnings, breaches and escalations are posted besides the Salesforce Tasks: Slack
 * channels and e-mail lists, per territory or pool. A route without territories or pools takes
 * every lead. No routes: only the Tasks, as before.
 */
export const alertsSchema = z
  .strictObject({
    channels: z.record(slugSchema, channelSchema).default({}),
    routes: z.array(routeSchema).default([]),
  })
  .superRefine((alerts, ctx) => {
    alerts.routes.forEach((route, index) => {
      route.channels.forEach((name, at) => {
        if (alerts.channels[name] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['routes', index, 'channels', at],
            message: `no channel "${name}" under alerts.channels`,
          });
      });
      for (const at of duplicateIndexes(route.channels, (name) => name))
        ctx.addIssue({ code: 'custom', path: ['routes', index, 'channels', at], message: 'channel listed twice' });
    });
  });

export type AlertsDefinition = z.output<typeof alertsSchema>;
export type AlertChannel = AlertsDefinition['channels'][string];

/** Routes naming a territory or pool the routing section does not have. */
export function alertReferenceProblems(
  alerts: AlertsDefinition | undefined,
  routing: RoutingDefinition | undefined,
): SectionProblem[] {
  if (alerts === undefined || routing === undefined) return [];
  const territories = new Set([...routing.territories.map((t) => t.name), routing.fallback.territory]);
  return alerts.routes.flatMap((route, index) => [
    ...(route.territories ?? []).flatMap((name, at) =>
      territories.has(name)
        ? []
        : [{ path: ['alerts', 'routes', index, 'territories', at], message: `no territory "${name}" under routing` }],
    ),
    ...(route.pools ?? []).flatMap((name, at) =>
      routing.pools[name] !== undefined
        ? []
        : [{ path: ['alerts', 'routes', index, 'pools', at], message: `no pool "${name}" under routing.pools` }],
    ),
  ]);
}

/** The channels an alert of `kind` about a lead of `territory` goes to, in the order the routes name them. */
export function alertChannels(
  alerts: AlertsDefinition,
  routing: RoutingDefinition,
  territory: string | null,
  kind: AlertKind,
): string[] {
  const pool = routing.territories.find((t) => t.name === territory)?.assign.pool;
  const matches = (route: AlertsDefinition['routes'][number]) =>
    (route.territories === undefined && route.pools === undefined) ||
    (territory !== null && route.territories?.includes(territory) === true) ||
    (pool !== undefined && route.pools?.includes(pool) === true);
  const channels = alerts.routes.filter((route) => route.events.includes(kind) && matches(route));
  return [...new Set(channels.flatMap((route) => route.channels))];
}
