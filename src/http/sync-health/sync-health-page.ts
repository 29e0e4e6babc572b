import type { CrmUsage, ErrorGroup, LagFigures, SyncHealthData } from '../../app/sync-health/sync-health-data';
import { escapeHtml as esc } from '../../metrics/format';
import { htmlDocument } from '../../metrics/render-scorecard';
import type { LeadRecord, StoredAuditEntry } from '../../store';
import type { OpenDeadLetter, WaitingWrite, WorkLead } from '../../store/sync-health-repository';

/** Where each CRM's records open in a browser; unknown parts give no link. */
export interface RecordLinks {
  /** The org's My Domain or instance URL (https://acme.my.salesforce.com). */
  readonly salesforceUrl?: string;
  readonly hubspotPortalId?: string;
}

const CRM_NAMES = { salesforce: 'Salesforce', hubspot: 'HubSpot' } as const;
const DIRECTIONS = {
  hubspot_to_salesforce: 'HubSpot change → Salesforce write',
  salesforce_to_hubspot: 'Salesforce change → HubSpot write',
} as const;

const STYLE = `<style>
.bars rect { fill: #5a86c9; } .bars rect.failed { fill: var(--poor); } .alloc { font-size: 15px; margin: 4px 0 10px; }
.meter { height: 10px; background: var(--line); border-radius: 5px; overflow: hidden; max-width: 420px; }
.meter span { display: block; height: 100%; background: var(--good); } .meter span.high { background: var(--poor); }
.group { border-top: 1px solid var(--line); padding-top: 10px; margin-top: 10px; }
.group h3 { margin: 0 0 4px; font-size: 16px; } .code { font-family: ui-monospace, monospace; }
form.inline { display: inline; } form.inline button { margin: 0; padding: 4px 10px; font-size: 13px; }
form.search input { font: inherit; padding: 6px 8px; border: 1px solid #c9d0dc; border-radius: 6px; min-width: 320px; }
</style>`;

export function page(title: string, subtitle: string, main: string, base: string): string {
  const header =
    `<header class="top"><div><h1>${esc(title)}</h1><p class="period">${esc(subtitle)}</p></div>` +
    `<div class="stamp"><p class="links"><a href="${esc(base)}/sync-health">Sync health</a> · <a href="${esc(base)}/scorecard">Scorecard</a> · <a href="${esc(base)}/admin/queues">Queues</a></p></div></header>`;
  return htmlDocument(title, `${STYLE}${header}<main>${main}</main>`);
}

const card = (id: string, title: string, lede: string, content: string) =>
  `<section class="card" id="${id}"><h2>${esc(title)}</h2><p class="lede">${esc(lede)}</p>${content}</section>`;

const count = (n: number) => n.toLocaleString('en-US');

export function seconds(value: number | null): string {
  if (value === null) return '–';
  if (value < 60) return `${value.toFixed(value < 10 ? 1 : 0)} s`;
  if (value < 3_600) return `${(value / 60).toFixed(1)} min`;
  return `${(value / 3_600).toFixed(1)} h`;
}

