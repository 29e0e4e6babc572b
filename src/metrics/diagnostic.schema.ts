import { z } from 'zod';
import { FUNCTIONS, LEVELS } from './diagnostic';

const statementId = z.string().regex(/^[a-z][a-z0-9-]{1,47}$/, 'a lower-case slug (letters, digits, dashes)');

/** PUT /diagnostic/statements: the whole bank, in the order it is shown. */
export const statementBankSchema = z.strictObject({
  statements: z
    .array(
      z.strictObject({
        id: statementId,
        theme: z.string().trim().min(1).max(60),
        text: z.string().trim().min(10).max(300),
      }),
    )
    .min(5)
    .max(40)
    .superRefine((statements, ctx) => {
      const seen = new Set<string>();
      for (const [index, statement] of statements.entries()) {
        if (seen.has(statement.id))
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${statement.id}" appears twice` });
        seen.add(statement.id);
      }
    }),
});

/** POST /diagnostic/responses: one questionnaire; every statement of the current bank must be answered. */
export const responseSchema = z.strictObject({
  respondent: z.string().trim().min(1).max(120),
  function: z.enum(FUNCTIONS),
  level: z.enum(LEVELS),
  answers: z.record(statementId, z.number().int().min(1).max(5)),
});
export type ResponseInput = z.infer<typeof responseSchema>;

/** The form on the scorecard page posts `answer.<statement id>` fields as text. */
export const formResponseSchema = z
  .looseObject({ respondent: z.string(), function: z.string(), level: z.string() })
  .transform((form) => ({
    respondent: form.respondent,
    function: form.function,
    level: form.level,
    answers: Object.fromEntries(
      Object.entries(form)
        .filter(([name]) => name.startsWith('answer.'))
        .map(([name, value]) => [
          name.slice('answer.'.length),
          typeof value === 'string' && /^[1-5]$/.test(value) ? Number(value) : value,
        ]),
    ),
  }))
  .pipe(responseSchema);

/** Every problem of a zod error on one line, each with its path: for 4xx bodies and the form page. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length === 0 ? 'body' : issue.path.join('.')}: ${issue.message}`)
    .join('; ');
}
