/**
 * What the Sync Health page and the lag metric need:
 * - on each CRM write, the instant of the change in the other CRM that caused it (the change's own
 *   timestamp, lastmodifieddate or SystemModstamp), so the relay can time change → write; null
 *   for writes no CRM change caused (timers, admin actions, replays);
 * - each worker's API use and write lag, sampled every minute, so the page can chart the last 24
 *   hours from any process (the calls are made by the workers, the page is served by the API).
 */
export const sql = `
ALTER TABLE outbox ADD COLUMN changed_at timestamptz;

CREATE TABLE crm_usage_samples (
  id                bigserial PRIMARY KEY,
  crm               text NOT NULL CHECK (crm IN ('salesforce', 'hubspot')),
  at                timestamptz NOT NULL,
  -- The worker that measured it: several workers each sample their own calls.
  process           text NOT NULL,
  calls             integer NOT NULL,
  failed_calls      integer NOT NULL,
  -- As the CRM's last response reported them (Sforce-Limit-Info, X-HubSpot-RateLimit-*).
  daily_used        integer,
  daily_limit       integer,
  window_remaining  integer,
  window_limit      integer,
  -- Writes into this CRM caused by a change in the other one, by lag bucket (seconds, see sync-lag.ts).
  lag_buckets       jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX crm_usage_samples_at_idx ON crm_usage_samples (at);
`;