function usageCard(usage: CrmUsage): string {
  const name = CRM_NAMES[usage.crm];
  const max = Math.max(1, ...usage.hours.map((h) => h.calls));
  const bars = usage.hours
    .map((hour, i) => {
      const height = Math.round((hour.calls / max) * 80);
      const failed = Math.round((hour.failed / max) * 80);
      const x = i * 20;
      const label = `${new Date(hour.start).toISOString().slice(11, 16)} UTC: ${count(hour.calls)} calls, ${count(hour.failed)} failed`;
      return (
        `<g class="mark" data-calls="${hour.calls}" data-failed="${hour.failed}" aria-label="${esc(label)}"><title>${esc(label)}</title>` +
        `<rect x="${x}" y="${90 - height}" width="16" height="${height}"></rect>` +
        `<rect class="failed" x="${x}" y="${90 - failed}" width="16" height="${failed}"></rect></g>`
      );
    })
    .join('');
  const share = usage.dailyUsed !== null && usage.dailyLimit ? usage.dailyUsed / usage.dailyLimit : null;
  const allocation =
    usage.dailyUsed === null || usage.dailyLimit === null
      ? `<p class="alloc muted">${name} has not reported its daily allocation yet.</p>`
      : `<p class="alloc"><span class="big" data-figure="daily-used">${count(usage.dailyUsed)}</span> of <span data-figure="daily-limit">${count(usage.dailyLimit)}</span> calls used today (${((share ?? 0) * 100).toFixed(1)} %)</p>` +
        `<div class="meter"><span class="${(share ?? 0) > 0.8 ? 'high' : ''}" style="width:${Math.min(100, (share ?? 0) * 100).toFixed(1)}%"></span></div>`;
  const window =
    usage.windowRemaining === null || usage.windowLimit === null
      ? ''
      : `<p class="muted">Rolling window: ${count(usage.windowRemaining)} of ${count(usage.windowLimit)} calls left at the last call.</p>`;
  return card(
    `usage-${usage.crm}`,
    `${name} API use`,
    `Calls leadpact made per hour over the last 24 hours (failed ones in red), against the allocation ${name} last reported.`,
    `${allocation}${window}<p><span data-figure="calls">${count(usage.calls)}</span> calls in 24 hours, <span data-figure="failed">${count(usage.failed)}</span> failed.</p>` +
      `<svg class="chart bars" viewBox="0 0 480 96" role="img" aria-label="${esc(name)} calls per hour">${bars}</svg>`,
  );
}

