/** The lead protocol engine: pure code, no IO, no clock; the jobs layer drives it. */
export { protocolSchema, approvalSchema, type Protocol } from './schema/protocol.schema';
export { DEFAULT_WRITE_BACK } from './schema/write-back.schema';
export type { Calendar } from './schema/calendar.schema';
export type { RejectionCode } from './schema/rejection.schema';
export { loadProtocol, checkProtocolFile, type CheckReport } from './load-protocol';
export { addBusinessMinutes, businessMinutesBetween, isWorkingInstant } from './business-hours';
