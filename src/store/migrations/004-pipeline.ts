/**
 * What the sync pipeline looks leads up by: the converted opportunity (won/lost arrive on the
 * Opportunity, not the Lead) and the next timer due (a sweep re-fires any timer whose delayed job
 * was lost, so an SLA breach is never missed because Redis forgot a job).
 */
export const sql = `
ALTER TABLE leads ADD COLUMN next_timer_at timestamptz;
CREATE INDEX leads_next_timer_idx ON leads (next_timer_at) WHERE next_timer_at IS NOT NULL;
CREATE INDEX leads_opportunity_idx ON leads (opportunity_id) WHERE opportunity_id IS NOT NULL;
CREATE INDEX leads_activity_idx ON leads (stage, last_activity_at);
CREATE INDEX outbox_lead_idx ON outbox (lead_id, crm, id);
`;
