import { z } from 'zod';
import { isoDateSchema } from './common.schema';
import { calendarsSchema } from './calendar.schema';
import { dormancySchema } from './dormancy.schema';
import { handoffSchema } from './handoff.schema';
import { hubspotLifecycleSchema } from './lifecycle.schema';
import { fieldSyncSchema } from './mapping.schema';
import { qualificationSchema } from './qualification.schema';
import { rejectionSchema } from './rejection.schema';
import { routingSchema } from './routing.schema';
import { slaSchema } from './sla.schema';
import { salesStatusSchema, writeBackSchema } from './write-back.schema';
import { crossSectionProblems } from './cross-checks';
import { recordTypeReferenceProblems, salesforceOrgSchema } from './org-rules.schema';
import { alertReferenceProblems, alertsSchema } from './alerts.schema';
import { observedIndexSchema } from './observed-index.schema';
import { targetsSchema } from './targets.schema';
import { meetingsSchema } from './meetings.schema';

const NOT_APPROVED = 'a protocol needs both a marketing owner and a sales owner who approved this version';

const ownerSchema = z.strictObject(
  {
    name: z.string().min(1),
    email: z.email().optional(),
  },
  { error: (issue) => (issue.input === undefined ? NOT_APPROVED : undefined) },
);

export const approvalSchema = z.strictObject(
  {
    marketingOwner: ownerSchema,
    salesOwner: ownerSchema,
    approvedOn: isoDateSchema.optional(),
  },
  { error: (issue) => (issue.input === undefined ? NOT_APPROVED : undefined) },
);

/** Every section of the protocol file, each parsed on its own too so one broken section hides nothing. */
export const protocolSections = {
  version: z.union([z.string().min(1).max(40), z.number()]).transform(String),
  company: z.string().min(1).max(120).optional(),
  approval: approvalSchema,
  qualification: qualificationSchema,
  handoff: handoffSchema,
  routing: routingSchema,
  calendars: calendarsSchema,
  sla: slaSchema,
  rejection: rejectionSchema,
  dormancy: dormancySchema,
  fieldSync: fieldSyncSchema.prefault({}),
  salesStatus: salesStatusSchema,
  writeBack: writeBackSchema.prefault({}),
  hubspotLifecycle: hubspotLifecycleSchema,
  salesforceOrg: salesforceOrgSchema.prefault({}),
  alerts: alertsSchema.prefault({}),
  observedIndex: observedIndexSchema.prefault({}),
  targets: targetsSchema.default({}),
  meetings: meetingsSchema.prefault({}),
};

/** The lead protocol (config/protocol.yaml): strict everywhere, so a misspelt key is an error. */
export const protocolSchema = z.strictObject(protocolSections).superRefine((protocol, ctx) => {
  for (const problem of [
    ...crossSectionProblems({ ...protocol, calendarNames: Object.keys(protocol.calendars) }),
    ...alertReferenceProblems(protocol.alerts, protocol.routing),
    ...recordTypeReferenceProblems(protocol.salesforceOrg, protocol.routing),
  ])
    ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
});

export type Protocol = z.output<typeof protocolSchema>;
export { NOT_APPROVED };
