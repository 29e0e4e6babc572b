import { escapeHtml as esc } from './format';
import { packModel, type Block, type PackModel } from './pack-model';
import { htmlDocument } from './render-scorecard';
import type { ScorecardData } from './scorecard-model';

export type PackFormat = 'html' | 'markdown';

type Table = Extract<Block, { kind: 'table' }>;

const NUMBER = /^[−+-]?[0-9][0-9,.]*(?: ?(?:%|h|min|d|pts))?$/;

/** A column is right-aligned when every cell of it is a number ("12", "50.0 %", "−3"). */
function numeric(table: Table): boolean[] {
  return table.head.map((_, i) => table.rows.every((row) => NUMBER.test(row[i] ?? '')));
}

/**
 * Text for the Markdown pack. Campaign names, owners and rejection codes come from the CRMs, and
 * Markdown viewers render HTML: `<img src=x onerror=…>` in a rejection code ran in one. Angle
 * brackets and ampersands become entities; backslash, backtick, brackets and the table's pipe are
 * backslash-escaped (no link, image or code span, no extra column); a line break becomes a space,
 * so nothing starts a block of its own. Emphasis characters stay: they cannot run anything.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`[\]|]/g, '\\$&');
}

/**
 * A link in the Markdown pack: the text escaped as any other, the address in angle brackets with
 * the characters that could end it (space, angle brackets, parentheses) percent-encoded.
 */
function markdownLink(text: string, url: string): string {
  const safe = url.replace(/[\s<>()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${markdownText(text)}](<${safe}>)`;
}

/** The monthly alignment pack: what improved, what got worse, the leads left behind. */
export function renderAlignmentPack(current: ScorecardData, previous: ScorecardData, format: PackFormat): string {
  const model = packModel(current, previous);
  switch (format) {
    case 'markdown':
      return markdown(model);
    case 'html':
      return html(model);
  }
}

function markdown(model: PackModel): string {
  const md = markdownText;
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'p':
        return md(b.text);
      case 'list':
        return b.items.map((item) => `- ${md(item)}`).join('\n');
      case 'chart':
        return md(b.alt);
      case 'table': {
        const row = (cells: readonly string[], link: string | null = null) =>
          `| ${cells.map((cell, i) => (i === 0 && link !== null ? markdownLink(cell, link) : md(cell))).join(' | ')} |`;
        return [
          row(b.head),
          `|${numeric(b)
            .map((right) => (right ? ' ---: ' : ' --- '))
            .join('|')}|`,
          ...b.rows.map((cells, i) => row(cells, b.links?.[i] ?? null)),
        ].join('\n');
      }
    }
  };
  const sections = model.sections.map((s) =>
    [`## ${md(s.title)}`, ...s.blocks.map(block).filter((text) => text !== '')].join('\n\n'),
  );
  return `# ${md(model.title)}\n\n_${md(model.subtitle)}_\n\n${sections.join('\n\n')}\n`;
}

function html(model: PackModel): string {
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'p':
        return `<p>${esc(b.text)}</p>`;
      case 'list':
        return `<ul>${b.items.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>`;
      case 'chart':
        return b.svg;
      case 'table': {
        const align = numeric(b).map((right) => (right ? '' : ' class="text"'));
        return (
          `<table><thead><tr>${b.head.map((h, i) => `<th${align[i] ?? ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
          b.rows
            .map((r, row) => {
              const link = b.links?.[row] ?? null;
              const cell = (c: string, i: number) =>
                i === 0 && link !== null
                  ? `<a href="${esc(link)}" target="_blank" rel="noopener noreferrer">${esc(c)}</a>`
                  : esc(c);
              return `<tr>${r.map((c, i) => `<td${align[i] ?? ''}>${cell(c, i)}</td>`).join('')}</tr>`;
            })
            .join('') +
          '</tbody></table>'
        );
      }
    }
  };
  const sections = model.sections.map(
    (s) => `<section class="card wide"><h2>${esc(s.title)}</h2>${s.blocks.map(block).join('')}</section>`,
  );
  const header = `<header class="top"><div><h1>${esc(model.title)}</h1><p class="period">${esc(model.subtitle)}</p></div></header>`;
  return htmlDocument(model.title, `${header}<main class="pack">${sections.join('')}</main>`);
}
