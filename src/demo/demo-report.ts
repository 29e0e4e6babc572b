import { renderScorecard } from '../metrics';
import { table } from '../metrics/render-scorecard';
import { wrapText } from '../shared/text-layout';
import { compareCounts, scorecardCounts, type Check, type CrmCounts, type Counts } from './agreement';
import type { FinalState } from './demo-run';

/** What the closing lines need besides the numbers. */
export interface Closing {
  readonly scorecardUrl: string;
  /** Whether the page stays up after this (no --duration) or goes with the demo. */
  readonly keepsServing: boolean;
  /** The data folder when it is kept (DATA_DIR was set), for `leadpact report`. */
  readonly keptDataDir: string | null;
  readonly droppedWebhookEvents: number;
  readonly speed: number;
  /** The rule feedback of the run, printed after the scorecard and its check against the CRMs. */
  readonly ruleFeedback?: string;
}

/**
 * HubSpot drops a webhook event once its retries are spent (the service refused it or did not
 * answer in time). At a higher speed more happens per real second, so a busy machine falls behind.
 */
function droppedWarning(closing: Closing): string[] {
  if (closing.droppedWebhookEvents === 0) return [];
  return [
    wrapText(
      `WARNING: HubSpot gave up on ${closing.droppedWebhookEvents} webhook events after its retries: leadpact did not answer them in time, ` +
        `so the numbers below may not agree. At --speed ${closing.speed} this machine could not keep up; ` +
        `run again with a lower --speed (for example ${Math.max(60, Math.floor(closing.speed / 2))}).`,
      DEMO_WIDTH,
    ),
    '',
  ];
}

/** The demo's lines stay within this many columns (the narration's may run longer). */
export const DEMO_WIDTH = 100;

/** A path as a shell reads it: quoted when it holds anything but plain characters. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that prints this scorecard again from the kept data, the same span stated
 * explicitly; on two lines joined by the shell (a backslash), so that it copies whole.
 */
export function reportCommandFor(dataDir: string, period: string): string[] {
  const [from = '', to = ''] = period.split('/');
  return [`DATA_DIR=${shellWord(dataDir)} leadpact report \\`, `  --from ${from} --to ${to}`];
}

function whatNext(closing: Closing, period: string): string[] {
  const again =
    closing.keptDataDir === null
      ? []
      : [
          'This scorecard again, from the data kept in DATA_DIR:',
          ...reportCommandFor(closing.keptDataDir, period).map((line) => `  ${line}`),
        ];
  if (!closing.keepsServing) return ['The demo has stopped, and its page with it.', ...again];
  return [
    'The market, the service and the simulators have stopped.',
    'The page stays up, as the run ended, until you press Ctrl-C again (the same admin token signs in):',
    `  ${closing.scorecardUrl}`,
    ...again,
  ];
}

/** The end of the demo, on stdout: the scorecard, what each number means, the CRMs' agreement, and what next. */
export function closingText(final: FinalState, closing: Closing): string {
  const checks = compareCounts(final.crm, scorecardCounts(final.scorecard));
  const meaning = final.scorecard.glossary.map((entry) =>
    wrapText(`${entry.label}: ${entry.definition}`, DEMO_WIDTH, '  ', '    '),
  );
  const agreement = table(
    ['Count', 'In the CRMs', 'On the scorecard', ''],
    checks.map((check) => [check.name, String(check.crm), String(check.scorecard), check.agree ? 'agree' : 'DIFFER']),
  );
  return [
    '',
    ...droppedWarning(closing),
    renderScorecard(final.scorecard, 'text').trimEnd(),
    '',
    'WHAT THE NUMBERS MEAN',
    ...meaning,
    '',
    'THE SCORECARD AGAINST THE CRMs',
    `  (Salesforce and HubSpot as the simulators hold them at the end${final.steady ? '' : '; they were still moving'})`,
    agreement.replace(/^/gm, '  '),
    '',
    ...(closing.ruleFeedback === undefined ? [] : [closing.ruleFeedback, '']),
    ...whatNext(closing, final.scorecard.period.spec),
    '',
  ].join('\n');
}

export interface DemoSummary {
  readonly seed: number;
  readonly speed: number;
  /** Simulated instants (ISO 8601) of the start and of the end. */
  readonly simulatedFrom: string;
  readonly simulatedTo: string;
  readonly stoppedBy: 'duration' | 'signal';
  readonly failedActs: number;
  readonly droppedWebhookEvents: number;
  readonly steady: boolean;
  readonly agree: boolean;
  readonly crm: CrmCounts;
  readonly scorecard: Counts;
  readonly checks: readonly Check[];
  readonly urls: { readonly salesforce: string; readonly hubspot: string; readonly scorecard: string };
}

export function summaryOf(
  final: FinalState,
  facts: Omit<DemoSummary, 'agree' | 'crm' | 'scorecard' | 'checks' | 'steady'>,
): DemoSummary {
  const scorecard = scorecardCounts(final.scorecard);
  const checks = compareCounts(final.crm, scorecard);
  return {
    ...facts,
    steady: final.steady,
    agree: checks.every((check) => check.agree),
    crm: final.crm,
    scorecard,
    checks,
  };
}
