import { z } from 'zod';
import { describeIssues } from '../../metrics/diagnostic.schema';
import { hubspotContactIdSchema, leadIdSchema, salesforceIdSchema } from '../../protocol/lead';
import { InputError } from '../../shared/errors';

/** Query strings arrive as text; "true"/"false" for flags. */
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const count = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const leadParamsSchema = z.strictObject({ id: leadIdSchema });

/** GET /admin/leads: the ledger in id order (page with `after`), or the leads of one CRM id or e-mail. */
export const leadListQuerySchema = z
  .strictObject({
    after: leadIdSchema.optional(),
    limit: count(500, 50),
    email: z.email().optional(),
    hubspotId: hubspotContactIdSchema.optional(),
    salesforceId: salesforceIdSchema.optional(),
  })
  .refine(
    (q) => [q.email, q.hubspotId, q.salesforceId].filter((v) => v !== undefined).length <= 1,
    'give at most one of email, hubspotId, salesforceId',
  );

export const timelineQuerySchema = z.strictObject({ limit: count(2_000, 500) });

const actor = z.string().trim().min(1).max(200);
const note = z.string().trim().min(1).max(1_000).optional();

/** POST /admin/leads/:id/actions: what an administrator does on Sales' or Marketing's behalf. */
export const leadActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), actor }),
  z.strictObject({ action: z.literal('reject'), actor, code: z.string().trim().min(1).max(80), note }),
  z.strictObject({ action: z.literal('requalify'), actor }),
  z.strictObject({ action: z.literal('disqualify'), actor, note }),
  z.strictObject({ action: z.literal('reassign'), actor, ownerId: salesforceIdSchema.optional() }),
  z.strictObject({
    action: z.literal('release_field'),
    actor,
    field: z
      .string()
      .regex(/^(hubspot|salesforce):[A-Za-z0-9_]+$/, 'expected hubspot:<property> or salesforce:<Field>'),
  }),
]);
export type LeadAction = z.infer<typeof leadActionSchema>;

/** A client may name its request, so a retried POST is applied once (the engine remembers event ids). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'letters, digits and . _ : - (at most 100)')
  .optional();

export const deadLetterListQuerySchema = z.strictObject({ all: flag.default(false), limit: count(10_000, 100) });
export const deadLetterParamsSchema = z.strictObject({
  id: z.string().regex(/^[0-9]{1,18}$/, 'expected a dead-letter id (a number)'),
});
export const replayBodySchema = z.union([
  z.strictObject({ ids: z.array(deadLetterParamsSchema.shape.id).min(1).max(10_000) }),
  z.strictObject({ all: z.literal(true) }),
]);

export const protocolParamsSchema = z.strictObject({ version: z.string().min(1).max(100) });

export const diagnosticQuerySchema = z.strictObject({ days: count(3_650, 365) });

export const metricsQuerySchema = z.strictObject({
  period: z.string().min(1).max(40).default('30d'),
  timeZone: z.string().min(1).max(60).optional(),
});

/** Parses one part of a request; a mismatch is a 400 naming every field that is wrong. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: 'query' | 'path' | 'body' | 'header',
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InputError('PAYLOAD_INVALID', `${part}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
