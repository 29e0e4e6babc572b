import { MAX_SCRUBBED_CHARS, scrubText, type ScrubMeter } from '../../src/shared/logger';

const SIXTY_FOUR_KB = 65_536;

/** Strings that made the old regular expressions backtrack: long runs that almost match. */
const ADVERSARIAL: Record<string, string> = {
  'letters, no @': 'a'.repeat(SIXTY_FOUR_KB),
  'local parts and @s': 'a@'.repeat(SIXTY_FOUR_KB / 2),
  'a domain without a tld': `x@${'a.'.repeat(SIXTY_FOUR_KB / 2)}`,
  'dots and letters around @': 'a.a@a.'.repeat(SIXTY_FOUR_KB / 6),
  'a bearer with no token': `Bearer${' '.repeat(SIXTY_FOUR_KB)}`,
  'bearers with no token': 'Bearer \u0000'.repeat(SIXTY_FOUR_KB / 8),
  'a HubSpot prefix with no second dash': `pat-${'a'.repeat(SIXTY_FOUR_KB)}`,
  'phone openers with too few digits': '(0 '.repeat(SIXTY_FOUR_KB / 3),
  'a phone opener and separators only': `+1${' ().-'.repeat(SIXTY_FOUR_KB / 5)}`,
  'session prefixes': '00D'.repeat(SIXTY_FOUR_KB / 3),
};

describe('scrubText', () => {
  it.each(Object.entries(ADVERSARIAL))('does linear work on 64 KB of %s', (_name, text) => {
    const meter: ScrubMeter = { steps: 0 };
    scrubText(text, meter);
    // Five passes, each visiting a character at most about twice: a quadratic scan would need ~10^8.
    expect(meter.steps).toBeLessThanOrEqual(12 * Math.min(text.length, MAX_SCRUBBED_CHARS));
  });

  it('scrubs no more than the cap and says how much it left out', () => {
    const text = `${'word '.repeat(SIXTY_FOUR_KB / 5)}ada@example.com`;
    const out = scrubText(text);
    expect(out.length).toBeLessThan(MAX_SCRUBBED_CHARS + 100);
    expect(out).toMatch(/… \[\d+ more characters left out\]$/);
    expect(out).not.toContain('ada@example.com');
  });

  it('cuts at the cap where no secret straddles it', () => {
    const email = 'someone.with.a.long.name@example-company.co.uk';
    const text = `${'x '.repeat((MAX_SCRUBBED_CHARS - 10) / 2)}${email} ${'y '.repeat(1000)}`;
    expect(scrubText(text)).not.toMatch(/someone|with\.a|example-company/);
    const phone = `${'x '.repeat((MAX_SCRUBBED_CHARS - 8) / 2)}+44 20 7946 0958 ${'y '.repeat(1000)}`;
    expect(scrubText(phone)).not.toMatch(/\+44|7946/);
  });

  it('masks what the regular expressions masked', () => {
    expect(scrubText('from ada.l+test@example.co.uk, reply')).toBe('from [email], reply');
    expect(scrubText('Authorization: Bearer abc.DEF-123_x/y=')).toBe('Authorization: Bearer [redacted]');
    expect(scrubText('header bearer tok')).toBe('header bearer [redacted]');
    expect(scrubText('sid 00D5g000000abcd!AQcAQH0dMHZfz.x end')).toBe('sid [session] end');
    expect(scrubText('token pat-na1-11111111-2222-3333 used')).toBe('token [token] used');
    expect(scrubText('call +44 20 7946 0958 or (020) 7946-0958.')).toBe('call [phone] or [phone].');
    expect(scrubText('a@b@c.com')).toBe('a@[email]');
  });

  it('leaves ids, counts, instants and near misses alone', () => {
    const plain = 'lead 00Q5g000001AbCdEAK contact 1234567 at 2026-03-02T09:00:00Z took 1500 ms (3 tries) +5 pts';
    expect(scrubText(plain)).toBe(plain);
    expect(scrubText('x@localhost and pat-na1 and Bearer')).toBe('x@localhost and pat-na1 and Bearer');
  });
});
