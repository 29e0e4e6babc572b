import type { SalesforceId } from '../shared/ids';
import type { FieldMap, HandoffEffect, SalesforceObject } from './effects';
import type { Protocol } from './schema/protocol.schema';
import type { FieldValue } from './values';

/** A Lead or Contact the relay found with a hand-off's e-mail address. */
export interface CandidatePerson {
  readonly id: SalesforceId;
  readonly object: SalesforceObject;
  readonly email: string;
  readonly ownerId: SalesforceId | null;
  /** A converted Lead is read-only: it never takes a hand-off. */
  readonly isConverted: boolean;
}

/** An Account the relay found by the domain of a hand-off's e-mail address. */
export interface CandidateAccount {
  readonly id: SalesforceId;
  readonly domain: string;
  readonly ownerId: SalesforceId | null;
}

/** What a hand-off matched in Salesforce before anything is written. */
export type HandoffMatch =
  | { readonly kind: 'linked' }
  | { readonly kind: 'person'; readonly person: CandidatePerson }
  | { readonly kind: 'account'; readonly account: CandidateAccount }
  | { readonly kind: 'none' };

/**
 * Where one hand-off lands: an existing record updated (its owner kept, and reported), or a record
 * upserted by the HubSpot id, given `ownerId` and, for a Contact on a matched Account, `accountId`.
 */
export type HandoffWrite =
  | {
      readonly kind: 'update';
      readonly object: SalesforceObject;
      readonly id: SalesforceId;
      readonly fields: FieldMap;
      readonly ownerId: SalesforceId | null;
    }
  | {
      readonly kind: 'upsert';
      readonly object: SalesforceObject;
      readonly fields: FieldMap;
      readonly ownerId: SalesforceId | null;
      readonly accountId: SalesforceId | null;
    };

/**
 * Mail domains anyone can sign up to: a contact at one of them tells us nothing about its company,
 * so it never matches an Account by domain.
 */
const FREE_MAIL: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'yandex.ru',
  'mail.ru',
  'qq.com',
  '163.com',
  'zoho.com',
  'fastmail.com',
  'hey.com',
  'orange.fr',
  'free.fr',
  'btinternet.com',
  'comcast.net',
]);

/** The domain to look an Account up by, lower-cased; null for none or a free-mail domain. */
export function matchableDomain(domain: string | null): string | null {
  return domain === null || FREE_MAIL.has(domain.toLowerCase()) ? null : domain.toLowerCase();
}

/**
 * Match before create: the record already linked; else a Contact, then an unconverted Lead, with the
 * same e-mail; else, when the protocol says so, the Account of the e-mail's domain; else nothing.
 */
export function matchHandoff(
  handoff: HandoffEffect,
  people: readonly CandidatePerson[],
  accounts: readonly CandidateAccount[],
): HandoffMatch {
  if (handoff.existing !== null) return { kind: 'linked' };
  const email = handoff.email.toLowerCase();
  const same = people.filter((p) => p.email.toLowerCase() === email && !(p.object === 'Lead' && p.isConverted));
  const person = same.find((p) => p.object === 'Contact') ?? same.find((p) => p.object === 'Lead');
  if (person !== undefined) return { kind: 'person', person };
  const domain = handoff.target === 'contact_when_account_matches' ? matchableDomain(handoff.emailDomain) : null;
  const account = domain === null ? undefined : accounts.find((a) => a.domain.toLowerCase() === domain);
  return account === undefined ? { kind: 'none' } : { kind: 'account', account };
}

/** Whether the write needs an owner from routing (a round-robin turn is only spent when it does). */
export function needsRouting(handoff: HandoffEffect, match: HandoffMatch): boolean {
  return (
    match.kind === 'none' ||
    (match.kind === 'account' && !(handoff.preferAccountOwner && match.account.ownerId !== null))
  );
}

function without(fields: FieldMap, names: readonly (string | null)[]): Record<string, FieldValue> {
  const copy = { ...fields };
  for (const name of names) if (name !== null) delete copy[name];
  return copy;
}

/**
 * The write for a matched hand-off. A record Sales already has keeps its owner and its Status (and
 * rejection code, Sales' answer like Status); a Contact on a matched Account, or a new Lead, is
 * upserted by the HubSpot id, so a retry can never make a second one.
 */
export function planHandoff(
  handoff: HandoffEffect,
  match: HandoffMatch,
  routedOwner: SalesforceId | null,
  protocol: Pick<Protocol, 'salesStatus' | 'writeBack'>,
): HandoffWrite {
  switch (match.kind) {
    case 'linked': {
      const existing = handoff.existing;
      if (existing === null) throw new TypeError('a linked match needs the linked record');
      const fields = existing.object === 'Lead' ? handoff.leadFields : handoff.contactFields;
      return { kind: 'update', object: existing.object, id: existing.id, fields: { ...fields }, ownerId: null };
    }
    case 'person': {
      const { person } = match;
      const fields = person.object === 'Lead' ? handoff.leadFields : handoff.contactFields;
      const status = person.object === 'Lead' ? protocol.salesStatus.leadField : protocol.salesStatus.contactField;
      // Sales' answer on the record stays: it may be the record a first attempt of this very hand-off
      // created, which Sales rejected before the attempt's outcome could be recorded.
      const { rejectionCode, rejectionNote, salesResponse } = protocol.writeBack.salesforce;
      const answer = [status, rejectionCode, rejectionNote, ...(person.object === 'Contact' ? [salesResponse] : [])];
      return {
        kind: 'update',
        object: person.object,
        id: person.id,
        fields: without(fields, answer),
        ownerId: person.ownerId,
      };
    }
    case 'account': {
      const { account } = match;
      const ownerId = handoff.preferAccountOwner && account.ownerId !== null ? account.ownerId : routedOwner;
      return {
        kind: 'upsert',
        object: 'Contact',
        fields: { ...handoff.contactFields },
        ownerId,
        accountId: account.id,
      };
    }
    case 'none':
      return {
        kind: 'upsert',
        object: 'Lead',
        fields: { ...handoff.leadFields },
        ownerId: routedOwner,
        accountId: null,
      };
  }
}
