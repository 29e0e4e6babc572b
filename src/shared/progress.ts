/** What one line of a progress display shows. */
export interface ProgressState {
  readonly label: string;
  /** Items handled by this run, and in all (a resumed run started from an earlier one's count). */
  readonly doneThisRun: number;
  readonly doneTotal: number;
  /** Share of the whole already done (0..1), or null while unknown. */
  readonly fraction: number | null;
  /** Extra text at the end ("outbox 120"). */
  readonly extra?: string;
}

const BAR_WIDTH = 24;

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

function bar(fraction: number | null): string {
  if (fraction === null) return `[${' '.repeat(BAR_WIDTH)}]   ?%`;
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
}

/**
 * One progress line: bar, counts, rate and ETA. The ETA extrapolates the progress made by this run
 * (`startFraction` is where it began), so a resumed run is not credited with an earlier one's work.
 */
export function progressLine(state: ProgressState, elapsedMs: number, startFraction: number | null): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? state.doneThisRun / seconds : 0;
  const gained = state.fraction === null ? 0 : state.fraction - (startFraction ?? 0);
  const eta =
    state.fraction === 1
      ? 'done'
      : gained > 0 && state.fraction !== null
        ? `ETA ${formatDuration((elapsedMs * (1 - state.fraction)) / gained)}`
        : 'ETA ?';
  const parts = [
    state.label,
    bar(state.fraction),
    `${state.doneTotal.toLocaleString('en-US')} read`,
    `${rate.toFixed(rate < 10 ? 1 : 0)}/s`,
    eta,
  ];
  if (state.extra !== undefined) parts.push(state.extra);
  return parts.join('  ');
}

/**
 * Draws progress on a stream: redrawn in place on a terminal, plain lines at most every
 * `plainEveryMs` (and at the end) when stderr goes to a file or a CI log.
 */
export class ProgressDisplay {
  private readonly started = new Map<string, { at: number; fraction: number | null }>();
  private lastPlainAt = Number.NEGATIVE_INFINITY;
  private drawn = false;
  /** A new label's clock starts when the previous one finished (or the display was made). */
  private lastEnd: number;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly tty: boolean,
    private readonly now: () => number = Date.now,
    private readonly plainEveryMs = 2_000,
  ) {
    this.lastEnd = now();
  }

  update(state: ProgressState, final = false): void {
    const now = this.now();
    // A fresh run started at 0 %; a resumed one where its first page left it (near enough).
    const start = this.started.get(state.label) ?? {
      at: this.lastEnd,
      fraction: state.doneThisRun === state.doneTotal ? 0 : state.fraction,
    };
    this.started.set(state.label, start);
    if (final) this.lastEnd = now;
    this.note(progressLine(state, now - start.at, start.fraction), final);
  }

  /** A status line of its own, drawn like a progress line. */
  note(line: string, final = false): void {
    const now = this.now();
    if (this.tty) {
      this.stream.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
      this.drawn = !final;
    } else if (final || now - this.lastPlainAt >= this.plainEveryMs) {
      this.stream.write(`${line}\n`);
      this.lastPlainAt = now;
    }
  }

  /** Ends a line left open on a terminal before something else is printed. */
  interrupt(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
