import { formatMetric } from './format';
import { targetsTable } from './render-targets';
import type { ScorecardData } from './scorecard-model';

type TargetBlock =
  | { readonly kind: 'p'; readonly text: string }
  | { readonly kind: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** The pack's "Targets" section: each agreed figure, on or off, and its trend. */
export function targetsSection(current: ScorecardData): { readonly title: string; readonly blocks: TargetBlock[] } {
  if (current.targets.length === 0)
    return {
      title: 'Targets',
      blocks: [{ kind: 'p', text: 'No targets agreed yet: agree some at this meeting and add them to the protocol.' }],
    };
  const on = current.targets.filter((row) => row.on === true).length;
  return {
    title: 'Targets',
    blocks: [
      { kind: 'p', text: `${on} of ${current.targets.length} agreed targets met.` },
      { kind: 'table', ...targetsTable(current.targets) },
    ],
  };
}

/** An agenda item for each figure off its target, worst trend first. */
export function offTargetItems(current: ScorecardData): string[] {
  return current.targets
    .filter((row) => row.on === false)
    .sort((a, b) => Number(b.trend.direction === 'worse') - Number(a.trend.direction === 'worse'))
    .map(
      (row) =>
        `${row.label} is ${formatMetric(row.metric, row.value)} against a target of ${row.targetText}${row.trend.direction === 'worse' ? ', and getting worse' : ''}: what will each team change?`,
    );
}
