import type { Crm } from './errors';

/** One call a connector made to its CRM, as it ended. */
export interface CrmCall {
  readonly crm: Crm;
  /** The connector's name for it: "upsert", "search.contacts", "query"... (a small, fixed set). */
  readonly operation: string;
  /** "ok", or the stable error code the one classifier gave the failure (CRM_RATE_LIMITED...). */
  readonly outcome: string;
  /**
   * HTTP requests it took: usually 1; more when the SDK refreshed an expired session and sent the
   * request again. What the CRM counts against the allocation.
   */
  readonly requests: number;
}

export type CrmCallObserver = (call: CrmCall) => void;

/**
 * The observers a connector tells about each call. Connectors never import the metrics: the
 * composition root attaches an observer (the Prometheus counter). An observer that throws is
 * ignored, so counting can never fail a CRM call.
 */
export class CallObservers {
  private readonly observers: CrmCallObserver[] = [];

  add(observer: CrmCallObserver): void {
    this.observers.push(observer);
  }

  notify(call: CrmCall): void {
    for (const observer of this.observers) {
      try {
        observer(call);
      } catch {
        // Counting is best effort; the call's own outcome stands.
      }
    }
  }
}
