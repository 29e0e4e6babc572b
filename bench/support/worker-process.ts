import { createPgDb } from '../../src/store/pg-db';
import { silentLogger } from '../../src/shared/logger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countedDb, type StatementCounts } from './counted-db';
import { connectCrms, startRole } from './remote-service';
import type { RemoteSimulators } from './sim-process';

/** `leadpact work` in a process of its own, on the benchmark's schema and prefix and the simulated CRMs. */
export interface WorkerArgument {
  readonly sims: RemoteSimulators;
  readonly databaseUrl: string;
  readonly schema: string;
  readonly redisUrl: string;
  readonly prefix: string;
}

export type WorkerRequest = { readonly op: 'cpu' } | { readonly op: 'statements' };

export type WorkerReply =
  | { readonly op: 'ready' }
  | { readonly op: 'cpu'; readonly usage: NodeJS.CpuUsage }
  | { readonly op: 'statements'; readonly statements: StatementCounts };

async function main(argument: WorkerArgument): Promise<void> {
  const { db, counts } = countedDb(
    await createPgDb({
      connectionString: argument.databaseUrl,
      schema: argument.schema,
      logger: silentLogger(),
      maxConnections: 12,
    }),
  );
  const protocolText = readFileSync(join(__dirname, '..', '..', '..', 'config', 'protocol.yaml'), 'utf8');
  const crms = await connectCrms(argument.sims, protocolText);
  const role = await startRole('work', {
    db,
    redisUrl: argument.redisUrl,
    prefix: argument.prefix,
    crms,
    sims: argument.sims,
  });
  const send = (reply: WorkerReply) => process.send?.(reply);
  process.on('message', (request: WorkerRequest) =>
    send(
      request.op === 'statements'
        ? { op: 'statements', statements: counts() }
        : { op: 'cpu', usage: process.cpuUsage() },
    ),
  );
  process.on('disconnect', () => {
    void role
      .close()
      .then(() => db.close())
      .then(() => process.exit(0));
  });
  send({ op: 'ready' });
}

main(JSON.parse(process.argv[2] ?? '{}') as WorkerArgument).catch((error: unknown) => {
  process.stderr.write(
    `bench worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
