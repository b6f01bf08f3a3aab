/**
 * Ids (shared/domain/ids.ts): `<prefix>_` then 10 Crockford base32 characters of the creation time in
 * milliseconds and 10 random ones, so ids sort by creation time (list pages in creation order) and are URL-safe.
 */
import { describe, expect, it } from 'vitest';
import { newId } from '#shared/domain/ids';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const decodeTime = (head: string) => [...head].reduce((acc, c) => acc * 32 + CROCKFORD.indexOf(c), 0);

describe('newId', () => {
  it('encodes the creation time in its first 10 characters, most significant first', () => {
    const at = new Date('2026-11-24T09:00:00.123Z');
    const id = newId('prj', at);
    expect(id).toMatch(/^prj_[0-9a-hjkmnp-tv-z]{20}$/);
    expect(decodeTime(id.slice(4, 14))).toBe(at.getTime());
    expect(newId('ctr', new Date(0)).slice(0, 14)).toBe('ctr_0000000000');
    expect(newId('ctr', new Date(31)).slice(0, 14)).toBe('ctr_000000000z');
    expect(newId('ctr', new Date(32)).slice(0, 14)).toBe('ctr_0000000010');
  });

  it('sorts by creation time as a string, and two ids of the same millisecond differ', () => {
    const times = [0, 1, 31, 32, 1_000, 1_764_000_000_000, 1_764_000_000_001, 2 ** 45];
    const ids = times.map((t) => newId('bid', new Date(t)));
    expect([...ids].sort()).toEqual(ids);
    const same = new Set(Array.from({ length: 50 }, () => newId('bid', new Date(5))));
    expect(same.size).toBe(50);
  });

  it('uses the current time when none is given', () => {
    const before = Date.now();
    const id = newId('x');
    const after = Date.now();
    const t = decodeTime(id.slice(2, 12));
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(after);
  });

  it('draws the tail from the whole alphabet, not from a fixed string', () => {
    const tails = Array.from({ length: 200 }, () => newId('x', new Date(0)).slice(12)).join('');
    expect(new Set(tails).size).toBe(32);
  });
});
