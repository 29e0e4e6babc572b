import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { AlertSendFailure, type AlertMessage, type AlertTransport } from './alert-port';

export interface EmailSettings {
  readonly from: string;
  readonly to: readonly string[];
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  /** The variable holding the password, named in failures (never its value). */
  readonly passwordVariable?: string;
}

const TIMEOUT_MS = 15_000;

export function emailText(message: AlertMessage): string {
  const link = message.link === null ? [] : [`${message.link.label}: ${message.link.url}`];
  return `${[...message.lines, ...link].join('\n')}\n`;
}

/**
 * Sends through an SMTP server with nodemailer. The Message-ID is derived from the alert, so a copy
 * sent again after a crash is the same message to the mail clients that collapse duplicates.
 */
export function emailTransport(settings: EmailSettings): AlertTransport {
  // nodemailer (~20 MB resident) is loaded at the first alert, not by every process that composes
  // the workers (`leadpact backfill` sends no alerts).
  let smtp: Promise<Transporter> | undefined;
  const connect = (): Promise<Transporter> =>
    (smtp ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        ...(settings.auth === undefined ? {} : { auth: { user: settings.auth.user, pass: settings.auth.pass } }),
        connectionTimeout: TIMEOUT_MS,
        greetingTimeout: TIMEOUT_MS,
        socketTimeout: TIMEOUT_MS,
      }),
    ));
  const describe = `the SMTP server ${settings.host}:${settings.port}`;
  return {
    describe,
    async send(message) {
      const id = createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32);
      try {
        await (
          await connect()
        ).sendMail({
          from: settings.from,
          to: [...settings.to],
          subject: message.title,
          text: emailText(message),
          messageId: `<${id}@leadpact.alerts>`,
        });
      } catch (error) {
        throw smtpFailure(error, describe, settings.passwordVariable);
      }
    },
    close() {
      void smtp?.then((transport) => transport.close());
    },
  };
}

interface SmtpError {
  readonly code?: unknown;
  readonly responseCode?: unknown;
}

/** RFC 5321: a 4yz reply is transient, a 5yz permanent; no reply at all (connection, timeout) is worth another try. */
function smtpFailure(error: unknown, describe: string, passwordVariable: string | undefined): AlertSendFailure {
  const { code, responseCode } = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  if (code === 'EAUTH' || code === 'ENOAUTH')
    return new AlertSendFailure(
      `${describe} refused the user name or password${passwordVariable === undefined ? '' : ` (${passwordVariable})`}: ` +
        'check the credentials in the environment and restart leadpact',
      false,
    );
  if (typeof responseCode === 'number' && responseCode >= 500 && responseCode !== 503)
    return new AlertSendFailure(
      `${describe} refused the message for good (SMTP ${responseCode}): check the alert's from and to addresses`,
      false,
    );
  const reply = typeof responseCode === 'number' ? `answered SMTP ${responseCode}` : 'could not be reached';
  return new AlertSendFailure(`${describe} ${reply}; will try again`, true);
}
