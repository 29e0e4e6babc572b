import type { AlertsDefinition } from '../../../protocol/schema/alerts.schema';
import type { AlertTransport } from './alert-port';
import { emailTransport } from './email-transport';
import { slackTransport } from './slack-transport';

/** Reads an environment variable by name (the composition root passes the parsed environment's). */
export type SecretLookup = (name: string) => string | undefined;

export interface BuiltTransports {
  readonly transports: ReadonlyMap<string, AlertTransport>;
  /** Channels that cannot send, with what to do about it in plain words. */
  readonly unusable: ReadonlyMap<string, string>;
}

function missing(variable: string, channel: string, what: string): string {
  return `alerts.channels.${channel} needs the environment variable ${variable} (${what}); it is not set. Set it and restart leadpact.`;
}

/** One transport per channel of the protocol's alerts section, its secrets read from the environment. */
export function alertTransports(channels: AlertsDefinition['channels'], secret: SecretLookup): BuiltTransports {
  const transports = new Map<string, AlertTransport>();
  const unusable = new Map<string, string>();
  for (const [name, channel] of Object.entries(channels)) {
    if (channel.slack !== undefined) {
      const variable = channel.slack.webhookUrlEnv;
      const url = secret(variable);
      if (url === undefined || !/^https?:\/\//.test(url))
        unusable.set(name, missing(variable, name, 'the Slack incoming webhook URL'));
      else transports.set(name, slackTransport(url, variable));
    } else if (channel.email !== undefined) {
      const { smtp, from, to } = channel.email;
      const user = smtp.userEnv === undefined ? undefined : secret(smtp.userEnv);
      const pass = smtp.passwordEnv === undefined ? undefined : secret(smtp.passwordEnv);
      if (smtp.userEnv !== undefined && user === undefined)
        unusable.set(name, missing(smtp.userEnv, name, 'the SMTP user name'));
      else if (smtp.passwordEnv !== undefined && pass === undefined)
        unusable.set(name, missing(smtp.passwordEnv, name, 'the SMTP password'));
      else
        transports.set(
          name,
          emailTransport({
            from,
            to,
            host: smtp.host,
            port: smtp.port,
            secure: smtp.secure,
            ...(pass === undefined ? {} : { auth: { user: user ?? from, pass } }),
            ...(smtp.passwordEnv === undefined ? {} : { passwordVariable: smtp.passwordEnv }),
          }),
        );
    }
  }
  return { transports, unusable };
}
