/**
 * CRM writes waiting to be sent. A decision's writes are inserted in the same transaction as the
 * lead they belong to, so a crash can neither lose a write nor send one for a lead never saved.
 * A relay leases rows, sends them in the largest batch the CRM allows, then deletes them.
 */
export const sql = `
CREATE TABLE outbox (
  id            bigserial PRIMARY KEY,
  lead_id       uuid NOT NULL,
  crm           text NOT NULL CHECK (crm IN ('salesforce', 'hubspot')),
  kind          text NOT NULL,
  -- What is written where: object, record id or external id, fields; validated by the relay.
  payload       jsonb NOT NULL,
  -- 0 hand-offs and SLA work, 1 updates, 2 reconciliation and backfill.
  priority      smallint NOT NULL DEFAULT 1,
  attempts      integer NOT NULL DEFAULT 0,
  not_before    timestamptz NOT NULL DEFAULT now(),
  leased_until  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_error    jsonb,
  -- The same effect of the same decision is queued once, however often the decision is replayed.
  dedupe_key    text UNIQUE
);
CREATE INDEX outbox_ready_idx ON outbox (crm, priority, not_before, id);

-- Work that failed for good, with its reason, until an operator replays or drops it.
CREATE TABLE dead_letters (
  id           bigserial PRIMARY KEY,
  source       text NOT NULL,
  lead_id      uuid,
  crm          text,
  kind         text NOT NULL,
  payload      jsonb NOT NULL,
  error_code   text NOT NULL,
  error        text NOT NULL,
  attempts     integer NOT NULL,
  failed_at    timestamptz NOT NULL DEFAULT now(),
  replayed_at  timestamptz
);
CREATE INDEX dead_letters_open_idx ON dead_letters (failed_at) WHERE replayed_at IS NULL;
`;
