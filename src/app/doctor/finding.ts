/** One thing `leadpact doctor` found, in words a RevOps engineer acts on. */
export interface Finding {
  /** Where it was found: one of the CRMs, or leadpact's own alert channels. */
  readonly crm: 'Salesforce' | 'HubSpot' | 'Alerts';
  /**
   * error: leads would not move (or not all of them) until it is fixed; warning: they move, but
   * something will go wrong or cannot be checked; ok: a check that passed, said once per check.
   */
  readonly severity: 'error' | 'warning' | 'ok';
  /** What was found, naming the thing by its name (and where the configuration names it). */
  readonly message: string;
  /** The exact fix. */
  readonly fix?: string;
  /** Would make every hand-off fail: `start` refuses to start on it, instead of failing each lead. */
  readonly stopsStart?: boolean;
}

export function ok(crm: Finding['crm'], message: string): Finding {
  return { crm, severity: 'ok', message };
}

/** A check that could not run (the CRM did not answer, or would not say): a warning, never silence. */
export function notChecked(crm: Finding['crm'], what: string, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    crm,
    severity: 'warning',
    message: `Could not check ${what}: ${reason}`,
    fix: 'Run `leadpact doctor` again once the CRM answers; the other checks below still ran.',
  };
}

/** "1 user", "2 users". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
