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
