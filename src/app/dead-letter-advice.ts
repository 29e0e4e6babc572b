import { ERROR_CATALOGUE, type ErrorCode } from '../shared/error-codes';
import { HUBSPOT_CODES } from '../shared/failures/hubspot-codes';
import { SALESFORCE_CODES } from '../shared/failures/salesforce-codes';
import type { DeadLetter, LeadRecord } from '../store';
import { repositories, type Db } from '../store';

/** A dead letter with what a person needs to act on it: whose lead, and what to do. */
export interface DeadLetterView {
  readonly letter: DeadLetter;
  /** The lead's e-mail, when the dead letter concerns a lead leadpact knows. */
  readonly email: string | null;
  readonly salesforceId: string | null;
  /** What the code means and what to do, in the README's words. */
  readonly advice: string;
}

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}

/** What a code means and what to do, and whether replaying alone can help (null: the CRM's own code, unknown to leadpact). */
export interface CodeAdvice {
  readonly advice: string;
  readonly retryable: boolean | null;
}

/**
 * What to do about a code: leadpact's own from the catalogue; a CRM's own code (a record the CRM
 * refused: INVALID_FIELD, PROPERTY_DOESNT_EXIST...) through the code table the classifier uses.
 * The one source for `leadpact dlq` and the Sync Health page.
 */
export function codeAdvice(code: string, crm: string | null): CodeAdvice {
  if (isErrorCode(code)) return { advice: ERROR_CATALOGUE[code].hint, retryable: ERROR_CATALOGUE[code].retryable };
  const tables =
    crm === 'hubspot' ? [HUBSPOT_CODES] : crm === 'salesforce' ? [SALESFORCE_CODES] : [SALESFORCE_CODES, HUBSPOT_CODES];
  for (const table of tables) {
    const mapped = table.vendorCodes[code];
    if (mapped !== undefined)
      return { advice: ERROR_CATALOGUE[mapped].hint, retryable: ERROR_CATALOGUE[mapped].retryable };
  }
  const who = crm === null ? 'The CRM' : crm === 'hubspot' ? 'HubSpot' : 'Salesforce';
  return {
    advice: `${who} refused the write with ${code}; the reason says why. Fix the record or the setup it names, then replay.`,
    retryable: null,
  };
}

export function adviceFor(code: string, crm: string | null): string {
  return codeAdvice(code, crm).advice;
}

/** The dead letters with their leads' e-mail and Salesforce id (one query) and advice. */
export async function deadLetterViews(db: Db, letters: readonly DeadLetter[]): Promise<DeadLetterView[]> {
  const ids = [...new Set(letters.flatMap((l) => (l.leadId === null ? [] : [l.leadId])))];
  const leads =
    ids.length === 0
      ? new Map<string, LeadRecord>()
      : await repositories(db).leads.findMany(ids.map((id) => ({ kind: 'lead' as const, id })));
  return letters.map((letter) => {
    const lead = letter.leadId === null ? undefined : leads.get(`lead:${letter.leadId}`);
    return {
      letter,
      email: lead?.email ?? null,
      salesforceId: lead?.salesforceId ?? null,
      advice: adviceFor(letter.errorCode, letter.crm),
    };
  });
}
