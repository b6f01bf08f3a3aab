import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXED_OFFSET_SINCE, businessDate, isoWithOffset } from '#shared/domain/clock';

/** The reference: ICU's Asia/Shanghai, which the arithmetic replaced (issue 9 §3). */
const intlShanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const HOUR = 3600_000;

describe('business time is Asia/Shanghai', () => {
  it('turns the date at 16:00 UTC, midnight in Shanghai', () => {
    expect(businessDate(new Date('2026-11-24T15:59:59.999Z'))).toBe('2026-11-24');
    expect(businessDate(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });

  it('writes times with the +08:00 offset', () => {
    expect(isoWithOffset(new Date('2026-11-24T16:30:00.123Z'))).toBe('2026-11-25T00:30:00.123+08:00');
  });

  it('agrees with ICU Asia/Shanghai on every Shanghai midnight ±1 ms from 1991-09-15 to 2100', () => {
    const mismatches: string[] = [];
    // First Shanghai midnight after the last DST ended, then one day at a time (leap days and year ends included).
    for (let midnight = Date.UTC(1991, 8, 15, 16); midnight < Date.UTC(2100, 0, 1); midnight += 24 * HOUR) {
      for (const at of [midnight - 1, midnight, midnight + 1]) {
        const date = new Date(at);
        if (businessDate(date) !== intlShanghai.format(date)) mismatches.push(date.toISOString());
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with ICU at pseudo-random instants across the years', () => {
    let seed = 9;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const from = FIXED_OFFSET_SINCE.getTime();
    const to = Date.UTC(2200, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      const date = new Date(Math.floor(from + next() * (to - from)));
      expect(businessDate(date), date.toISOString()).toBe(intlShanghai.format(date));
    }
  });

  it('keeps the leap days', () => {
    expect(businessDate(new Date('2028-02-28T16:00:00Z'))).toBe('2028-02-29');
    expect(businessDate(new Date('2028-02-29T16:00:00Z'))).toBe('2028-03-01');
    expect(businessDate(new Date('2100-02-28T16:00:00Z'))).toBe('2100-03-01');
    expect(businessDate(new Date('2000-02-28T16:00:00Z'))).toBe('2000-02-29');
  });

  it('refuses instants before the fixed offset began, and invalid dates', () => {
    expect(businessDate(FIXED_OFFSET_SINCE)).toBe(intlShanghai.format(FIXED_OFFSET_SINCE));
    expect(() => businessDate(new Date(FIXED_OFFSET_SINCE.getTime() - 1))).toThrow(RangeError);
    expect(() => businessDate(new Date('1990-07-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => businessDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('importing the clock builds no ICU formatter (issue 9 §3: ~10 ms of init)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('constructs no Intl.DateTimeFormat at import or on use', async () => {
    const constructed = vi.spyOn(Intl, 'DateTimeFormat');
    vi.resetModules();
    const fresh = await import('#shared/domain/clock');
    fresh.businessDate(new Date('2026-11-24T16:00:00Z'));
    fresh.isoWithOffset(new Date());
    expect(constructed).not.toHaveBeenCalled();
  });
});
