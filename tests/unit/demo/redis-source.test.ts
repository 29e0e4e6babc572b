import { existsSync } from 'node:fs';
import { findRedis, HOW_TO_GET_REDIS, redisAnswers } from '../../../src/demo/redis-source';
import { freePort } from '../../../src/shared/net';
import { TEST_REDIS_URL } from '../../support/redis-server';

// These start real redis-server processes: the demo's way of getting a Redis is what is under test.
describe('where the demo gets its Redis', () => {
  let nobody: string;
  beforeAll(async () => {
    nobody = `redis://127.0.0.1:${await freePort()}`;
  });

  it('uses a Redis that answers, and leaves it running', async () => {
    const found = await findRedis({ url: TEST_REDIS_URL, explicit: false });
    expect(found.ok && found.value.origin).toBe('local');
    if (found.ok) await found.value.stop();
    expect(await redisAnswers(TEST_REDIS_URL)).toBe(true);
  });

  it('refuses to replace the Redis REDIS_URL names, and says how to get one without repeating the URL', async () => {
    const found = await findRedis({
      url: `redis://:hunter2-secret@${nobody.slice('redis://'.length)}`,
      explicit: true,
      probeTimeoutMs: 300,
    });
    expect(found.ok).toBe(false);
    if (!found.ok) {
      expect(found.error).toContain('REDIS_URL did not answer');
      expect(found.error).toContain(HOW_TO_GET_REDIS);
      expect(found.error).not.toContain('hunter2');
    }
  });

  it('starts redis-server in a temporary folder when none answers, and stopping removes both', async () => {
    const found = await findRedis({ url: nobody, explicit: false, probeTimeoutMs: 300 });
    if (!found.ok) throw new Error(found.error);
    const redis = found.value;
    expect(redis.origin).toBe('started');
    expect(redis.folder !== null && existsSync(redis.folder)).toBe(true);
    expect(await redisAnswers(redis.url)).toBe(true);
    await redis.stop();
    expect(await redisAnswers(redis.url, 300)).toBe(false);
    expect(redis.folder !== null && existsSync(redis.folder)).toBe(false);
  });

  it('says how to get Redis when none answers and redis-server is not on PATH', async () => {
    const found = await findRedis({
      url: nobody,
      explicit: false,
      probeTimeoutMs: 300,
      command: 'redis-server-not-installed',
    });
    expect(found).toEqual({
      ok: false,
      error: `No Redis answered at ${new URL(nobody).host} and \`redis-server-not-installed\` is not on PATH. ${HOW_TO_GET_REDIS}`,
    });
  });
});
