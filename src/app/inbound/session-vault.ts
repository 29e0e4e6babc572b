/**
 * Where an outbound message's SessionId waits for the worker. A session id is a bearer secret, and
 * job data is shown by the admin's queue board and kept as long as the job is, so the job carries
 * only a reference (the id's SHA-256, hex) and the id itself stays here, for as long as the
 * worker's check remembers a verified session (15 minutes). Nothing is deleted on reading: several
 * messages may share one session.
 */
export interface SessionVault {
  /** Keeps the session id for a while and answers the reference a job carries instead. */
  keep(sessionId: string): Promise<string>;
  /** The session id kept under `ref`, or undefined once it has expired (or was never kept). */
  take(ref: string): Promise<string | undefined>;
}
