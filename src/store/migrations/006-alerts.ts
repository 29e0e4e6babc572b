/**
 * SLA alerts to Slack and e-mail: one row per alert and channel, inserted in the same statement as
 * the decision that raised it (so a crash loses none), keyed by the alert (lead, timer, due time)
 * and the channel (so a timer fired twice or a replayed decision queues it once). A row stays after
 * it is sent, for a month, so the key keeps refusing a second copy; a channel's failure retries
 * that channel alone.
 */
export const sql = `
CREATE TABLE alert_deliveries (
  id            bigserial PRIMARY KEY,
  alert_key     text NOT NULL,
  channel       text NOT NULL,
  lead_id       uuid NOT NULL,
  -- The sla.alert effect; the message is written when it is sent, from the lead as it is then.
  payload       jsonb NOT NULL,
  attempts      integer NOT NULL DEFAULT 0,
  not_before    timestamptz NOT NULL DEFAULT now(),
  leased_until  timestamptz,
  last_error    text,
  sent_at       timestamptz,
  failed_at     timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (alert_key, channel)
);
CREATE INDEX alert_deliveries_ready_idx ON alert_deliveries (not_before, id) WHERE sent_at IS NULL AND failed_at IS NULL;
`;
