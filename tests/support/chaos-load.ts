import type { HubSpotSimulator } from '../../connectors/hubspot/simulator';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import type { SalesforceSimulator } from '../../connectors/salesforce/simulator';
import { salesforceId } from '../../src/shared/ids';
import type { Queryable } from '../../src/store';
import { qualifiedContact } from './contacts';
import { eventually } from './pipeline-harness';

/** The CRMs as the load sees them: the simulators, and Salesforce's API for what Sales does. */
export interface LoadTarget {
  readonly sf: SalesforceSimulator;
  readonly hs: HubSpotSimulator;
  readonly salesforce: SalesforcePort;
}

export interface LoadOptions {
  /** A tag in every contact's name and e-mail, so tests never see each other's records. */
  readonly tag: string;
  readonly contactsPerSecond: number;
  /** Every n-th Lead that shows up in Salesforce is rejected by Sales with a code. */
  readonly rejectEvery: number;
}

export interface LoadFigures {
  readonly contacts: number;
  readonly rejections: number;
  /** Rejections Sales tried while Salesforce refused them (under injected faults); retried later. */
  readonly rejectionRetries: number;
}

/**
 * Marketing creating qualified contacts at a steady rate, and Sales rejecting some of the Leads
 * that reach Salesforce, with a code; runs until stopped. What it did is what the test checks.
 */
export class Load {
  readonly contactIds: string[] = [];
  /** HubSpot contact id → the rejection code Sales gave its Lead. */
  readonly rejected = new Map<string, string>();
  private readonly pendingRejections = new Set<string>();
  private rejectionRetries = 0;
  private seen = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly target: LoadTarget,
    private readonly options: LoadOptions,
  ) {}

  start(): void {
    const every = Math.max(10, Math.round(1_000 / this.options.contactsPerSecond));
    this.timer = setInterval(() => {
      this.contactIds.push(
        this.target.hs.user.createContact(qualifiedContact(`${this.options.tag}-${this.contactIds.length}`)).id,
      );
      this.running = this.running.then(() => this.rejectNewLeads());
    }, every);
    // A test that fails before stop() must still let jest exit.
    this.timer.unref();
  }

  /** Stops creating contacts; rejections of Leads still to come are made by `settleRejections`. */
  async stop(): Promise<LoadFigures> {
    clearInterval(this.timer);
    await this.running;
    return this.figures();
  }

  figures(): LoadFigures {
    return {
      contacts: this.contactIds.length,
      rejections: this.rejected.size,
      rejectionRetries: this.rejectionRetries,
    };
  }

  /** Rejects the Leads of contacts chosen for rejection that have reached Salesforce since the last call. */
  async rejectNewLeads(): Promise<void> {
    const ours = new Set(this.contactIds);
    const leads = this.target.sf
      .records('Lead')
      .filter((lead) => typeof lead.HubSpot_Contact_Id__c === 'string' && ours.has(lead.HubSpot_Contact_Id__c));
    for (const lead of leads.slice(this.seen)) {
      this.seen++;
      if (this.seen % this.options.rejectEvery === 0) this.pendingRejections.add(String(lead.Id));
    }
    const byLead = new Map(leads.map((lead) => [String(lead.Id), String(lead.HubSpot_Contact_Id__c)]));
    for (const id of [...this.pendingRejections]) {
      const [result] = await this.target.salesforce
        .update('Lead', [
          { id: salesforceId(id), fields: { Status: 'Closed - Not Converted', Rejection_Code__c: 'NOT_READY' } },
        ])
        .catch(() => [undefined]);
      if (result?.ok !== true) {
        this.rejectionRetries++;
        continue;
      }
      this.pendingRejections.delete(id);
      this.rejected.set(byLead.get(id) ?? '', 'NOT_READY');
    }
  }
}

/** What the CRMs hold for the load's contacts, against what must hold. */
export interface Reckoning {
  /** Contacts with no Salesforce record carrying their HubSpot id. */
  readonly missing: number;
  /** Salesforce records beyond one per contact (by HubSpot id, and by e-mail). */
  readonly duplicates: number;
  /** Rejections whose code has not reached the HubSpot contact. */
  readonly feedbackMissing: number;
}

export function reckon(target: Pick<LoadTarget, 'sf' | 'hs'>, load: Load): Reckoning {
  const ours = new Set(load.contactIds);
  const records = [...target.sf.records('Lead'), ...target.sf.records('Contact')].filter(
    (r) => r.IsDeleted !== true && typeof r.HubSpot_Contact_Id__c === 'string' && ours.has(r.HubSpot_Contact_Id__c),
  );
  const byContact = new Set(records.map((r) => r.HubSpot_Contact_Id__c));
  const byEmail = new Set(records.map((r) => String(r.Email).toLowerCase()));
  const contacts = new Map(target.hs.contacts().map((c) => [c.id, c.properties]));
  const feedbackMissing = [...load.rejected].filter(
    ([id, code]) => contacts.get(id)?.leadpact_rejection_code !== code,
  ).length;
  return {
    missing: load.contactIds.length - byContact.size,
    duplicates: records.length - Math.min(byContact.size, byEmail.size),
    feedbackMissing,
  };
}

