import type { DecisionContext } from './context';
import { tryHandoff } from './handoff';
import type { Score } from './lead';
import { resolveMarketingAction } from './marketing-sla';
import { qualify, type ScoreResult } from './qualification';
import { contactProperties } from './field-sync';

function stored(result: ScoreResult): Score {
  return {
    score: result.score,
    threshold: result.threshold,
    passed: result.passed,
    hits: result.hits.map((hit) => ({ ...hit })),
  };
}

/**
 * Scores the lead again (properties or touches changed, a recycle ended, someone asked) and moves
 * it along the marketing stages: new -> nurturing or mql, nurturing -> mql, mql -> nurturing when
 * it no longer passes; an MQL is handed off when its data allows.
 */
export function evaluate(ctx: DecisionContext): void {
  const { lead, protocol, now } = ctx;
  const result = qualify(contactProperties(lead), lead.touches, protocol.qualification, now);
  lead.qualification = {
    fit: stored(result.fit),
    readiness: stored(result.readiness),
    qualified: result.qualified,
    evaluatedAt: now,
  };
  if (lead.retired !== null) return;
  const rules = [...result.fit.hits, ...result.readiness.hits].map((hit) => hit.rule);
  switch (lead.stage) {
    case 'new':
      if (
        !ctx.transition(result.qualified ? 'mql' : 'nurturing', result.qualified ? 'qualified' : 'evaluated', { rules })
      )
        return;
      break;
    case 'nurturing':
      if (result.qualified && !ctx.transition('mql', 'qualified', { rules })) return;
      break;
    case 'mql':
      if (!result.qualified) {
        if (ctx.transition('nurturing', 'unqualified', { rules })) resolveMarketingAction(ctx, 'fix_data');
        return;
      }
      break;
    default:
      return;
  }
  if (lead.stage === 'mql') tryHandoff(ctx);
}
