import { Writable } from 'node:stream';
import { createLogger, scrubText } from '../../src/shared/logger';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('the logger', () => {
  it('redacts secrets, e-mails and phone numbers by path, at any depth it is given', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ destination: stream }).child({ module: 'test' });
    logger.info(
      {
        headers: { authorization: 'Bearer abc.def' },
        contact: { email: 'ada@example.com', phone: '+44 20 7946 0958' },
        accessToken: 'pat-na1-1234',
        id: 42,
      },
      'contact synced',
    );
    const line = lines.join('');
    expect(line).not.toMatch(/abc\.def|ada@example\.com|7946|pat-na1-1234/);
    expect(JSON.parse(line)).toMatchObject({ module: 'test', id: 42, msg: 'contact synced' });
  });

  it('scrubs e-mails and tokens that a vendor echoed into free text and error messages', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ destination: stream });
    logger.error(
      {
        err: new Error(
          'duplicate value found: Email duplicates value bob@corp.io, session 00D5g000000abcd!AQcAQH0dMHZfz',
        ),
      },
      'write failed for bob@corp.io',
    );
    const line = lines.join('');
    expect(line).not.toMatch(/bob@corp\.io|AQcAQH0dMHZfz/);
    expect(line).toContain('[email]');
  });

  it('leaves ids, counts and instants alone', () => {
    expect(scrubText('lead 00Q5g000001AbCdEAK contact 1234567 at 2026-03-02T09:00:00Z took 1500 ms')).toBe(
      'lead 00Q5g000001AbCdEAK contact 1234567 at 2026-03-02T09:00:00Z took 1500 ms',
    );
  });
});

describe('errors in log lines', () => {
  it('keep their message, code and stack, and causes, scrubbed', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ destination: stream });
    const cause = new Error('socket hang up talking to ada@example.com');
    const error = Object.assign(new Error('write failed for bob@corp.io', { cause }), { code: 'ECONNRESET' });
    logger.error({ err: error, path: '/x' }, 'unexpected error');
    const line = JSON.parse(lines.join('')) as { err: { type: string; message: string; code: string; stack: string } };
    expect(line.err.type).toBe('Error');
    expect(line.err.code).toBe('ECONNRESET');
    expect(line.err.message).toBe('write failed for [email]: socket hang up talking to [email]');
    expect(line.err.stack).toMatch(/^Error: write failed for \[email\]\n\s+at /);
    expect(line.err.stack).toContain('logger.test.ts');
    expect(lines.join('')).not.toMatch(/bob@corp\.io|ada@example\.com/);
  });

  it('keep them under any key, and for a bare error logged alone', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ destination: stream });
    logger.warn({ failure: new TypeError('bad value from carol@corp.io') }, 'retrying');
    logger.error(new RangeError('out of range for dave@corp.io'));
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, { message?: string; stack?: string }>);
    expect(first?.failure?.message).toBe('bad value from [email]');
    expect(first?.failure?.stack).toContain('TypeError: bad value from [email]');
    expect(second?.err?.message).toBe('out of range for [email]');
    expect(second?.msg).toBe('out of range for [email]');
    expect(lines.join('')).not.toMatch(/carol@|dave@/);
  });
});
