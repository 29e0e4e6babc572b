import type { Queue } from 'bullmq';
import { z } from 'zod';
import { leadIdSchema } from '../protocol/lead';
import { timerSpecSchema, type TimerCancelEffect, type TimerScheduleEffect } from '../protocol';
import type { Clock } from '../shared/clock';
import { jobIdFor } from './queues';

/** What a timer job carries; validated when it fires, like every job's data. */
export const timerJobSchema = z.strictObject({
  leadId: leadIdSchema,
  key: z.string().min(1),
  fireAt: z.number().int(),
  timer: timerSpecSchema,
});
export type TimerJob = z.infer<typeof timerJobSchema>;

export interface TimerScheduler {
  schedule(effects: readonly TimerScheduleEffect[]): Promise<void>;
  cancel(effects: readonly TimerCancelEffect[]): Promise<void>;
}

/** Timers as BullMQ delayed jobs, keyed by the engine's timer key so scheduling twice is harmless. */
export function createTimerScheduler(queue: Queue, clock: Clock): TimerScheduler {
  return {
    async schedule(effects) {
      if (effects.length === 0) return;
      await queue.addBulk(
        effects.map((effect) => ({
          name: 'timer',
          data: {
            leadId: effect.leadId,
            key: effect.key,
            fireAt: effect.fireAt,
            timer: effect.timer,
          } satisfies TimerJob,
          opts: { jobId: jobIdFor(effect.key), delay: clock.realDelayUntil(effect.fireAt) },
        })),
      );
    },
    async cancel(effects) {
      // A timer that fires anyway is a no-op in the engine, so removal only saves work.
      await Promise.all(effects.map((effect) => queue.remove(jobIdFor(effect.key))));
    },
  };
}
