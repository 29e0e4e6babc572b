import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { CrmError, isLeadpactError } from '../src/shared/errors';
import type { Logger } from '../src/shared/logger';
import type { DeadLetterRepository } from '../src/store/dead-letter-repository';

/**
 * What a processor does with a failure: a rate limit pauses the whole queue for Retry-After and
 * spends no attempt; a permanent error fails the job at once; anything else is retried with
 * back-off (BullMQ's attempts).
 */
export async function rethrowForBullMQ(worker: Worker, error: unknown): Promise<never> {
  if (error instanceof CrmError && error.rateLimited) {
    await worker.rateLimit(error.retryAfterMs ?? 10_000);
    throw Worker.RateLimitError();
  }
  if (isLeadpactError(error) && !error.retryable) throw new UnrecoverableError(`${error.code}: ${error.message}`);
  throw error;
}

/** Copies a job that will not be tried again into the dead letters, with its reason. */
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
    const code = /^([A-Z_]+): /.exec(error.message)?.[1] ?? 'INTERNAL';
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
        errorCode: code,
        error: error.message.slice(0, 2_000),
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
