/**
 * The lead ledger, the audit trail, sync cursors and protocol versions.
 * Instants are timestamptz; the full engine state of a lead is kept as JSON beside the projected
 * columns, which exist for queries (metrics, reports, look-ups by either CRM id).
 */
export const sql = `
CREATE TABLE leads (
  id                       uuid PRIMARY KEY,
  hubspot_contact_id       text UNIQUE,
  salesforce_id            text UNIQUE,
  salesforce_object        text CHECK (salesforce_object IN ('Lead', 'Contact')),
  email                    text,
  stage                    text NOT NULL,
  protocol_version         text,
  fit_score                integer,
  readiness_score          integer,
  owner_id                 text,
  territory                text,
  team                     text,
  campaign                 text,
  source                   text,
  rejection_code           text,
  rejection_valid          boolean,
  sla_status               text,
  sla_accept_due_at        timestamptz,
  sla_first_touch_due_at   timestamptz,
  time_to_accept_min       integer,
  time_to_first_touch_min  integer,
  created_at               timestamptz NOT NULL,
  mql_at                   timestamptz,
  handed_off_at            timestamptz,
  accepted_at              timestamptz,
  rejected_at              timestamptz,
  first_touch_at           timestamptz,
  working_at               timestamptz,
  converted_at             timestamptz,
  closed_at                timestamptz,
  recycled_at              timestamptz,
  disqualified_at          timestamptz,
  dormant_at               timestamptz,
  last_activity_at         timestamptz,
  outcome                  text CHECK (outcome IN ('won', 'lost')),
  amount                   numeric(18, 2),
  opportunity_id           text,
  recycle_count            integer NOT NULL DEFAULT 0,
  retired                  boolean NOT NULL DEFAULT false,
  state                    jsonb NOT NULL,
  version                  integer NOT NULL DEFAULT 1,
  updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX leads_email_idx ON leads (lower(email));
CREATE INDEX leads_stage_idx ON leads (stage);
CREATE INDEX leads_mql_at_idx ON leads (mql_at);
CREATE INDEX leads_handed_off_at_idx ON leads (handed_off_at);
CREATE INDEX leads_campaign_idx ON leads (campaign);

-- Ids a lead was known by before a merge, so late events about the loser still find the survivor.
CREATE TABLE lead_aliases (
  crm          text NOT NULL CHECK (crm IN ('hubspot', 'salesforce')),
  external_id  text NOT NULL,
  lead_id      uuid NOT NULL REFERENCES leads (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (crm, external_id)
);

-- The audit trail: append-only, one row per decision step, each with its cause.
CREATE TABLE lead_events (
  id            bigserial PRIMARY KEY,
  lead_id       uuid NOT NULL REFERENCES leads (id),
  at            timestamptz NOT NULL,
  kind          text NOT NULL,
  from_stage    text,
  to_stage      text,
  cause         jsonb NOT NULL,
  detail        jsonb NOT NULL DEFAULT '{}'::jsonb,
  protocol_version text,
  -- The same step recorded twice (a redelivered job) is kept once.
  dedupe_key    text UNIQUE,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lead_events_lead_idx ON lead_events (lead_id, id);
CREATE INDEX lead_events_kind_at_idx ON lead_events (kind, at);

CREATE FUNCTION lead_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'lead_events is append-only';
END
$$;
CREATE TRIGGER lead_events_no_change BEFORE UPDATE OR DELETE ON lead_events
  FOR EACH ROW EXECUTE FUNCTION lead_events_append_only();

CREATE TABLE sync_cursors (
  name        text PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE protocol_versions (
  version          text PRIMARY KEY,
  checksum         text NOT NULL,
  content          text NOT NULL,
  marketing_owner  text NOT NULL,
  sales_owner      text NOT NULL,
  activated_at     timestamptz NOT NULL DEFAULT now()
);
`;
