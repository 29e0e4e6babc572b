/**
 * Issue 19, alignment beyond the pipe:
 * - read-only links to the scorecard, the pack and the questionnaire for people without the admin
 *   token: only the SHA-256 of each link's token is kept, so a copy of the database opens nothing;
 * - joint meetings of the two teams, with their decisions and action items.
 */
export const sql = `
CREATE TABLE shared_links (
  id            bigserial PRIMARY KEY,
  token_sha256  text NOT NULL UNIQUE,
  audience      text CHECK (audience IN ('sales', 'marketing')),
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz
);

CREATE TABLE meetings (
  id            bigserial PRIMARY KEY,
  held_on       date NOT NULL,
  attendees     jsonb NOT NULL,
  decisions     jsonb NOT NULL DEFAULT '[]',
  recorded_at   timestamptz NOT NULL
);

CREATE TABLE meeting_actions (
  id            bigserial PRIMARY KEY,
  meeting_id    bigint NOT NULL REFERENCES meetings (id),
  text          text NOT NULL,
  owner         text NOT NULL,
  due_on        date NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
  closed_on     date
);
CREATE INDEX meeting_actions_meeting_idx ON meeting_actions (meeting_id);
`;
