/**
 * Payment milestones (shared/domain/payment-schedule.ts, R-FUND-2, R-ACC-3): what a refusal names (the field
 * at fault, the rule), and how the fen are split. The schedules of a contract: test/unit/contract.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { DomainError } from '#shared/domain/errors';
import type { PaymentMilestoneInput } from '#shared/domain/payment-schedule';
import { allocateLargestRemainder, paymentSchedule } from '#shared/domain/payment-schedule';

/** The refusal of a schedule: code, field, rule and message, as problem+json carries them. */
function refusal(price: number, input: readonly PaymentMilestoneInput[]) {
  try {
    paymentSchedule(price, input);
  } catch (error) {
    const e = error as DomainError;
    return { code: e.code, field: e.details.field, rule: e.details.rule, message: e.message };
  }
  throw new Error('the schedule was accepted');
}

describe('payment milestones: what a refusal names (R-FUND-2, R-ACC-3)', () => {
  it('R-FUND-2: an event outside signing / mid-term review / acceptance is refused on that milestone’s event', () => {
    const unknown = [{ event: 'final_audit', percent: 100 }] as unknown as PaymentMilestoneInput[];
    expect(refusal(10_000, unknown)).toEqual({
      code: 'invalid',
      field: 'paymentMilestones.0.event',
      rule: 'R-FUND-2',
      message: 'paymentMilestones.0.event: one of signing, mid_term_review, acceptance_passed',
    });
  });

  it('R-FUND-2: a bad percentage names its milestone and the value', () => {
    const r = refusal(10_000, [
      { event: 'signing', percent: 30 },
      { event: 'acceptance_passed', percent: -70 },
    ]);
    expect(r).toMatchObject({ code: 'invalid', field: 'paymentMilestones.1.percent', rule: 'R-FUND-2' });
    expect(r.message).toContain('-70');
  });

  it('R-FUND-2: a sum other than 100 % is a fault of the whole list', () => {
    expect(
      refusal(10_000, [
        { event: 'signing', percent: 30 },
        { event: 'acceptance_passed', percent: 60 },
      ]),
    ).toMatchObject({ field: 'paymentMilestones', rule: 'R-FUND-2' });
  });

  it('R-FUND-2: an event out of order names the milestone that comes too late and the one it follows', () => {
    const r = refusal(10_000, [
      { event: 'signing', percent: 10 },
      { event: 'mid_term_review', percent: 40 },
      { event: 'signing', percent: 10 },
      { event: 'acceptance_passed', percent: 40 },
    ]);
    expect(r).toMatchObject({ field: 'paymentMilestones.2.event', rule: 'R-FUND-2' });
    expect(r.message).toContain('signing cannot follow mid_term_review');
  });
});

describe('payment milestones: the split (R-FUND-2)', () => {
  it('R-FUND-2: the fen left over go to the largest remainder, not to the largest share (7 fen at 40/60 → 3 / 4)', () => {
    // Exact shares 2.8 and 4.2: the floors 2 + 4 leave one fen, owed to the 0.8, not to the larger share.
    expect(
      paymentSchedule(7, [
        { event: 'signing', percent: 40 },
        { event: 'acceptance_passed', percent: 60 },
      ]).map((m) => m.amount),
    ).toEqual([3, 4]);
    expect(allocateLargestRemainder(7, [2, 3])).toEqual([3, 4]);
    expect(allocateLargestRemainder(10, [1, 6, 3])).toEqual([1, 6, 3]);
    // 1.7 / 3.4 / 4.9 → 1 + 3 + 4 = 8, two fen to the remainders 0.9 and 0.7.
    expect(allocateLargestRemainder(10, [17, 34, 49])).toEqual([2, 3, 5]);
  });

  it('R-FUND-2: a milestone without a note carries no note field', () => {
    const [signing, acceptance] = paymentSchedule(1_000, [
      { event: 'signing', percent: 30, note: '预付款' },
      { event: 'acceptance_passed', percent: 70 },
    ]);
    expect(signing).toStrictEqual({
      seq: 1,
      event: 'signing',
      percent: 30,
      basisPoints: 3000,
      amount: 300,
      note: '预付款',
    });
    expect(acceptance).toStrictEqual({
      seq: 2,
      event: 'acceptance_passed',
      percent: 70,
      basisPoints: 7000,
      amount: 700,
    });
  });
});
