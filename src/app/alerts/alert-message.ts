import { contactProperties } from '../../protocol/field-sync';
import type { Lead } from '../../protocol';
import type { SlaAlertEffect } from '../../protocol/effects';
import type { ClockName } from '../../protocol/timers';
import { localTime } from '../../protocol/values';
import type { AlertMessage } from './transports/alert-port';

/** What the lead is to a person: name, company, e-mail, as HubSpot and Salesforce agree on them. */
export function leadLabel(lead: Lead | null): { readonly name: string; readonly details: string } {
  const props = lead === null ? {} : contactProperties(lead);
  const text = (key: string) => {
    const value = props[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  const person = [text('firstname'), text('lastname')].filter((part) => part !== null).join(' ');
  const email = text('email');
  const company = text('company');
  const name = person !== '' ? person : (email ?? 'a lead');
  return { name, details: [person !== '' ? person : null, company, email].filter((part) => part !== null).join(', ') };
}

/** The record as Salesforce Lightning opens it: instance URL + /lightning/r/<object>/<id>/view. */
export function recordUrl(instanceUrl: string | null, lead: Lead | null): string | null {
  if (instanceUrl === null || lead?.salesforce == null) return null;
  return `${instanceUrl.replace(/\/+$/, '')}/lightning/r/${lead.salesforce.object}/${lead.salesforce.id}/view`;
}

const OBLIGATION: Record<ClockName, { readonly done: string; readonly todo: string }> = {
  accept: { done: 'accepted', todo: 'accept or reject it in Salesforce (with a rejection code)' },
  first_touch: { done: 'touched', todo: 'log a call, e-mail or meeting on it in Salesforce' },
};

const ESCALATED: Record<NonNullable<SlaAlertEffect['action']>, string> = {
  notify_manager: "The owner's manager has a Salesforce Task to follow up.",
  reassign: 'The lead goes to another rep, with a full window of their own.',
  return_to_marketing: 'The lead goes back to Marketing for nurturing; Sales no longer owns it.',
};

function headline(alert: SlaAlertEffect, name: string, due: string): { title: string; todo: string } {
  const { done, todo } = OBLIGATION[alert.clock];
  switch (alert.kind) {
    case 'warning':
      return {
        title: `SLA at risk: ${name} must be ${done} by ${due}`,
        todo: `What to do: open the lead and ${todo} before then.`,
      };
    case 'breach':
      return {
        title: `SLA breached: ${name} was not ${done} in time`,
        todo: `What to do: ${todo} now; the protocol escalates further while nothing happens.`,
      };
    case 'escalation':
      return {
        title: `SLA escalated: ${name} still not ${done}`,
        todo: alert.action === undefined ? `What to do: ${todo} now.` : ESCALATED[alert.action],
      };
    default: {
      const never: never = alert.kind;
      throw new Error(`unknown alert kind ${String(never)}`);
    }
  }
}

export interface MessageContext {
  readonly lead: Lead | null;
  readonly instanceUrl: string | null;
  readonly ownerName: string | null;
  readonly now: number;
  readonly channel: string;
}

/** The alert in plain words: the lead by name, the due time in the territory's zone, the record's link. */
export function alertMessage(alert: SlaAlertEffect, context: MessageContext): AlertMessage {
  const label = leadLabel(context.lead);
  const due = localTime(alert.dueAt, alert.timeZone, context.now);
  const { title, todo } = headline(alert, label.name, due);
  const url = recordUrl(context.instanceUrl, context.lead);
  const lines = [
    `Lead: ${label.details === '' ? label.name : label.details}`,
    `Due: ${due}${alert.territory === null ? '' : `, territory ${alert.territory}`}`,
    ...(context.ownerName === null ? [] : [`Owner: ${context.ownerName}`]),
    todo,
    ...(url === null ? ['The lead has no Salesforce record yet.'] : []),
  ];
  return {
    title,
    lines,
    link: url === null ? null : { label: 'Open in Salesforce', url },
    idempotencyKey: `${alert.alertKey}:${context.channel}`,
  };
}
