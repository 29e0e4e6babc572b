import { DEFAULT_STATEMENTS } from '../../../src/metrics/diagnostic-bank';
import { bandOf, responseScore, summariseDiagnostic, type DiagnosticResponse } from '../../../src/metrics/diagnostic';
import { formResponseSchema, responseSchema, statementBankSchema } from '../../../src/metrics/diagnostic.schema';

const ids = DEFAULT_STATEMENTS.map((s) => s.id);
const all = (score: number) => Object.fromEntries(ids.map((id) => [id, score]));

function response(
  respondent: string,
  fn: 'marketing' | 'sales',
  answers: Record<string, number>,
  submittedAt = 1,
): DiagnosticResponse {
  return { respondent, function: fn, level: 'staff', answers, submittedAt };
}

describe('the relationship diagnostic', () => {
  it('ships 20 statements of its own, each with a distinct id, that its own schema accepts', () => {
    expect(DEFAULT_STATEMENTS).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(statementBankSchema.safeParse({ statements: DEFAULT_STATEMENTS }).success).toBe(true);
  });

  it('places scores on the four bands at 20-39, 40-59, 60-79 and 80-100', () => {
    expect([20, 39, 39.9, 40, 59, 60, 79, 80, 100].map(bandOf)).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'defined',
      'defined',
      'aligned',
      'aligned',
      'integrated',
      'integrated',
    ]);
  });

  it('scores a respondent as the sum of 20 answers, and rescales a bank of another size onto 20-100', () => {
    expect(responseScore(all(1))).toBe(20);
    expect(responseScore(all(5))).toBe(100);
    expect(responseScore({ ...all(3), [ids[0]!]: 5 })).toBe(62);
    expect(responseScore({ a: 5, b: 5, c: 1, d: 1, e: 3 })).toBe(60);
    expect(responseScore({})).toBeNull();
  });

  it('gives each function its mean, the perception gap (sales − marketing) and the band of their mean', () => {
    // Marketing: 40 and 60 → 50. Sales: 80. Gap +30. Overall (50 + 80) / 2 = 65 → aligned.
    const summary = summariseDiagnostic(
      [response('Mara', 'marketing', all(2)), response('Mo', 'marketing', all(3)), response('Sam', 'sales', all(4))],
      DEFAULT_STATEMENTS,
    );
    expect(summary).toMatchObject({
      respondents: { marketing: 2, sales: 1 },
      marketing: 50,
      sales: 80,
      gap: 30,
      overall: 65,
      band: 'aligned',
    });
    expect(summary.statements[0]).toMatchObject({ id: 'lead-definition', marketing: 2.5, sales: 4, gap: 1.5 });
  });

  it('counts a respondent once, with their latest answers, whatever the case of the name', () => {
    const summary = summariseDiagnostic(
      [response('Sam', 'sales', all(1), 1), response('sam ', 'sales', all(5), 2), response('SAM', 'sales', all(2), 0)],
      DEFAULT_STATEMENTS,
    );
    expect(summary).toMatchObject({
      respondents: { marketing: 0, sales: 1 },
      sales: 100,
      marketing: null,
      gap: null,
      overall: 100,
      band: 'integrated',
    });
  });

  it('says nothing rather than 0 when nobody answered', () => {
    expect(summariseDiagnostic([], DEFAULT_STATEMENTS)).toMatchObject({
      marketing: null,
      sales: null,
      gap: null,
      overall: null,
      band: null,
    });
  });

  it('reads the page form: text fields answer.<id> become whole scores; a missing or odd value is refused', () => {
    const form = {
      respondent: 'Mara',
      function: 'marketing',
      level: 'head',
      ...Object.fromEntries(ids.map((id) => [`answer.${id}`, '4'])),
    };
    const parsed = formResponseSchema.safeParse(form);
    expect(parsed.success && parsed.data.answers['no-blame']).toBe(4);
    expect(formResponseSchema.safeParse({ ...form, 'answer.no-blame': '6' }).success).toBe(false);
    expect(
      responseSchema.safeParse({ respondent: 'Mara', function: 'finance', level: 'head', answers: {} }).success,
    ).toBe(false);
  });

  it('refuses a bank with a repeated id', () => {
    const twice = [...DEFAULT_STATEMENTS.slice(0, 5), DEFAULT_STATEMENTS[0]!];
    const parsed = statementBankSchema.safeParse({ statements: twice });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['statements', 5, 'id']);
  });
});
