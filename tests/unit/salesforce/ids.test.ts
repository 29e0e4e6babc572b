import { IdFactory, idChecksum, normalizeId, to18 } from '../../../connectors/salesforce/simulator/schema/ids';

describe('Salesforce ids', () => {
  it('computes the documented case-safe suffix', () => {
    // Example from Salesforce's knowledge article on 15- and 18-character ids.
    expect(idChecksum('a0D30000001n7Pi')).toBe('EAI');
    expect(to18('001000000000000')).toBe('001000000000000AAA');
    expect(to18('ABCDEFGHIJKLMNO')).toBe('ABCDEFGHIJKLMNO555');
  });

  it('normalises 15-character ids and accepts any case in the suffix of 18-character ones', () => {
    expect(normalizeId('a0D30000001n7Pi')).toBe('a0D30000001n7PiEAI');
    expect(normalizeId('a0D30000001n7Pieai')).toBe('a0D30000001n7PiEAI');
  });

  it('refuses ids whose suffix does not match, or of the wrong length or alphabet', () => {
    expect(normalizeId('a0D30000001n7PiAAA')).toBeUndefined();
    expect(normalizeId('a0D30000001n7P')).toBeUndefined();
    expect(normalizeId('a0D30000001n7P!')).toBeUndefined();
  });

  it('issues ids with the object key prefix, unique and in creation order', () => {
    const factory = new IdFactory();
    const ids = Array.from({ length: 500 }, () => factory.next('00Q'));
    expect(new Set(ids).size).toBe(500);
    expect(ids.every((id) => id.startsWith('00Q') && normalizeId(id) === id)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });
});
