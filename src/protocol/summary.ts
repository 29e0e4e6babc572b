import type { Touch } from './lead';
import type { RuleHit, ScoreResult } from './qualification';
import { isoDay } from './values';

export interface SummaryInput {
  readonly protocolVersion: string;
  /** When the lead became marketing-qualified, if it did. */
  readonly qualifiedAt: number | null;
  readonly fit: ScoreResult;
  readonly readiness: ScoreResult;
  readonly source: string | null;
  readonly campaign: string | null;
  readonly touches: readonly Touch[];
}

export interface SummaryOptions {
  readonly maxLength: number;
  readonly recentTouches: number;
}

function points(hit: RuleHit): string {
  return `${hit.points >= 0 ? '+' : ''}${hit.points} ${hit.reason}`;
}

function axis(label: string, result: ScoreResult, shown: number): string {
  const listed = result.hits.slice(0, shown).map(points);
  const more = result.hits.length - listed.length;
  if (more > 0) listed.push(`(+${more} more)`);
  const reasons = listed.length === 0 ? 'no rule matched' : listed.join('; ');
  return `${label} ${result.score} (needs ${result.threshold}, ${result.passed ? 'passed' : 'not passed'}): ${reasons}.`;
}

function render(input: SummaryInput, reasonsShown: number, touchesShown: number): string {
  const lines = [
    input.qualifiedAt === null
      ? `Scored under protocol ${input.protocolVersion}.`
      : `Marketing-qualified on ${isoDay(input.qualifiedAt)} under protocol ${input.protocolVersion}.`,
    axis('Fit', input.fit, reasonsShown),
    axis('Readiness', input.readiness, reasonsShown),
  ];
  const origin = [
    input.source === null ? null : `Source: ${input.source}.`,
    input.campaign === null ? null : `Campaign: ${input.campaign}.`,
  ];
  if (origin.some((part) => part !== null)) lines.push(origin.filter((part) => part !== null).join(' '));
  const touches = [...input.touches].sort((a, b) => b.at - a.at || a.kind.localeCompare(b.kind)).slice(0, touchesShown);
  if (touches.length > 0)
    lines.push(`Recent touches: ${touches.map((touch) => `${isoDay(touch.at)} ${touch.kind}`).join(', ')}.`);
  return lines.join('\n');
}

/**
 * The text of Qualification_Summary__c: why the lead qualified, where it came from, its latest
 * touches. Stable wording (the same lead always reads the same), never longer than maxLength:
 * touches go first, then reasons (counted as "+N more"), and only then is the text cut.
 */
export function summarize(input: SummaryInput, options: SummaryOptions): string {
  const mostReasons = Math.max(input.fit.hits.length, input.readiness.hits.length);
  for (let touches = options.recentTouches; touches >= 0; touches -= 1) {
    const text = render(input, mostReasons, touches);
    if (text.length <= options.maxLength) return text;
  }
  for (let reasons = mostReasons - 1; reasons >= 0; reasons -= 1) {
    const text = render(input, reasons, 0);
    if (text.length <= options.maxLength) return text;
  }
  return `${render(input, 0, 0).slice(0, options.maxLength - 1)}…`;
}