/** The contacts whose rejection has not reached HubSpot yet (for a failure message). */
export function unfinishedRejections(target: Pick<LoadTarget, 'hs'>, load: Load): string[] {
  const contacts = new Map(target.hs.contacts().map((c) => [c.id, c.properties]));
  return [...load.rejected]
    .filter(([id, code]) => contacts.get(id)?.leadpact_rejection_code !== code)
    .map(([id]) => id);
}

/** What the ledger, the outbox and the dead letters say about some contacts, for a failure message. */
export async function explain(db: Queryable, contactIds: readonly string[]): Promise<string> {
  const leads = await db.query(
    `SELECT l.hubspot_contact_id, l.stage, l.salesforce_id, l.state->>'pendingHandoff' AS pending, l.state->'crm'->'salesforce'->>'Status' AS believed_status,
       (SELECT json_agg(json_build_object('kind', o.kind, 'crm', o.crm, 'attempts', o.attempts, 'error', o.last_error, 'notBefore', o.not_before, 'leased', o.leased_until)) FROM outbox o WHERE o.lead_id = l.id) AS outbox,
       (SELECT json_agg(json_build_object('kind', e.kind, 'at', e.at, 'cause', e.cause, 'detail', e.detail->>'text')) FROM lead_events e WHERE e.lead_id = l.id) AS trail, l.state->'crm'->'salesforce'->>'Rejection_Code__c' AS believed_code, l.state->>'salesforceStateAt' AS state_at
     FROM leads l WHERE l.hubspot_contact_id = ANY($1::text[])`,
    [[...contactIds]],
  );
  const letters = await db.query(
    'SELECT source, kind, error_code, left(error, 300) AS error FROM dead_letters ORDER BY id DESC LIMIT 10',
  );
  return `leads: ${JSON.stringify(leads.rows)}\ndead letters: ${JSON.stringify(letters.rows)}`;
}

export function balanced(reckoning: Reckoning): boolean {
  return reckoning.missing === 0 && reckoning.duplicates === 0 && reckoning.feedbackMissing === 0;
}

export interface Drained {
  readonly reckoning: Reckoning;
  /** How long the wait took. */
  readonly seconds: number;
}

/**
 * Waits until every contact of the load is in Salesforce once, every rejection has reached HubSpot
 * and the outbox is empty, Sales rejecting the Leads still to come meanwhile. Fails with what is
 * missing and why, `more` adding the processes' last lines.
 */
export async function drained(
  target: LoadTarget,
  db: Queryable,
  load: Load,
  timeoutMs: number,
  more: () => string = () => '',
): Promise<Drained> {
  const started = Date.now();
  try {
    const reckoning = await eventually(
      async () => {
        await load.rejectNewLeads();
        const now = reckon(target, load);
        return balanced(now) && (await backlog(db)).outbox === 0 ? now : undefined;
      },
      timeoutMs,
      'every contact in Salesforce once and every rejection in HubSpot',
    );
    return { reckoning, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    const why = await explain(db, unfinishedRejections(target, load));
    throw new Error(`${String(error)}: ${JSON.stringify(reckon(target, load))}\n${why}\n${more()}`, { cause: error });
  }
}

/** Work leadpact still holds: CRM writes in the outbox, and dead letters (work it gave up on). */
export async function backlog(db: Queryable): Promise<{ outbox: number; deadLetters: number }> {
  const result = await db.query<{ outbox: number; dead: number }>(
    'SELECT (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM dead_letters)::int AS dead',
  );
  return { outbox: result.rows[0]?.outbox ?? 0, deadLetters: result.rows[0]?.dead ?? 0 };
}

/** 429s the HubSpot simulator served because a real limit was reached, and the ones a test injected. */
export function hubspotLimitFigures(hs: HubSpotSimulator): {
  real429: number;
  injectedFaults: number;
  peakWindow: number;
  windowLimit: number;
} {
  const calls = hs.calls();
  const real429 = Object.values(calls.rateLimited).reduce((total, n) => total + n, 0);
  return {
    real429,
    injectedFaults: calls.faultsInjected,
    peakWindow: calls.peakWindowCount,
    windowLimit: calls.windowLimit,
  };
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One line of figures per test, on stdout, whatever jest's reporter does with console output. */
export function printFigures(test: string, figures: Readonly<Record<string, number | string | boolean>>): void {
  const text = Object.entries(figures)
    .map(
      ([name, value]) =>
        `${name}=${typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(1) : String(value)}`,
    )
    .join(' ');
  process.stdout.write(`[chaos] ${test}: ${text}\n`);
}
