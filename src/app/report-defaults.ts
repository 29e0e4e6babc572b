/**
 * A hand-off with no sales touch and no rejection within this many days counts as not pursued.
 * The protocol has no setting for it (its SLA windows are in business hours and escalate well
 * before), so it is a reporting choice: one calendar week. Alone in this file so `leadpact report
 * --help` can show it without loading the scorecard.
 */
export const DEFAULT_NOT_PURSUED_DAYS = 7;
