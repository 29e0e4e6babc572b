import { sql as ledger } from './001-ledger';
import { sql as outbox } from './002-outbox';
import { sql as metrics } from './003-metrics';
import { sql as pipeline } from './004-pipeline';
import { sql as outboxOrder } from './005-outbox-order';
import { sql as alerts } from './006-alerts';
import { sql as syncHealth } from './007-sync-health';
import { sql as ownerNames } from './008-owner-names';
import { sql as cdcReplay } from './009-cdc-replay';
import { sql as alignment } from './010-alignment';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Applied in order, once each; a released migration is never edited, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'ledger', sql: ledger },
  { version: 2, name: 'outbox', sql: outbox },
  { version: 3, name: 'metrics', sql: metrics },
  { version: 4, name: 'pipeline', sql: pipeline },
  { version: 5, name: 'outbox-order', sql: outboxOrder },
  { version: 6, name: 'alerts', sql: alerts },
  { version: 7, name: 'sync-health', sql: syncHealth },
  { version: 8, name: 'owner-names', sql: ownerNames },
  { version: 9, name: 'cdc-replay', sql: cdcReplay },
  { version: 10, name: 'alignment', sql: alignment },
];
