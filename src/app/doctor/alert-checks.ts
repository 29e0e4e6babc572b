import type { Protocol } from '../../protocol';
import { count, ok, type Finding } from './finding';

const AL = 'Alerts' as const;

/** The secrets each routed alert channel names: set, and the Slack one shaped like an incoming webhook. */
export function checkAlertSecrets(protocol: Protocol, variable: (name: string) => string | undefined): Finding[] {
  const { channels, routes } = protocol.alerts;
  const routed = [...new Set(routes.flatMap((route) => route.channels))];
  if (routed.length === 0) return [];
  const findings: Finding[] = [];
  for (const name of routed) {
    const channel = channels[name];
    if (channel === undefined) continue;
    const needed = channel.slack
      ? [channel.slack.webhookUrlEnv]
      : [channel.email?.smtp.userEnv, channel.email?.smtp.passwordEnv].filter((v): v is string => v !== undefined);
    for (const env of needed) {
      const value = variable(env);
      if (value === undefined || value === '')
        findings.push({
          crm: AL,
          severity: 'warning',
          message: `The alert channel "${name}" needs ${env}, which is not set: its alerts would be given up.`,
          fix: `Set ${env} in leadpact's environment${channel.slack ? ' to the Slack incoming webhook URL (Slack → Apps → Incoming Webhooks)' : ' to the SMTP credentials'}, then restart.`,
        });
      else if (channel.slack && !/^https:\/\/hooks\.slack\.com\/services\//.test(value))
        findings.push({
          crm: AL,
          severity: 'warning',
          message: `${env} (alert channel "${name}") does not look like a Slack incoming webhook URL.`,
          fix: 'Copy the URL from Slack → Apps → Incoming Webhooks; it starts https://hooks.slack.com/services/.',
        });
    }
  }
  if (findings.length === 0)
    findings.push(
      ok(
        AL,
        `The ${count(routed.length, 'routed alert channel')} ${routed.length === 1 ? 'has its' : 'have their'} secrets set.`,
      ),
    );
  return findings;
}
