import { describe, expect, it } from 'vitest';
import { businessDate, isoWithOffset } from '#shared/domain/clock';

describe('business time is Asia/Shanghai', () => {
  it('turns the date at 16:00 UTC, midnight in Shanghai', () => {
    expect(businessDate(new Date('2026-11-24T15:59:59Z'))).toBe('2026-11-24');
    expect(businessDate(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });

  it('writes times with the +08:00 offset', () => {
    expect(isoWithOffset(new Date('2026-11-24T16:30:00.123Z'))).toBe('2026-11-25T00:30:00.123+08:00');
  });
});
