import { z } from 'zod';

export const CLOCKS = ['accept', 'first_touch'] as const;
export type ClockName = (typeof CLOCKS)[number];

/** What a scheduled timer is for; it comes back verbatim in the timer.fired event. */
export const timerSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sla_warning'), clock: z.enum(CLOCKS) }),
  z.strictObject({ kind: z.literal('sla_due'), clock: z.enum(CLOCKS) }),
  z.strictObject({ kind: z.literal('sla_escalation'), clock: z.enum(CLOCKS), step: z.number().int().min(0) }),
  z.strictObject({ kind: z.literal('recycle_due') }),
  z.strictObject({ kind: z.literal('marketing_due'), action: z.enum(['fix_data', 'merge']) }),
]);

export type TimerSpec = z.infer<typeof timerSpecSchema>;

/** A readable, deterministic key suffix; the lead id and a per-lead sequence number make it unique. */
export function describeTimer(timer: TimerSpec): string {
  switch (timer.kind) {
    case 'sla_warning':
    case 'sla_due':
      return `${timer.kind}:${timer.clock}`;
    case 'sla_escalation':
      return `${timer.kind}:${timer.clock}:${timer.step}`;
    case 'recycle_due':
      return timer.kind;
    case 'marketing_due':
      return `${timer.kind}:${timer.action}`;
    default: {
      const never: never = timer;
      return never;
    }
  }
}
