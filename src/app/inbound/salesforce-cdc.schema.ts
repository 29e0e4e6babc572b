import { z } from 'zod';
import { CHANGE_TYPES } from '../../../connectors/salesforce/pubsub/change-types';
import { isSalesforceId } from '../../shared/ids';

/** One Change Data Capture event as an inbound job carries it (the decoded header and values). */

const fieldValue = z.union([z.string().max(131_072), z.number(), z.boolean(), z.null()]);

export const cdcChangeSchema = z.strictObject({
  replayId: z.string().regex(/^\d{1,20}$/, 'expected a replay id'),
  object: z.string().min(1).max(80),
  recordIds: z.array(z.string().refine(isSalesforceId, 'expected a Salesforce id')).max(1_000),
  changeType: z.enum(CHANGE_TYPES),
  transactionKey: z.string().min(1).max(100),
  sequenceNumber: z.number().int(),
  commitTimestamp: z.number().int(),
  fields: z.record(z.string().max(80), fieldValue),
});
export type CdcChange = z.infer<typeof cdcChangeSchema>;

/** What a reconciliation must cover: one object, from an instant on. */
export interface ReconcileWindow {
  readonly object: string;
  readonly since: number;
  readonly reason: 'delete' | 'gap_overflow' | 'replay_expired';
}
