import type { AccountMatch, PersonMatch } from '../../../connectors/salesforce/salesforce-port';
import type { FieldValue } from '../../shared/crm-port';
import type { SalesforceId } from '../../shared/ids';
import type { HandoffEffect } from '../../protocol';

/** Where one hand-off lands: an existing record updated, or a record upserted by the HubSpot id. */
export type HandoffWrite =
  | {
      readonly kind: 'update';
      readonly object: 'Lead' | 'Contact';
      readonly id: SalesforceId;
      readonly fields: Record<string, FieldValue>;
      readonly ownerId: SalesforceId | null;
    }
  | {
      readonly kind: 'upsert';
      readonly object: 'Lead' | 'Contact';
      readonly fields: Record<string, FieldValue>;
      readonly ownerId: SalesforceId | null;
    };

export interface PlanContext {
  /** The Status field of each object: not written over a record Sales already works. */
  readonly statusFields: { readonly Lead: string; readonly Contact: string | null };
  /** The rejection code field: Sales' answer like Status, so not written over such a record either. */
  readonly rejectionCodeField?: string;
}

/**
 * Mail domains anyone can sign up to: a contact at one of them tells us nothing about its company,
 * so it never matches an Account by domain.
 */
const FREE_MAIL = new Set([
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

export function matchableDomain(domain: string | null): string | null {
  return domain === null || FREE_MAIL.has(domain.toLowerCase()) ? null : domain.toLowerCase();
}

function without(
  fields: Readonly<Record<string, FieldValue>>,
  names: readonly (string | null | undefined)[],
): Record<string, FieldValue> {
  const copy = { ...fields };
  for (const name of names) if (typeof name === 'string') delete copy[name];
  return copy;
}

/** What a hand-off matched in Salesforce before anything is written. */
export type HandoffMatch =
  | { readonly kind: 'linked' }
  | { readonly kind: 'person'; readonly person: PersonMatch }
  | { readonly kind: 'account'; readonly account: AccountMatch }
  | { readonly kind: 'none' };

/**
 * Match before create: the record already linked; else a Contact, then an unconverted Lead, with the
 * same e-mail; else, when the protocol says so, the Account of the e-mail's domain; else nothing.
 */
export function matchHandoff(
  handoff: HandoffEffect,
  people: readonly PersonMatch[],
  accounts: readonly AccountMatch[],
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

/**
 * The write for a matched hand-off. A record Sales already has keeps its owner and its Status;
 * a Contact on a matched Account, or a new Lead, is upserted by the HubSpot id, so a retry can
 * never make a second one.
 */
export function planHandoff(
  handoff: HandoffEffect,
  match: HandoffMatch,
  routedOwner: SalesforceId | null,
  ctx: PlanContext,
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
      // Sales' answer on the record stays: it may be the record a first attempt of this very hand-off
      // created, which Sales rejected before the attempt's outcome could be recorded.
      const answer = [ctx.statusFields[person.object], ctx.rejectionCodeField];
      return {
        kind: 'update',
        object: person.object,
        id: person.id,
        fields: without(fields, answer),
        ownerId: person.ownerId,
      };
    }
    case 'account': {
      const ownerId =
        handoff.preferAccountOwner && match.account.ownerId !== null ? match.account.ownerId : routedOwner;
      return {
        kind: 'upsert',
        object: 'Contact',
        fields: withOwner({ ...handoff.contactFields, AccountId: match.account.id }, ownerId),
        ownerId,
      };
    }
    case 'none':
      return {
        kind: 'upsert',
        object: 'Lead',
        fields: withOwner({ ...handoff.leadFields }, routedOwner),
        ownerId: routedOwner,
      };
  }
}

function withOwner(fields: Record<string, FieldValue>, ownerId: SalesforceId | null): Record<string, FieldValue> {
  if (ownerId !== null) fields.OwnerId = ownerId;
  return fields;
}
