import type { Logger } from '../shared/logger';

export type Phase =
  /** Stop taking requests first, so nothing new arrives while work drains. */
  | 'http'
  /** Then let workers finish the jobs they hold (BullMQ worker.close waits for them). */
  | 'workers'
  /** Then the queues, Redis and the database. */
  | 'connections';

const ORDER: readonly Phase[] = ['http', 'workers', 'connections'];

/** Remembers what a process opened and closes it in the order a graceful shutdown needs. */
export class Lifecycle {
  private readonly closers = new Map<Phase, { name: string; close: () => Promise<void> }[]>();
  private shutdownPromise: Promise<'clean' | 'timeout'> | undefined;

  constructor(private readonly logger: Logger) {}

  add(phase: Phase, name: string, close: () => Promise<void>): void {
    const list = this.closers.get(phase) ?? [];
    list.push({ name, close });
    this.closers.set(phase, list);
  }

  /** Closes everything within `timeoutMs`; resolves 'timeout' if something hung. Idempotent. */
  shutdown(timeoutMs: number): Promise<'clean' | 'timeout'> {
    this.shutdownPromise ??= this.run(timeoutMs);
    return this.shutdownPromise;
  }

  private async run(timeoutMs: number): Promise<'clean' | 'timeout'> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      timer.unref();
    });
    const result = await Promise.race([this.closeAll().then(() => 'clean' as const), deadline]);
    clearTimeout(timer);
    return result;
  }

  private async closeAll(): Promise<void> {
    for (const phase of ORDER) {
      // Later registrations depend on earlier ones (a worker on its connection): close newest first.
      const list = [...(this.closers.get(phase) ?? [])].reverse();
      await Promise.all(
        list.map(async ({ name, close }) => {
          try {
            await close();
          } catch (error) {
            this.logger.warn({ err: error, component: name }, 'error while closing');
          }
        }),
      );
    }
  }
}
