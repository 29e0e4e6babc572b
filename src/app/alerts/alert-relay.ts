import { leadSchema, type Lead } from '../../protocol';
import { slaAlertEffectSchema, type SlaAlertEffect } from '../../protocol/effects';
import { clockOf } from '../../protocol/sla';
import type { Clock } from '../../shared/clock';
import type { SalesforceId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import { createAlertRepository, repositories, type AlertDelivery, type AlertRepository, type Db } from '../../store';
import { alertMessage } from './alert-message';
import { AlertSendFailure } from './transports/alert-port';
import type { BuiltTransports } from './transports';

export interface AlertRelaySettings {
  readonly pollMs: number;
  readonly batchSize: number;
  /** Longer than a send can take (the transports time out after 15 s), so no other relay takes a row mid-send. */
  readonly leaseMs: number;
  /** The first retry's delay; each next one doubles, up to `maxRetryDelayMs`. */
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  /** Attempts before a delivery is given up (about a day with the defaults). */
  readonly maxAttempts: number;
  /** How long sent rows are kept, so their key refuses a second copy. */
  readonly keepMs: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertRelaySettings = {
  pollMs: 1_000,
  batchSize: 20,
  leaseMs: 60_000,
  retryDelayMs: 5_000,
  maxRetryDelayMs: 3_600_000,
  maxAttempts: 30,
  keepMs: 30 * 86_400_000,
};

export interface AlertRelayDeps {
  readonly db: Db;
  readonly transports: BuiltTransports;
  /** Protocol time, for the wording of due times ("today" is the protocol's). */
  readonly clock: Clock;
  readonly logger: Logger;
  /** The org's instance URL (https://acme.my.salesforce.com), for the record's link; null: no link. */
  readonly instanceUrl: () => string | null;
  /** The owner's name, when it can be told (a User's Name). */
  readonly ownerName?: (ownerId: SalesforceId) => Promise<string | null>;
  readonly settings?: Partial<AlertRelaySettings>;
}

type Outcome = { kind: 'sent' } | { kind: 'retry' | 'fail' | 'skip'; reason: string };

const PRUNE_EVERY_MS = 3_600_000;

/**
 * Sends the SLA alerts decisions queued (alert_deliveries) to Slack and e-mail, each delivery once:
 * a lease keeps two relays from sending the same row, a failed channel is retried alone, and a sent
 * row is kept so the same alert is never queued again. A crash between a channel's answer and the
 * row's update leaves the row to be sent again when its lease expires: the only window for a second
 * copy, as short as one database write (e-mail copies then share their Message-ID).
 */
export class AlertRelay {
  private readonly alerts: AlertRepository;
  private readonly settings: AlertRelaySettings;
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private prunedAt = 0;

  constructor(private readonly deps: AlertRelayDeps) {
    this.alerts = createAlertRepository(deps.db);
    this.settings = { ...DEFAULT_ALERT_SETTINGS, ...deps.settings };
    for (const [channel, problem] of deps.transports.unusable) deps.logger.error({ channel }, problem);
  }

  start(): void {
    if (this.running !== null) return;
    this.stopping = false;
    this.running = this.loop();
  }

  async close(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = null;
    for (const transport of this.deps.transports.transports.values()) transport.close?.();
  }

  /** Sends one batch of due deliveries; returns how many it handled. */
  async runOnce(): Promise<number> {
    const rows = await this.alerts.lease(this.settings.batchSize, this.settings.leaseMs);
    for (const row of rows) await this.record(row, await this.deliver(row));
    return rows.length;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let handled = 0;
      try {
        handled = await this.runOnce();
        if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
          this.prunedAt = Date.now();
          await this.alerts.prune(this.settings.keepMs);
        }
      } catch (error) {
        this.deps.logger.error({ err: error }, 'alert relay: could not read or update the alert deliveries');
      }
      if (handled === 0 && !this.stopping)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.settings.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }

  private async deliver(row: AlertDelivery): Promise<Outcome> {
    const parsed = slaAlertEffectSchema.safeParse(row.payload);
    if (!parsed.success) return { kind: 'fail', reason: 'the queued alert is not an sla.alert effect' };
    const unusable = this.deps.transports.unusable.get(row.channel);
    if (unusable !== undefined) return { kind: 'fail', reason: unusable };
    const transport = this.deps.transports.transports.get(row.channel);
    if (transport === undefined)
      return { kind: 'fail', reason: `no channel "${row.channel}" under alerts.channels in the active protocol` };
    const alert = parsed.data;
    const lead = await this.lead(row);
    if (alert.kind === 'warning' && !stillAtRisk(lead, alert))
      return {
        kind: 'skip',
        reason: 'not sent: the clock was met, cancelled or restarted before the warning went out',
      };
    try {
      const ownerName = alert.ownerId === null ? null : ((await this.deps.ownerName?.(alert.ownerId)) ?? null);
      const message = alertMessage(alert, {
        lead,
        instanceUrl: this.deps.instanceUrl(),
        ownerName,
        now: this.deps.clock.now(),
        channel: row.channel,
      });
      await transport.send(message);
      return { kind: 'sent' };
    } catch (error) {
      if (error instanceof AlertSendFailure) return { kind: error.retryable ? 'retry' : 'fail', reason: error.message };
      return { kind: 'retry', reason: `sending to ${transport.describe} failed unexpectedly; will try again` };
    }
  }

  private async lead(row: AlertDelivery): Promise<Lead | null> {
    const record = await repositories(this.deps.db).leads.findById(row.leadId);
    const parsed = record === null ? null : leadSchema.safeParse(record.state);
    return parsed?.success === true ? parsed.data : null;
  }

  private async record(row: AlertDelivery, outcome: Outcome): Promise<void> {
    const log = this.deps.logger.child({ leadId: row.leadId, channel: row.channel, alertKey: row.alertKey });
    if (outcome.kind === 'sent') {
      await this.alerts.sent(row.id);
      log.info('alert sent');
      return;
    }
    const givingUp = outcome.kind === 'retry' && row.attempts + 1 >= this.settings.maxAttempts;
    if (outcome.kind === 'retry' && !givingUp) {
      const delay = Math.min(this.settings.retryDelayMs * 2 ** row.attempts, this.settings.maxRetryDelayMs);
      await this.alerts.retry(row.id, outcome.reason, delay);
      log.warn({ attempts: row.attempts + 1, retryInMs: delay }, outcome.reason);
      return;
    }
    const reason = givingUp ? `given up after ${row.attempts + 1} attempts: ${outcome.reason}` : outcome.reason;
    await this.alerts.fail(row.id, reason);
    if (outcome.kind === 'skip') log.info(reason);
    else log.error(`alert not delivered: ${reason}`);
  }
}

/** A warning is worth sending only while its clock is still at risk with the same due time. */
function stillAtRisk(lead: Lead | null, alert: SlaAlertEffect): boolean {
  if (lead === null) return true;
  const clock = clockOf(lead, alert.clock);
  return clock !== null && clock.state === 'at_risk' && clock.dueAt === alert.dueAt;
}
