import type { Db, Queryable } from '../db';
import { toInstant } from '../instant';
import { err, ok, type Result } from '../../shared/result';
import { DEFAULT_STATEMENTS, type Statement } from '../../metrics/diagnostic-bank';
import { FUNCTIONS, LEVELS, type DiagnosticResponse } from '../../metrics/diagnostic';
import type { ResponseInput } from '../../metrics/diagnostic.schema';

/** The bank in effect: the edited one when RevOps stored one, else the defaults. */
export async function loadStatements(db: Queryable): Promise<{ statements: readonly Statement[]; edited: boolean }> {
  const result = await db.query<{ id: string; theme: string; text: string }>(
    'SELECT id, theme, text FROM diagnostic_statements ORDER BY position',
  );
  return result.rows.length === 0
    ? { statements: DEFAULT_STATEMENTS, edited: false }
    : { statements: result.rows, edited: true };
}

/** Replaces the whole bank in one transaction; answers already given keep their statement ids. */
export async function saveStatements(db: Db, statements: readonly Statement[], now: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM diagnostic_statements');
    const params: unknown[] = [new Date(now).toISOString()];
    const tuples = statements.map((s, index) => {
      params.push(s.id, index + 1, s.theme, s.text);
      const n = params.length;
      return `($${n - 3}, $${n - 2}, $${n - 1}, $${n}, $1)`;
    });
    await tx.query(
      `INSERT INTO diagnostic_statements (id, position, theme, text, updated_at) VALUES ${tuples.join(', ')}`,
      params,
    );
  });
}

export type ResponseProblem =
  | { readonly kind: 'unanswered'; readonly ids: readonly string[] }
  | { readonly kind: 'unknown_statement'; readonly ids: readonly string[] };

/** Records a questionnaire when it answers exactly the statements of the bank in effect. */
export async function recordResponse(
  db: Queryable,
  input: ResponseInput,
  now: number,
): Promise<Result<{ id: number }, ResponseProblem>> {
  const { statements } = await loadStatements(db);
  const known = new Set(statements.map((s) => s.id));
  const unknown = Object.keys(input.answers).filter((id) => !known.has(id));
  if (unknown.length > 0) return err({ kind: 'unknown_statement', ids: unknown });
  const unanswered = statements.map((s) => s.id).filter((id) => input.answers[id] === undefined);
  if (unanswered.length > 0) return err({ kind: 'unanswered', ids: unanswered });
  const saved = await db.query<{ id: string }>(
    'INSERT INTO diagnostic_responses (respondent, function, level, answers, submitted_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [input.respondent, input.function, input.level, JSON.stringify(input.answers), new Date(now).toISOString()],
  );
  return ok({ id: Number(saved.rows[0]?.id) });
}

interface ResponseRow {
  [column: string]: unknown;
  respondent: string;
  function: string;
  level: string;
  answers: unknown;
  submitted_at: unknown;
}

const isOneOf = <T extends string>(options: readonly T[], value: string): value is T =>
  (options as readonly string[]).includes(value);

/** Responses submitted from `from` up to and including `to`, oldest first. */
export async function loadResponses(db: Queryable, from: number, to: number): Promise<DiagnosticResponse[]> {
  const result = await db.query<ResponseRow>(
    `SELECT respondent, function, level, answers, submitted_at FROM diagnostic_responses
     WHERE submitted_at >= $1 AND submitted_at <= $2 ORDER BY submitted_at, id`,
    [new Date(from).toISOString(), new Date(to).toISOString()],
  );
  return result.rows.flatMap((row): DiagnosticResponse[] => {
    const answers = typeof row.answers === 'string' ? (JSON.parse(row.answers) as unknown) : row.answers;
    if (
      !isOneOf(FUNCTIONS, row.function) ||
      !isOneOf(LEVELS, row.level) ||
      typeof answers !== 'object' ||
      answers === null
    )
      return [];
    const scores = Object.fromEntries(
      Object.entries(answers).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
    );
    return [
      {
        respondent: row.respondent,
        function: row.function,
        level: row.level,
        answers: scores,
        submittedAt: toInstant(row.submitted_at) ?? 0,
      },
    ];
  });
}
