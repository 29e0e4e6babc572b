/**
 * Names for the Salesforce ids the scorecard, the monthly pack and `leadpact report` show: the
 * owners of leads (Users and queues), as the workers last read them from the org, and the org's
 * instance URL, where its records open. Kept in the store because the pages and the report run
 * where no Salesforce connection is (`serve`, the CLI, the demo's page after the run).
 */
export const sql = `
CREATE TABLE owner_names (
  id       text PRIMARY KEY,
  kind     text NOT NULL CHECK (kind IN ('user', 'queue')),
  -- Null: Salesforce has no such user or queue (deleted, or never one).
  name     text,
  active   boolean,
  read_at  timestamptz NOT NULL
);
CREATE INDEX owner_names_read_at_idx ON owner_names (read_at);

CREATE TABLE salesforce_org (
  only_row      boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  instance_url  text NOT NULL,
  read_at       timestamptz NOT NULL
);
`;
