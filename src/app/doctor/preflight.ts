import { LeadpactError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { runDoctor, type DoctorDeps, type DoctorReport } from './doctor';

/** How long `start` waits for the checks; a CRM that does not answer in time never keeps leadpact down. */
export const PREFLIGHT_BUDGET_MS = 10_000;

export interface PreflightDeps extends Omit<DoctorDeps, 'onCheck'> {
  readonly logger: Logger;
  readonly budgetMs?: number;
}

/**
 * The doctor's checks before the workers start. What would make every hand-off fail (an owner id
 * the org does not have, a queue that is not there, fields the integration user cannot write)
 * stops the start with the list of fixes: failing each lead one by one into the dead letters
 * helps nobody. Everything else is logged as a warning and leadpact starts. A CRM that cannot be
 * reached is not a reason to stay down (the workers wait for it), so it is a warning too.
 */
export async function preflight(deps: PreflightDeps): Promise<DoctorReport | undefined> {
  const budget = deps.budgetMs ?? PREFLIGHT_BUDGET_MS;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), budget);
  });
  const report = await Promise.race([runDoctor(deps), timedOut]).finally(() => clearTimeout(timer));
  if (report === undefined) {
    deps.logger.warn(
      { budgetMs: budget },
      'the CRM checks did not finish in time; starting without them (run `leadpact doctor`)',
    );
    return undefined;
  }
  if (report.stopsStart.length > 0) {
    const lines = report.stopsStart.map(
      (f) => `  - ${f.crm}: ${f.message}${f.fix === undefined ? '' : `\n    Fix: ${f.fix}`}`,
    );
    throw new LeadpactError(
      'CRM_NOT_READY',
      `leadpact will not start: every hand-off would fail.\n${lines.join('\n')}\nRun \`leadpact doctor\` for the full list.`,
      { context: { problems: report.stopsStart.length } },
    );
  }
  for (const finding of report.findings.filter((f) => f.severity !== 'ok'))
    deps.logger.warn({ crm: finding.crm, fix: finding.fix }, finding.message);
  deps.logger.info({ errors: report.errors, warnings: report.warnings }, 'CRM checks done');
  return report;
}
