/** How the outbox relays send: one configuration for the workers, the backfill and the tests alike. */
export interface RelaySettings {
  /** How long a partial Salesforce batch may wait for company before it is sent anyway. */
  readonly flushWindowMs: number;
  /**
   * The same for HubSpot feedback, which no one waits for by the second: long enough for a lead's
   * stage and, once the hand-off's outcome is back through the inbound queue, its Salesforce id to
   * leave as one record.
   */
  readonly hubspotFlushWindowMs: number;
  /**
   * Batches each CRM's relay keeps in flight. One at a time, a call's round trip and the ledger's
   * bookkeeping around it, not the API budget, set the pace of a backlog.
   */
  readonly relayConcurrency: number;
  /** After this many attempts a retryable failure is final and the write goes to the dead letters. */
  readonly maxWriteAttempts: number;
}

export const DEFAULT_RELAY_SETTINGS: RelaySettings = {
  flushWindowMs: 200,
  hubspotFlushWindowMs: 1_000,
  relayConcurrency: 3,
  maxWriteAttempts: 10,
};

/** The largest batch each CRM takes: Salesforce sObject Collections 200 records, HubSpot batch 100. */
export const BATCH_SIZE = { salesforce: 200, hubspot: 100 } as const;
