import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LAG_BUCKETS_SECONDS } from '../shared/sync-lag';

/** Every Prometheus metric leadpact exports, on one registry per process (tests make their own). */
export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'route' | 'status'>;
  readonly webhookEvents: Counter<'source' | 'outcome'>;
  /** Webhook requests and notifications refused, by the stable error code of the refusal. */
  readonly webhookRefusals: Counter<'source' | 'code'>;
  /** HTTP requests made to each CRM (what counts against its allocation), by operation and outcome (ok or the error code). */
  readonly crmCalls: Counter<'crm' | 'operation' | 'outcome'>;
  /** From a change in one CRM (its own timestamp) to leadpact's write of it in the other. */
  readonly syncLag: Histogram<'direction'>;
  readonly jobDuration: Histogram<'queue'>;
  readonly queueDepth: Gauge<'queue' | 'state'>;
  /** What the protocol engine did: transitions, hand-offs, SLA warnings and breaches, violations. */
  readonly protocolEvents: Counter<'name'>;
  readonly adminAuth: AdminAuthMetrics;
}

/** Wrong admin tokens, and tokens refused unread during a back-off, by door (bearer, sign_in). */
export interface AdminAuthMetrics {
  readonly failures: Counter<'door'>;
  readonly throttled: Counter<'door'>;
}

function counterOn(registry: Registry, name: string, help: string): Counter<'door'> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter({ name, help, labelNames: ['door'], registers: [registry] });
}

/** The admin sign-in counters on `registry`, made once (the HTTP app asks for them on the registry it serves). */
export function adminAuthMetrics(registry: Registry): AdminAuthMetrics {
  return {
    failures: counterOn(
      registry,
      'leadpact_admin_auth_failures_total',
      'Wrong admin tokens presented, by door (bearer, sign_in)',
    ),
    throttled: counterOn(
      registry,
      'leadpact_admin_auth_throttled_total',
      'Admin tokens refused unread (429) while their client was backing off, by door',
    ),
  };
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'leadpact_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'leadpact_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    webhookEvents: new Counter({
      name: 'leadpact_webhook_events_total',
      help: 'Inbound webhook events by source and outcome (enqueued, duplicate, rejected)',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    webhookRefusals: new Counter({
      name: 'leadpact_webhook_refusals_total',
      help: 'Webhook requests and notifications refused, by source and error code',
      labelNames: ['source', 'code'],
      registers: [registry],
    }),
    crmCalls: new Counter({
      name: 'leadpact_crm_calls_total',
      help: 'HTTP requests made to each CRM, by operation and outcome (ok, or the error code)',
      labelNames: ['crm', 'operation', 'outcome'],
      registers: [registry],
    }),
    syncLag: new Histogram({
      name: 'leadpact_sync_lag_seconds',
      help: 'Seconds from a change in one CRM (its own timestamp) to its write in the other, by direction',
      labelNames: ['direction'],
      buckets: [...LAG_BUCKETS_SECONDS],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'leadpact_job_duration_seconds',
      help: 'Time spent processing a job, by queue',
      labelNames: ['queue'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'leadpact_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [registry],
    }),
    protocolEvents: new Counter({
      name: 'leadpact_protocol_events_total',
      help: 'Protocol engine outcomes: transitions, hand-offs, SLA at risk / breached / met, escalations, violations',
      labelNames: ['name'],
      registers: [registry],
    }),
    adminAuth: adminAuthMetrics(registry),
  };
}
