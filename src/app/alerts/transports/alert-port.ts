/** One alert as a person reads it, whatever the channel. */
export interface AlertMessage {
  /** One line: what happened to which lead (an e-mail subject, a Slack message's first line). */
  readonly title: string;
  /** Plain-text lines after the title: the lead, the due time, what to do. */
  readonly lines: readonly string[];
  /** The record in Salesforce, when the lead has one. */
  readonly link: { readonly label: string; readonly url: string } | null;
  /** Unique per alert and channel; a channel that can deduplicate (e-mail's Message-ID) uses it. */
  readonly idempotencyKey: string;
}

/** Sends to one channel (a Slack webhook, an e-mail list). Throws AlertSendFailure; never retries itself. */
export interface AlertTransport {
  /** What the channel is, in words, for logs and failures ("Slack webhook from SLACK_WEBHOOK_SALES"). */
  readonly describe: string;
  send(message: AlertMessage): Promise<void>;
  close?(): void;
}

/** A send that did not go through: `retryable` when the channel may take it later. Never carries a secret. */
export class AlertSendFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'AlertSendFailure';
  }
}
