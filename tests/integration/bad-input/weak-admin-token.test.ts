import { randomBytes } from 'node:crypto';
import { loadEnv } from '../../../src/config/env';
import { ConfigError } from '../../../src/shared/errors';

/** What `leadpact start` prints and exits 1 with, or undefined when the environment is accepted. */
function startUpRefusal(adminToken: string): string | undefined {
  try {
    loadEnv({ ADMIN_TOKEN: adminToken });
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return `leadpact: ${error.code}: ${error.message}`;
    throw error;
  }
}

describe('a guessable ADMIN_TOKEN is refused at start-up', () => {
  it.each([
    ['sixteen identical letters', 'aaaaaaaaaaaaaaaa'],
    ['a long run of one letter', 'a'.repeat(64)],
    ['two letters repeated', 'ab'.repeat(32)],
    ['the alphabet and digits in order', 'abcdefghijklmnopqrstuvwxyz0123456789'],
    ['a word said four times', 'passwordpasswordpasswordpassword'],
    ['a short random token', randomBytes(12).toString('hex')],
  ])('%s: the message names the variable, says why and how to make one, and never echoes it', (_name, token) => {
    const refusal = startUpRefusal(token);
    expect(refusal).toMatch(/^leadpact: CONFIG_INVALID: The environment is invalid:\n {2}- ADMIN_TOKEN: too /);
    expect(refusal).toContain('openssl rand -hex 32');
    expect(refusal).not.toContain(token);
  });

  it('accepts what the message tells people to make', () => {
    for (let i = 0; i < 200; i++) {
      expect(startUpRefusal(randomBytes(32).toString('hex'))).toBeUndefined();
      expect(startUpRefusal(randomBytes(32).toString('base64'))).toBeUndefined();
    }
  });
});
