/**
 * Where each Change Data Capture subscription stopped: the replay id of the newest event whose
 * lead events are safely queued, and when that event was committed. A restart resumes after it; if
 * the event bus no longer holds it (72 hours), reconciliation covers the time from `committed_at`.
 */
export const sql = `
CREATE TABLE cdc_replay (
  channel       text PRIMARY KEY,
  -- The Pub/Sub API's replay id (8 bytes, big-endian), in decimal.
  replay_id     numeric(20, 0) NOT NULL,
  committed_at  timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
`;
