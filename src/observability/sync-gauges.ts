import { Gauge, type Registry } from 'prom-client';
import type { ApiUsage } from '../shared/crm-port';
import type { Crm } from '../shared/errors';
import type { SyncFigures } from '../store/sync-health-repository';

/** A CRM's API usage as its connector last saw it, read at scrape time. */
export interface UsageSource {
  readonly crm: Crm;
  usage(): ApiUsage;
}

type UsageField = 'dailyUsed' | 'dailyLimit' | 'dailyRemaining' | 'windowRemaining' | 'windowLimit';

const USAGE_GAUGES: readonly (readonly [string, UsageField, string])[] = [
  [
    'leadpact_crm_api_daily_used',
    'dailyUsed',
    'API calls used today, as the CRM last reported it (all apps of the org or account)',
  ],
  ['leadpact_crm_api_daily_limit', 'dailyLimit', 'The daily API allocation, as the CRM last reported it'],
  ['leadpact_crm_api_daily_remaining', 'dailyRemaining', 'API calls left today, as the CRM last reported it'],
  [
    'leadpact_crm_api_window_remaining',
    'windowRemaining',
    'Calls left in the rolling window (HubSpot: 10 s), as last reported',
  ],
  ['leadpact_crm_api_window_limit', 'windowLimit', 'Calls allowed per rolling window, as last reported'],
];

function usageValue(usage: ApiUsage, field: UsageField): number | null {
  if (field !== 'dailyRemaining') return usage[field];
  return usage.dailyUsed === null || usage.dailyLimit === null ? null : Math.max(0, usage.dailyLimit - usage.dailyUsed);
}

/**
 * The API allocation gauges, by CRM, from the connectors' last responses (Sforce-Limit-Info,
 * X-HubSpot-RateLimit-*): nothing is called at scrape time. A figure the CRM has not reported yet
 * is absent rather than 0. Registered by a process that runs the workers (it holds the connectors).
 */
export function watchApiUsage(registry: Registry, sources: readonly UsageSource[]): void {
  for (const [name, field, help] of USAGE_GAUGES) {
    new Gauge({
      name,
      help,
      labelNames: ['crm'],
      registers: [registry],
      collect() {
        this.reset();
        for (const source of sources) {
          const value = usageValue(source.usage(), field);
          if (value !== null) this.set({ crm: source.crm }, value);
        }
      },
    });
  }
}

/** One store read shared by the gauges of one scrape (each gauge's collect asks for it). */
function shared(read: () => Promise<SyncFigures>, ttlMs: number): () => Promise<SyncFigures> {
  let last: { at: number; figures: Promise<SyncFigures> } | undefined;
  return () => {
    const now = Date.now();
    if (last === undefined || now - last.at > ttlMs) {
      const figures = read();
      last = { at: now, figures };
      // A failed read is not kept: the next scrape tries again.
      figures.catch(() => {
        if (last?.figures === figures) last = undefined;
      });
    }
    return last.figures;
  };
}

/**
 * The store's figures as gauges: the outbox's depth and oldest age per CRM, open dead letters by
 * code, SLA clocks by status. Read at scrape time (a handful of indexed counts) by the process
 * that serves /metrics with the admin API, so every figure is the whole system's, not a worker's.
 */
export function watchSyncFigures(registry: Registry, read: () => Promise<SyncFigures>): void {
  const figures = shared(read, 1_000);
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, f: SyncFigures) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const current = await figures();
        this.reset();
        fill(this, current);
      },
    });
  gauge('leadpact_outbox_rows', 'CRM writes waiting in the outbox, by CRM', ['crm'], (g, f) => {
    for (const crm of ['salesforce', 'hubspot'] as const)
      g.set({ crm }, f.outbox.find((row) => row.crm === crm)?.rows ?? 0);
  });
  gauge(
    'leadpact_outbox_oldest_age_seconds',
    'How long the oldest write waiting in the outbox has waited, by CRM (0 when none waits)',
    ['crm'],
    (g, f) => {
      for (const crm of ['salesforce', 'hubspot'] as const)
        g.set({ crm }, f.outbox.find((row) => row.crm === crm)?.oldestAgeSeconds ?? 0);
    },
  );
  gauge('leadpact_dead_letters', 'Open dead letters (not replayed), by CRM and error code', ['crm', 'code'], (g, f) => {
    for (const row of f.deadLetters) g.set({ crm: row.crm, code: row.code }, row.count);
  });
  gauge(
    'leadpact_sla_clocks',
    'Leads whose SLA clock runs, by status (on_track, at_risk, breached)',
    ['status'],
    (g, f) => {
      for (const status of ['on_track', 'at_risk', 'breached'])
        g.set({ status }, f.slaClocks.find((row) => row.status === status)?.count ?? 0);
    },
  );
}
