import type { Logger } from '../shared/logger';
import { createAuditRepository, type AuditRepository } from './audit-repository';
import { createCdcReplayRepository, type CdcReplayRepository } from './cdc-replay-repository';
import { createCursorRepository, type CursorRepository } from './cursor-repository';
import { createDeadLetterRepository, type DeadLetterRepository } from './dead-letter-repository';
import type { Db, Queryable } from './db';
import { createLeadRepository, type LeadRepository } from './lead-repository';
import { migrate } from './migrate';
import { createOutboxRepository, type OutboxRepository } from './outbox-repository';
import { createPgDb } from './pg-db';
import { createProtocolVersionRepository, type ProtocolVersionRepository } from './protocol-version-repository';

export type { Db, Queryable } from './db';
export type { LeadRecord, Instant } from './lead-record';
export type { AuditEntry, StoredAuditEntry } from './audit-repository';
export type { OutboxInput, OutboxRow, OutboxPriority } from './outbox-repository';
export type { DeadLetter, DeadLetterInput } from './dead-letter-repository';
export { createAlertRepository, type AlertDelivery, type AlertInput, type AlertRepository } from './alert-repository';
export { lookupKey, type LeadLookup } from './lead-repository';
export type { StoredReplay } from './cdc-replay-repository';

export interface Repositories {
  readonly leads: LeadRepository;
  readonly audit: AuditRepository;
  readonly cursors: CursorRepository;
  readonly protocols: ProtocolVersionRepository;
  readonly outbox: OutboxRepository;
  readonly deadLetters: DeadLetterRepository;
  readonly cdcReplay: CdcReplayRepository;
}

export function repositories(db: Queryable): Repositories {
  return {
    leads: createLeadRepository(db),
    audit: createAuditRepository(db),
    cursors: createCursorRepository(db),
    protocols: createProtocolVersionRepository(db),
    outbox: createOutboxRepository(db),
    deadLetters: createDeadLetterRepository(db),
    cdcReplay: createCdcReplayRepository(db),
  };
}

export interface StoreOptions {
  /** PostgreSQL; when absent, the embedded PGlite database under `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly schema?: string;
  readonly logger: Logger;
}

/** Opens the system of record and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Db> {
  const db =
    options.databaseUrl === undefined
      ? // Loaded only when used: a process on PostgreSQL never needs the embedded database's code.
        await (await import('./pglite-db.js')).createPgliteDb(`${options.dataDir.replace(/\/+$/, '')}/pglite`)
      : await createPgDb({
          connectionString: options.databaseUrl,
          logger: options.logger,
          ...(options.schema === undefined ? {} : { schema: options.schema }),
        });
  try {
    const report = await migrate(db);
    if (report.applied.length > 0) options.logger.info({ applied: report.applied }, 'database migrated');
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