function lagCard(lag: readonly LagFigures[]): string {
  const rows = lag
    .map(
      (l) =>
        `<tr data-direction="${l.direction}"><td>${esc(DIRECTIONS[l.direction])}</td><td data-figure="writes">${count(l.writes)}</td>` +
        `<td data-figure="p50">${seconds(l.p50Seconds)}</td><td data-figure="p99">${seconds(l.p99Seconds)}</td></tr>`,
    )
    .join('');
  return card(
    'lag',
    'Sync lag',
    "From a change in one CRM (the change's own timestamp) to leadpact's write in the other, over the last 24 hours.",
    `<table><thead><tr><th>Direction</th><th>Writes</th><th>p50</th><th>p99</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

type LinkedLead = Pick<WorkLead, 'hubspotContactId' | 'salesforceId' | 'salesforceObject'>;

export function recordLinks(lead: LinkedLead, links: RecordLinks): string {
  const out: string[] = [];
  if (lead.hubspotContactId !== null && links.hubspotPortalId !== undefined)
    out.push(
      `<a href="https://app.hubspot.com/contacts/${esc(links.hubspotPortalId)}/record/0-1/${esc(lead.hubspotContactId)}">HubSpot contact</a>`,
    );
  if (lead.salesforceId !== null && links.salesforceUrl !== undefined)
    out.push(
      `<a href="${esc(links.salesforceUrl)}/lightning/r/${esc(lead.salesforceObject ?? 'Lead')}/${esc(lead.salesforceId)}/view">Salesforce ${esc(lead.salesforceObject ?? 'record')}</a>`,
    );
  return out.join(' · ');
}

function leadName(lead: WorkLead, base: string): string {
  if (lead.leadId === null) return '<span class="muted">no lead</span>';
  const name = lead.email ?? lead.hubspotContactId ?? lead.salesforceId ?? lead.leadId;
  return `<a class="lead" href="${esc(base)}/sync-health/leads/${esc(lead.leadId)}">${esc(name)}</a>`;
}

function replayButton(base: string, field: 'id' | 'code', value: string, label: string): string {
  return (
    `<form class="inline" method="post" action="${esc(base)}/sync-health/replay">` +
    `<input type="hidden" name="${field}" value="${esc(value)}"><button type="submit">${esc(label)}</button></form>`
  );
}

function letterRow(letter: OpenDeadLetter, base: string, links: RecordLinks): string {
  return (
    `<tr data-dead-letter="${esc(letter.id)}"><td class="text">${leadName(letter, base)}</td><td class="text">${recordLinks(letter, links)}</td>` +
    `<td class="text">${esc(letter.crm ?? '')} ${esc(letter.kind)}</td><td class="text">${esc(letter.error.slice(0, 200))}</td>` +
    `<td>${esc(new Date(letter.failedAt).toISOString().slice(0, 16).replace('T', ' '))}</td>` +
    `<td>${replayButton(base, 'id', letter.id, 'Replay')}</td></tr>`
  );
}

function groupSection(group: ErrorGroup, base: string, links: RecordLinks): string {
  const shown = group.letters.slice(0, 50);
  const more = group.count - shown.length;
  return (
    `<div class="group" data-code="${esc(group.code)}"><h3><span class="code">${esc(group.code)}</span> · <span data-figure="count">${count(group.count)}</span> open</h3>` +
    `<p class="hint">${esc(group.hint)}</p><p>${replayButton(base, 'code', group.code, `Replay all ${group.count}`)}</p>` +
    `<table><thead><tr><th>Lead</th><th class="text">Records</th><th class="text">Write</th><th class="text">Reason</th><th>Failed (UTC)</th><th></th></tr></thead>` +
    `<tbody>${shown.map((letter) => letterRow(letter, base, links)).join('')}</tbody></table>` +
    (more > 0 ? `<p class="muted">and ${count(more)} more; replaying the group replays them all.</p>` : '') +
    `</div>`
  );
}

function waitingCard(waiting: readonly WaitingWrite[], base: string, links: RecordLinks): string {
  const rows = waiting
    .map(
      (w) =>
        `<tr><td class="text">${leadName(w, base)}</td><td class="text">${recordLinks(w, links)}</td><td class="text">${esc(CRM_NAMES[w.crm])} ${esc(w.kind)}</td>` +
        `<td>${seconds(w.waitingSeconds)}</td><td>${w.attempts}</td><td class="text">${esc(w.lastErrorCode ?? '')}</td></tr>`,
    )
    .join('');
  return card(
    'waiting',
    'Waiting longest',
    'The writes in the outbox that have waited longest, with the last failure when they were tried.',
    waiting.length === 0
      ? '<p class="empty">Nothing is waiting: every write has been sent.</p>'
      : `<table><thead><tr><th>Lead</th><th class="text">Records</th><th class="text">Write</th><th>Waiting</th><th>Attempts</th><th class="text">Last failure</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

function searchForm(base: string, value = ''): string {
  return (
    `<form class="search" method="get" action="${esc(base)}/sync-health/leads"><label>E-mail, HubSpot or Salesforce id<br>` +
    `<input type="search" name="q" value="${esc(value)}" required></label> <button type="submit">Find the lead</button></form>`
  );
}

export function renderSyncHealth(data: SyncHealthData, base: string, links: RecordLinks, notice?: string): string {
  const errors =
    data.groups.length === 0
      ? '<p class="empty">No dead letters: nothing has failed for good.</p>'
      : data.groups.map((group) => groupSection(group, base, links)).join('');
  const main =
    (notice === undefined ? '' : `<p class="notice" role="status">${esc(notice)}</p>`) +
    `<div class="grid">${data.usage.map(usageCard).join('')}</div>` +
    lagCard(data.lag) +
    card(
      'errors',
      'Errors by kind',
      `${count(data.openDeadLetters)} dead letters: work that failed for good, grouped by code, with what the code means and what to do. Fix the cause, then replay.`,
      errors,
    ) +
    waitingCard(data.waiting, base, links) +
    card(
      'find',
      'Find a lead',
      'Open the "why" of one lead: every decision leadpact recorded about it.',
      searchForm(base),
    );
  const stamp = `Computed ${new Date(data.generatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return page('Sync health', stamp, main, base);
}

/** The confirmation step of a replay: what will be sent again, and the button that does it. */
export function renderReplayConfirmation(letters: readonly OpenDeadLetter[], what: string, base: string): string {
  const ids = letters.map((letter) => `<input type="hidden" name="ids" value="${esc(letter.id)}">`).join('');
  const main = card(
    'confirm',
    `Replay ${what}?`,
    `${count(letters.length)} dead letters go back to be sent again: a CRM write to the outbox, a job to its queue. Replay only once the cause is fixed, or they fail again.`,
    letters.length === 0
      ? `<p class="empty">Nothing is open there any more.</p><p><a href="${esc(base)}/sync-health">Back to sync health</a></p>`
      : `<ul>${letters
          .slice(0, 20)
          .map((l) => `<li>${esc(l.email ?? l.leadId ?? l.id)}: ${esc(l.code)}</li>`)
          .join('')}</ul>` +
          `<form method="post" action="${esc(base)}/sync-health/replay">${ids}<input type="hidden" name="confirm" value="yes">` +
          `<button type="submit" id="confirm-replay">Replay ${count(letters.length)}</button></form><p><a href="${esc(base)}/sync-health">Cancel</a></p>`,
  );
  return page('Replay dead letters', 'Confirm', main, base);
}

export function renderSearch(query: string, leads: readonly LeadRecord[], base: string, links: RecordLinks): string {
  const rows = leads
    .map(
      (lead) =>
        `<tr><td class="text"><a class="lead" href="${esc(base)}/sync-health/leads/${esc(lead.id)}">${esc(lead.email ?? lead.id)}</a></td>` +
        `<td class="text">${esc(lead.stage)}</td><td class="text">${recordLinks(lead, links)}</td></tr>`,
    )
    .join('');
  const results =
    leads.length === 0
      ? `<p class="empty">No lead is known by "${esc(query)}". Try the e-mail address, or the id from the CRM's address bar.</p>`
      : `<table><thead><tr><th>Lead</th><th class="text">Stage</th><th class="text">Records</th></tr></thead><tbody>${rows}</tbody></table>`;
  return page(
    'Find a lead',
    query,
    card('results', 'Leads', 'Open one to see its why.', searchForm(base, query) + results),
    base,
  );
}

export function renderTimeline(
  lead: LeadRecord,
  timeline: readonly StoredAuditEntry[],
  base: string,
  links: RecordLinks,
): string {
  const rows = timeline
    .map((entry) => {
      const detail = (entry.detail as { text?: unknown }).text;
      return (
        `<tr><td class="text">${esc(new Date(entry.at).toISOString().slice(0, 16).replace('T', ' '))}</td><td class="text">${esc(entry.kind)}</td>` +
        `<td class="text">${esc(entry.fromStage ?? '')} → ${esc(entry.toStage ?? '')}</td><td class="text">${esc(typeof detail === 'string' ? detail : '')}</td>` +
        `<td class="text">${esc(typeof entry.cause.eventType === 'string' ? entry.cause.eventType : '')}</td></tr>`
      );
    })
    .join('');
  const main = card(
    'why',
    `Why ${lead.email ?? lead.id} is ${lead.stage}`,
    'Every decision leadpact recorded about this lead, oldest first (UTC).',
    `<p>${recordLinks(lead, links)}</p>` +
      (timeline.length === 0
        ? '<p class="empty">Nothing recorded yet.</p>'
        : `<table><thead><tr><th>When</th><th class="text">What</th><th class="text">Stage</th><th class="text">Why</th><th class="text">Caused by</th></tr></thead><tbody>${rows}</tbody></table>`),
  );
  return page('Lead timeline', lead.email ?? lead.id, main, base);
}
