import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { disposition, failureCode, leadpactCause } from '../src/shared/failures';
import type { Logger } from '../src/shared/logger';
import type { DeadLetterRepository } from '../src/store/dead-letter-repository';

/**
 * Ends a job at once. The failure it ends the job for stays its `cause`, so the dead letter takes
 * the code from the error itself: BullMQ keeps only a message (job.failedReason).
 */
export class FinalJobFailure extends UnrecoverableError {
  // BullMQ and bull-board tell an unrecoverable failure by this name.
  override readonly name = 'UnrecoverableError';

  constructor(code: string, message: string, cause: unknown) {
    super(`${code}: ${message}`);
    this.cause = cause;
  }
}

/**
 * What a processor does with a failure (the shared disposition): a rate limit pauses the whole
 * queue for Retry-After and spends no attempt; a permanent error fails the job at once; anything
 * else is rethrown, so BullMQ's attempts and back-off apply.
 */
export async function rethrowForBullMQ(worker: Worker, error: unknown): Promise<never> {
  const next = disposition(error);
  switch (next.kind) {
    case 'wait':
      await worker.rateLimit(next.delayMs);
      throw Worker.RateLimitError();
    case 'dead':
      throw new FinalJobFailure(next.code, next.message, error);
    case 'retry':
      throw error;
  }
}

/** Copies a job that will not be tried again into the dead letters, with its code and reason. */
export function deadLetterOnFinalFailure(
  worker: Worker,
  source: string,
  deadLetters: DeadLetterRepository,
  logger: Logger,
): void {
  worker.on('failed', (job: Job | undefined, error: Error) => {
    if (job === undefined) return;
    const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    const cause = leadpactCause(error);
    deadLetters
      .add({
        source: `queue:${source}`,
        leadId:
          typeof (job.data as { leadId?: unknown }).leadId === 'string'
            ? (job.data as { leadId: string }).leadId
            : null,
        crm: null,
        kind: job.name,
        payload: { jobId: job.id, data: job.data as unknown },
        errorCode: failureCode(error),
        error: (cause ?? error).message.slice(0, 2_000),
        attempts: job.attemptsMade,
      })
      .catch((storeError: unknown) =>
        logger.error(
          { err: storeError, queue: source, jobId: job.id },
          'could not record a dead letter; the failed job stays in the queue',
        ),
      );
  });
}
