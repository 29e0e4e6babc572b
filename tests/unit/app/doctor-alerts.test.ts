import { checkAlertSecrets } from '../../../src/app/doctor/alert-checks';
import type { Protocol } from '../../../src/protocol';
import { alertsSchema } from '../../../src/protocol/schema/alerts.schema';
import { exampleProtocol } from '../protocol/fixtures';

const protocol = exampleProtocol();

function withAlerts(alerts: unknown): Protocol {
  return { ...protocol, alerts: alertsSchema.parse(alerts) };
}

const routed = withAlerts({
  channels: {
    'sdr-slack': { slack: { webhookUrlEnv: 'SLACK_WEBHOOK_SDR' } },
    managers: {
      email: {
        from: 'leadpact@example.com',
        to: ['sales-managers@example.com'],
        smtp: { host: 'smtp.example.com', userEnv: 'SMTP_USER', passwordEnv: 'SMTP_PASSWORD' },
      },
    },
    unused: { slack: { webhookUrlEnv: 'SLACK_WEBHOOK_UNUSED' } },
  },
  routes: [{ channels: ['sdr-slack', 'managers'] }],
});

describe("doctor: the alert channels' secrets", () => {
  it('says nothing when no route sends alerts', () => {
    expect(checkAlertSecrets(protocol, () => undefined)).toEqual([]);
  });

  it('names each routed channel whose variable is missing or is no Slack webhook, with the fix', () => {
    const env: Record<string, string> = { SMTP_USER: 'leadpact', SLACK_WEBHOOK_SDR: 'https://example.com/hook' };
    const findings = checkAlertSecrets(routed, (name) => env[name]);
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ['warning', 'SLACK_WEBHOOK_SDR (alert channel "sdr-slack") does not look like a Slack incoming webhook URL.'],
      ['warning', 'The alert channel "managers" needs SMTP_PASSWORD, which is not set: its alerts would be given up.'],
    ]);
    expect(findings.every((f) => f.fix !== undefined && f.stopsStart !== true)).toBe(true);
    // The unrouted channel's variable is not asked for.
    expect(findings.some((f) => f.message.includes('SLACK_WEBHOOK_UNUSED'))).toBe(false);
  });

  it('passes when every routed channel has its secrets', () => {
    const env: Record<string, string> = {
      SLACK_WEBHOOK_SDR: 'https://hooks.slack.com/services/T000/B000/XXXX',
      SMTP_USER: 'leadpact',
      SMTP_PASSWORD: 'pw',
    };
    expect(checkAlertSecrets(routed, (name) => env[name])).toEqual([
      { crm: 'Alerts', severity: 'ok', message: 'The 2 routed alert channels have their secrets set.' },
    ]);
  });
});
