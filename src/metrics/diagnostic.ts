import type { Statement } from './diagnostic-bank';

export const BANDS = ['undefined', 'defined', 'aligned', 'integrated'] as const;
export type Band = (typeof BANDS)[number];

/** The four relationship types on the diagnostic's 20–100 scale (20–39, 40–59, 60–79, 80–100). */
export const BAND_RANGES: readonly { readonly band: Band; readonly from: number; readonly to: number }[] = [
  { band: 'undefined', from: 20, to: 39 },
  { band: 'defined', from: 40, to: 59 },
  { band: 'aligned', from: 60, to: 79 },
  { band: 'integrated', from: 80, to: 100 },
];

/** A mean score can fall between two whole numbers (59.5): the band starts at its lower bound. */
export function bandOf(score: number): Band {
  if (score < 40) return 'undefined';
  if (score < 60) return 'defined';
  if (score < 80) return 'aligned';
  return 'integrated';
}

export const FUNCTIONS = ['marketing', 'sales'] as const;
export type BusinessFunction = (typeof FUNCTIONS)[number];
export const LEVELS = ['head', 'staff'] as const;
export type Level = (typeof LEVELS)[number];

export interface DiagnosticResponse {
  readonly respondent: string;
  readonly function: BusinessFunction;
  readonly level: Level;
  /** Statement id → 1..5. */
  readonly answers: Readonly<Record<string, number>>;
  readonly submittedAt: number;
}

export interface StatementResult {
  readonly id: string;
  readonly theme: string;
  readonly text: string;
  /** Mean answer (1–5) of each function; null when nobody of that function answered it. */
  readonly marketing: number | null;
  readonly sales: number | null;
  /** sales − marketing. */
  readonly gap: number | null;
}

export interface DiagnosticSummary {
  readonly respondents: Readonly<Record<BusinessFunction, number>>;
  /** Mean respondent score of each function, on the 20–100 scale. */
  readonly marketing: number | null;
  readonly sales: number | null;
  /** Perception gap: mean(sales) − mean(marketing); positive when Sales sees more alignment. */
  readonly gap: number | null;
  /** The mean of the two functions (each function weighs the same, however many answered). */
  readonly overall: number | null;
  readonly band: Band | null;
  readonly statements: readonly StatementResult[];
}

/**
 * One respondent's score on the 20–100 scale: the sum of the answers rescaled to 20 statements,
 * so an edited bank of another size still lands on the same bands.
 */
export function responseScore(answers: Readonly<Record<string, number>>): number | null {
  const values = Object.values(answers);
  if (values.length === 0) return null;
  return (values.reduce((sum, v) => sum + v, 0) * 20) / values.length;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
const difference = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

/** Each respondent counts once, with the latest answers they gave (the name is compared case-blind). */
function latestPerRespondent(responses: readonly DiagnosticResponse[]): DiagnosticResponse[] {
  const latest = new Map<string, DiagnosticResponse>();
  for (const response of responses) {
    const who = `${response.function}:${response.respondent.trim().toLowerCase()}`;
    const seen = latest.get(who);
    if (seen === undefined || response.submittedAt >= seen.submittedAt) latest.set(who, response);
  }
  return [...latest.values()];
}

export function summariseDiagnostic(
  responses: readonly DiagnosticResponse[],
  bank: readonly Statement[],
): DiagnosticSummary {
  const counted = latestPerRespondent(responses);
  const of = (fn: BusinessFunction) => counted.filter((r) => r.function === fn);
  const score = (fn: BusinessFunction) => mean(of(fn).flatMap((r) => responseScore(r.answers) ?? []));
  const marketing = score('marketing');
  const sales = score('sales');
  const overall = mean([marketing, sales].filter((v): v is number => v !== null));
  const statements = bank.map((statement): StatementResult => {
    const answer = (fn: BusinessFunction) => mean(of(fn).flatMap((r) => r.answers[statement.id] ?? []));
    const m = answer('marketing');
    const s = answer('sales');
    return { ...statement, marketing: m, sales: s, gap: difference(s, m) };
  });
  return {
    respondents: { marketing: of('marketing').length, sales: of('sales').length },
    marketing,
    sales,
    gap: difference(sales, marketing),
    overall,
    band: overall === null ? null : bandOf(overall),
    statements,
  };
}
