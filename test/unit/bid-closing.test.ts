/** When CloseBidding may run (R-PROC-1, R-PROC-2, issue 11 §3): the deadline plus the grace for bids in flight. */
import { describe, expect, it } from 'vitest';
import {
  BID_CLOSE_GRACE_SECONDS,
  BID_FUNCTION_TIMEOUT_SECONDS,
  OVERRIDE_CLOSE_GRACE_SECONDS,
  closingTime,
} from '#shared/domain/bid-closing';

const DEADLINE = '2025-03-20T10:00:00.000+08:00';

describe('closingTime (issue 11 §3)', () => {
  it('R-PROC-1: the deadline plus the bid functions’ timeout and a margin (15 s)', () => {
    expect(closingTime(DEADLINE).toISOString()).toBe('2025-03-20T02:00:15.000Z');
    expect(BID_CLOSE_GRACE_SECONDS).toBeGreaterThan(BID_FUNCTION_TIMEOUT_SECONDS);
  });

  it('under the period override (embedded stack, tests) the grace is 2 s, whatever the override', () => {
    expect(closingTime(DEADLINE, 3).toISOString()).toBe('2025-03-20T02:00:02.000Z');
    expect(closingTime(DEADLINE, 0).getTime() - Date.parse(DEADLINE)).toBe(
      OVERRIDE_CLOSE_GRACE_SECONDS * 1000,
    );
  });
});
