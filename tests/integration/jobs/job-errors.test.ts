import { randomBytes } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { deadLetterOnFinalFailure, rethrowForBullMQ } from '../../../jobs/job-errors';
import { closeRedis, createRedis } from '../../../src/queue/connection';
import { CrmError, LeadpactError } from '../../../src/shared/errors';
import { silentLogger } from '../../../src/shared/logger';
import { repositories, type DeadLetter } from '../../../src/store';
import { migrate } from '../../../src/store/migrate';
import { openTestDatabase, type TestDatabase } from '../../support/databases';
import { TEST_REDIS_URL } from '../../support/redis-server';

// The failures the processor below throws, by job name. None of the messages starts with "CODE: ".
const FAILURES: Readonly<Record<string, () => Error>> = {
  unavailable: () => new CrmError('salesforce', 'CRM_UNAVAILABLE', 'Salesforce upsert Lead failed: HTTP 503'),
  rejected: () => new CrmError('hubspot', 'CRM_REJECTED', 'HubSpot batch.update failed: PROPERTY_DOESNT_EXIST'),
  conflict: () => new LeadpactError('IDENTITY_CONFLICT', 'two leads claim 00Q5g0000100001EAA'),
  defect: () => new TypeError('CRM_REJECTED: a defect whose message only looks like a code'),
};

describe('a job that fails for good is dead-lettered with its structured code', () => {
  const prefix = `{lp-test-${randomBytes(4).toString('hex')}}`;
  let t: TestDatabase;
  let redis: Redis;
  let queue: Queue;
  let worker: Worker;

  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    await migrate(t.db);
    redis = createRedis(TEST_REDIS_URL, 'worker', silentLogger());
    queue = new Queue('failing', { connection: redis, prefix });
    worker = new Worker(
      'failing',
      async (job: Job) => {
        try {
          throw FAILURES[job.name]?.() ?? new Error(`no failure named ${job.name}`);
        } catch (error) {
          return rethrowForBullMQ(worker, error);
        }
      },
      { connection: redis, prefix },
    );
    deadLetterOnFinalFailure(worker, 'failing', repositories(t.db).deadLetters, silentLogger());
  });

  afterAll(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await closeRedis(redis);
    await t.dispose();
  });

  async function deadLetterOf(name: string): Promise<DeadLetter> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const letter = (await repositories(t.db).deadLetters.list()).find((entry) => entry.kind === name);
      if (letter !== undefined) return letter;
      if (Date.now() > deadline) throw new Error(`no dead letter for ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('keeps the code of a retryable error whose attempts ran out', async () => {
    await queue.add('unavailable', { leadId: null }, { attempts: 1 });
    expect(await deadLetterOf('unavailable')).toMatchObject({
      source: 'queue:failing',
      errorCode: 'CRM_UNAVAILABLE',
      error: 'Salesforce upsert Lead failed: HTTP 503',
      attempts: 1,
    });
  });

  it('keeps the code and the plain message of a permanent error, without spending the other attempts', async () => {
    await queue.add('rejected', {}, { attempts: 5 });
    await queue.add('conflict', {}, { attempts: 5 });
    expect(await deadLetterOf('rejected')).toMatchObject({
      errorCode: 'CRM_REJECTED',
      error: 'HubSpot batch.update failed: PROPERTY_DOESNT_EXIST',
      attempts: 1,
    });
    expect(await deadLetterOf('conflict')).toMatchObject({
      errorCode: 'IDENTITY_CONFLICT',
      error: 'two leads claim 00Q5g0000100001EAA',
    });
  });

  it('records a defect as INTERNAL, whatever its message looks like', async () => {
    await queue.add('defect', {}, { attempts: 1 });
    expect(await deadLetterOf('defect')).toMatchObject({
      errorCode: 'INTERNAL',
      error: 'CRM_REJECTED: a defect whose message only looks like a code',
    });
  });
});
