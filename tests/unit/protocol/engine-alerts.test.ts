import type { Protocol } from '../../../src/protocol';
import { alertChannels, alertsSchema } from '../../../src/protocol/schema/alerts.schema';
import { checkProtocolFile } from '../../../src/config/load-protocol';
import { localTime } from '../../../src/protocol/values';
import { effectsOf, fire, handedOffLead, ny, protocol, REP, run } from './engine-harness';
import { exampleVariant } from './fixtures';

function withAlerts(alerts: unknown): Protocol {
  return { ...protocol, alerts: alertsSchema.parse(alerts) };
}

const CHANNELS = {
  'sdr-slack': { slack: { webhookUrlEnv: 'SLACK_WEBHOOK_SDR' } },
  managers: {
    email: { from: 'leadpact@corvid.io', to: ['sales-managers@corvid.io'], smtp: { host: 'smtp.corvid.io' } },
  },
};

describe('the due time as people read it', () => {
  it('is local to the territory, with the zone named', () => {
    expect(localTime(Date.parse('2026-03-03T09:00:00Z'), 'Europe/Berlin')).toBe('Tue 3 Mar, 10:00 (Europe/Berlin)');
    expect(localTime(Date.parse('2026-06-01T18:00:00Z'), 'America/New_York')).toBe(
      'Mon 1 Jun, 14:00 (America/New_York)',
    );
  });

  it('names the year only when it is not this year', () => {
    expect(localTime(Date.parse('2027-01-04T09:00:00Z'), 'Europe/Berlin', Date.parse('2026-12-30T09:00:00Z'))).toBe(
      'Mon 4 Jan 2027, 10:00 (Europe/Berlin)',
    );
  });
});

describe('the alerts section', () => {
  it('is empty by default: no routes, no alerts', () => {
    expect(protocol.alerts).toEqual({ channels: {}, routes: [] });
  });

  it('takes the names of environment variables, never a secret itself', () => {
    const parsed = alertsSchema.safeParse({
      channels: { leak: { slack: { webhookUrlEnv: 'https://hooks.slack.com/services/T0/B0/xyz' } } },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/name of an environment variable.*not its value/);
  });

  it('refuses a route to a channel, territory or pool that does not exist', () => {
    const text = exampleVariant((doc) =>
      doc.set(
        'alerts',
        doc.createNode({
          channels: CHANNELS,
          routes: [{ territories: ['latam'], pools: ['nobody'], channels: ['sdr-slak'] }],
        }),
      ),
    );
    const checked = checkProtocolFile(text, 'protocol.yaml');
    expect(checked.ok).toBe(false);
    expect(checked.report).toContain('alerts.routes[0].channels[0]: no channel "sdr-slak" under alerts.channels');
    expect(checked.report).toContain('alerts.routes[0].territories[0]: no territory "latam" under routing');
    expect(checked.report).toContain('alerts.routes[0].pools[0]: no pool "nobody" under routing.pools');
  });

  it('routes by territory, by the pool the territory assigns to, and by kind of alert', () => {
    const routed = withAlerts({
      channels: CHANNELS,
      routes: [
        { pools: ['americas-sdr'], channels: ['sdr-slack'] },
        { territories: ['emea'], events: ['breach', 'escalation'], channels: ['managers', 'sdr-slack'] },
      ],
    });
    const channels = (territory: string | null, kind: 'warning' | 'breach') =>
      alertChannels(routed.alerts, routed.routing, territory, kind);
    expect(channels('americas', 'warning')).toEqual(['sdr-slack']);
    expect(channels('emea', 'warning')).toEqual([]);
    expect(channels('emea', 'breach')).toEqual(['managers', 'sdr-slack']);
    expect(channels(null, 'breach')).toEqual([]);
  });
});

describe('SLA alerts from the engine', () => {
  const { lead: handedOff } = handedOffLead();

  it('are not raised without routes: the Tasks alone, as before', () => {
    const warned = run(handedOff, [fire(handedOff, 'sla_warning', 'accept')]);
    const breached = run(warned.lead, [fire(warned.lead, 'sla_due', 'accept')]);
    expect(effectsOf([...warned.decisions, ...breached.decisions], 'sla.alert')).toEqual([]);
    expect(effectsOf(breached.decisions, 'salesforce.task')).toHaveLength(1);
  });

  const routed = withAlerts({ channels: CHANNELS, routes: [{ territories: ['americas'], channels: ['sdr-slack'] }] });
  const warned = run(handedOff, [fire(handedOff, 'sla_warning', 'accept')], routed);
  const breached = run(warned.lead, [fire(warned.lead, 'sla_due', 'accept')], routed);

  it('warn, breach and escalate with the due time, the territory zone and one key per timer and due time', () => {
    const due = ny('2026-06-01T14:00');
    expect(effectsOf(warned.decisions, 'sla.alert')).toEqual([
      expect.objectContaining({
        kind: 'warning',
        clock: 'accept',
        dueAt: due,
        timeZone: 'America/New_York',
        territory: 'americas',
        ownerId: REP,
        channels: ['sdr-slack'],
        alertKey: `${handedOff.id}:warning:accept:${due}`,
      }),
    ]);
    expect(
      effectsOf(breached.decisions, 'sla.alert').map((alert) => [alert.kind, alert.action, alert.alertKey]),
    ).toEqual([
      ['breach', undefined, `${handedOff.id}:breach:accept:${due}`],
      ['escalation', 'notify_manager', `${handedOff.id}:escalation:accept:0:${due}`],
    ]);
  });

  it('fired twice, the same timer raises nothing the second time', () => {
    const again = run(breached.lead, [fire(warned.lead, 'sla_due', 'accept')], routed);
    expect(effectsOf(again.decisions, 'sla.alert')).toEqual([]);
  });

  it("tell the manager's Task the due time in the territory's zone, not in UTC", () => {
    const [task] = effectsOf(breached.decisions, 'salesforce.task');
    expect(task?.description).toContain('it was due Mon 1 Jun, 14:00 (America/New_York)');
    expect(task?.description).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});
