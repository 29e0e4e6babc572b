import { IncomingWebhook, IncomingWebhookHTTPError } from '@slack/webhook';
import { AlertSendFailure, type AlertMessage, type AlertTransport } from './alert-port';

const TIMEOUT_MS = 15_000;

/** Slack's mrkdwn reserves &, < and > for its own markup (https://api.slack.com/reference/surfaces/formatting#escaping). */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackText(message: AlertMessage): string {
  const link = message.link === null ? [] : [`<${message.link.url}|${escape(message.link.label)}>`];
  return [`*${escape(message.title)}*`, ...message.lines.map(escape), ...link].join('\n');
}

/**
 * Posts to a Slack incoming webhook with the official client, which is told not to retry: the
 * alert relay retries, so a retry never doubles a message the relay already counts as failed.
 */
export function slackTransport(webhookUrl: string, variable: string): AlertTransport {
  const webhook = new IncomingWebhook(webhookUrl, { timeout: TIMEOUT_MS, retryConfig: { retries: 0 } });
  const describe = `the Slack webhook in ${variable}`;
  return {
    describe,
    async send(message) {
      try {
        await webhook.send({ text: slackText(message), unfurl_links: false });
      } catch (error) {
        throw slackFailure(error, describe, variable);
      }
    },
  };
}

/**
 * Slack answers 4xx for a webhook that will never work (https://api.slack.com/messaging/webhooks#handling_errors:
 * invalid_token, no_service, channel_not_found, channel_is_archived, action_prohibited), 429 when
 * posting faster than one message a second, 5xx when it is failing itself.
 */
function slackFailure(error: unknown, describe: string, variable: string): AlertSendFailure {
  if (!(error instanceof IncomingWebhookHTTPError))
    return new AlertSendFailure(`${describe} could not be reached (network error or timeout); will try again`, true);
  const reason = /^[a-z_]{1,60}$/.test(error.body.trim()) ? ` (${error.body.trim()})` : '';
  if (error.statusCode === 429 || error.statusCode >= 500)
    return new AlertSendFailure(`Slack answered ${error.statusCode}${reason} for ${describe}; will try again`, true);
  return new AlertSendFailure(
    `Slack refused the message with ${error.statusCode}${reason}: the webhook in ${variable} was removed, ` +
      `its channel archived, or the URL is wrong. Create a new incoming webhook for the channel and set ${variable} to its URL.`,
    false,
  );
}
