/**
 * Alignment metrics and the relationship diagnostic (src/metrics).
 * Aggregates keep numerator and denominator beside the value, so a rate can be recomputed,
 * summed across keys or questioned; one row per period span, dimension, key and metric, replaced
 * when the same span is computed again, so earlier periods stay for trends.
 */
export const sql = `
CREATE TABLE metric_aggregates (
  period_start  timestamptz NOT NULL,
  period_end    timestamptz NOT NULL,
  period        text NOT NULL,
  dimension     text NOT NULL CHECK (dimension IN ('all', 'campaign', 'source', 'territory', 'owner', 'team')),
  key           text NOT NULL,
  metric        text NOT NULL,
  numerator     double precision,
  denominator   double precision,
  value         double precision,
  computed_at   timestamptz NOT NULL,
  PRIMARY KEY (period_start, period_end, dimension, key, metric)
);
CREATE INDEX metric_aggregates_metric_idx ON metric_aggregates (metric, dimension, period_end);

-- The editable statement bank; while it is empty, the built-in default statements apply.
CREATE TABLE diagnostic_statements (
  id          text PRIMARY KEY,
  position    integer NOT NULL,
  theme       text NOT NULL,
  text        text NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- One row per submitted questionnaire; answers map statement id to a score of 1 to 5, so a
-- response keeps its meaning after the bank is edited.
CREATE TABLE diagnostic_responses (
  id            bigserial PRIMARY KEY,
  respondent    text NOT NULL,
  function      text NOT NULL CHECK (function IN ('marketing', 'sales')),
  level         text NOT NULL CHECK (level IN ('head', 'staff')),
  answers       jsonb NOT NULL,
  submitted_at  timestamptz NOT NULL
);
CREATE INDEX diagnostic_responses_submitted_idx ON diagnostic_responses (submitted_at);
`;
