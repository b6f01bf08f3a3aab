/**
 * Issue 13 §4 (R-ACC-3, R-FUND-2): the payment rules, pure. Payment arithmetic and the deduction, the order of
 * milestones, the payment clock (due / overdue in Shanghai days, paused while withheld), the line never paying above
 * its commitments, the termination's release, and the contract's completion with its last milestone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BudgetLine } from '#shared/domain/budget';
import { commit, openBudgetLine, pay, releaseCommitment } from '#shared/domain/budget';
import type { Contract } from '#shared/domain/contract';
import { DomainError } from '#shared/domain/errors';
import type { ContractMilestone } from '#shared/domain/milestone';
import {
  allSettled,
  cancelUnpaid,
  dueByAfterHold,
  dueState,
  markPaid,
  milestonesAtSigning,
  paymentDueBy,
  paymentRefusal,
  releaseHold,
  unpaidRemainder,
  withhold,
} from '#shared/domain/milestone';
import { assertSigned, completedBy, paymentOf, terminate } from '#shared/domain/payment';
import { balances } from '../support/budget-invariants';

const SIGNED_AT = '2026-03-02T10:00:00.000+08:00';
const FINANCE = { sub: 'u-finance', role: 'finance' };
const BUREAU = { sub: 'u-bureau', role: 'bureau' };

const CONTRACT = {
  id: 'con_1',
  purchaserId: 'pur-district',
  contractorId: 'ctr_1',
  budgetLineId: 'bl_1',
  paymentMilestones: [
    { seq: 1, event: 'signing' as const, percent: 30, basisPoints: 3000, amount: 30_000 },
    { seq: 2, event: 'mid_term_review' as const, percent: 40, basisPoints: 4000, amount: 40_000 },
    { seq: 3, event: 'acceptance_passed' as const, percent: 30, basisPoints: 3000, amount: 30_000 },
  ],
};

const atSigning = () => milestonesAtSigning(CONTRACT, SIGNED_AT, 30);

/** What the acceptance helper writes when an acceptance passes (status payable, the deduction, the clock started). */
const passed = (
  m: ContractMilestone,
  deduction = 0,
  at = '2026-06-10T09:00:00.000+08:00',
): ContractMilestone => ({
  ...m,
  status: 'payable',
  acceptance: { id: `acc_${m.seq}`, passedAt: at, rectificationRounds: deduction > 0 ? 1 : 0 },
  deduction,
  payable: m.amount - deduction,
  payableSince: at,
  dueBy: paymentDueBy(at, 30),
  version: m.version + 1,
});

const refusal = (seq: number, ms: ContractMilestone[]) => paymentRefusal(seq, ms);

describe('paying a milestone (R-ACC-3): payable, not withheld, in order', () => {
  it('the signing advance is payable from the signature, due 30 days on; the others wait for their acceptance', () => {
    const ms = atSigning();
    expect(ms.map((m) => m.status)).toEqual(['payable', 'scheduled', 'scheduled']);
    expect(ms[0]!.dueBy).toBe('2026-04-01');
    expect(refusal(1, ms)).toBeUndefined();
  });

  it('R-ACC-3: a milestone without a passed acceptance is 409 naming milestoneSeq', () => {
    const ms = atSigning();
    ms[0] = markPaid(ms[0]!, { id: 'con_1.p1', amount: 30_000, paidAt: SIGNED_AT });
    expect(refusal(2, ms)).toMatchObject({
      code: 'conflict',
      details: { field: 'milestoneSeq', rule: 'R-ACC-3' },
      message: expect.stringContaining('no passed acceptance'),
    });
  });

  it('R-ACC-3: milestone n is paid only once every earlier one is paid or cancelled', () => {
    const ms = atSigning();
    ms[1] = passed(ms[1]!);
    ms[2] = passed(ms[2]!);
    expect(refusal(2, ms)?.message).toMatch(/milestone 1 must be paid first/);
    expect(refusal(3, ms)?.message).toMatch(/milestone 1, 2 must be paid first/);
    ms[0] = markPaid(ms[0]!, { id: 'con_1.p1', amount: 30_000, paidAt: SIGNED_AT });
    expect(refusal(2, ms)).toBeUndefined();
    expect(refusal(3, ms)?.message).toMatch(/milestone 2 must be paid first/);
  });

  it('a paid milestone is never paid again, a cancelled one never, an unknown one is 404', () => {
    const ms = atSigning();
    ms[0] = markPaid(ms[0]!, { id: 'con_1.p1', amount: 30_000, paidAt: SIGNED_AT });
    expect(refusal(1, ms)).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/paid already/),
    });
    expect(
      refusal(
        2,
        ms.map((m) => cancelUnpaid(m, SIGNED_AT)),
      ),
    ).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/cancelled/),
    });
    expect(refusal(4, ms)).toMatchObject({ code: 'not_found', details: { field: 'milestoneSeq' } });
  });

  it('a withheld milestone cannot be paid (409 with the hold’s reason); released, it can', () => {
    const ms = atSigning();
    ms[0] = withhold(ms[0]!, '整改财务报告', BUREAU, '2026-03-05T10:00:00.000+08:00');
    expect(refusal(1, ms)).toMatchObject({
      code: 'conflict',
      details: { field: 'milestoneSeq', rule: 'R-ACC-3' },
      message: expect.stringContaining('整改财务报告'),
    });
    ms[0] = releaseHold(ms[0], '已整改', BUREAU, '2026-03-09T10:00:00.000+08:00');
    expect(refusal(1, ms)).toBeUndefined();
  });

  it('the amount is the milestone’s payable: its amount less the deduction, never more', () => {
    const m = passed(atSigning()[2]!, 1_500);
    const payment = paymentOf(m, { reference: 'GK-2026-001' }, { actor: FINANCE, at: SIGNED_AT });
    expect(payment).toMatchObject({
      id: 'con_1.p3',
      seq: 3,
      amount: 28_500,
      milestoneAmount: 30_000,
      deduction: 1_500,
      acceptanceId: 'acc_3',
      reference: 'GK-2026-001',
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), (deduction) => {
        const p = paymentOf(passed(atSigning()[2]!, deduction), {}, { actor: FINANCE, at: SIGNED_AT });
        expect(p.amount + p.deduction).toBe(30_000);
        expect(p.amount).toBeLessThanOrEqual(30_000);
      }),
      { seed: 13_4, numRuns: 100 },
    );
  });

  it('a milestone whose payable is not its amount less the deduction is a broken record, never paid', () => {
    const ms = atSigning();
    ms[0] = { ...ms[0]!, payable: 30_001 };
    expect(() => refusal(1, ms)).toThrow(/payable 30001 is not 30000 − 0/);
  });
});

describe('the payment clock (国务院令第802号): due, overdue, withheld, paused', () => {
  const m = passed(atSigning()[1]!, 0, '2026-06-10T23:30:00.000+08:00');

  it('due within the term counted in Shanghai days from when it became payable', () => {
    // 23:30 in Shanghai is still 10 June there (15:30 UTC): due 30 days on.
    expect(m.dueBy).toBe('2026-07-10');
    expect(paymentDueBy('2026-06-10T16:30:00.000Z', 30)).toBe('2026-07-11');
  });

  it('due through its due date, overdue from the next day, counted in days', () => {
    expect(dueState(m, '2026-06-11')).toEqual({ state: 'due', daysOverdue: 0 });
    expect(dueState(m, '2026-07-10')).toEqual({ state: 'due', daysOverdue: 0 });
    expect(dueState(m, '2026-07-11')).toEqual({ state: 'overdue', daysOverdue: 1 });
    expect(dueState(m, '2026-08-09')).toEqual({ state: 'overdue', daysOverdue: 30 });
  });

  it('a withheld milestone is listed as withheld, never due; scheduled and paid ones are not listed', () => {
    expect(dueState(withhold(m, 'x', BUREAU, SIGNED_AT), '2026-09-01')).toEqual({
      state: 'withheld',
      daysOverdue: 0,
    });
    expect(dueState(atSigning()[1]!, '2026-09-01')).toBeUndefined();
    expect(dueState(markPaid(m, { id: 'p', amount: 1, paidAt: SIGNED_AT }), '2026-09-01')).toBeUndefined();
  });

  it('the clock pauses while withheld: the due date moves by the Shanghai days it was held', () => {
    expect(dueByAfterHold('2026-07-10', '2026-06-20T09:00:00+08:00', '2026-06-25T18:00:00+08:00')).toBe(
      '2026-07-15',
    );
    expect(dueByAfterHold('2026-07-10', '2026-06-20T09:00:00+08:00', '2026-06-20T18:00:00+08:00')).toBe(
      '2026-07-10',
    );
    const held = withhold(m, '服务记录不实，待整改', BUREAU, '2026-06-20T09:00:00.000+08:00');
    expect(held).toMatchObject({ status: 'withheld', withheld: { reason: '服务记录不实，待整改' } });
    const released = releaseHold(held, '已补正', FINANCE, '2026-07-20T09:00:00.000+08:00');
    expect(released).toMatchObject({ status: 'payable', dueBy: '2026-08-09', version: held.version + 1 });
    expect(released.withheld).toBeUndefined();
    expect(released.holds).toEqual([
      {
        reason: '服务记录不实，待整改',
        by: BUREAU,
        at: '2026-06-20T09:00:00.000+08:00',
        releasedAt: '2026-07-20T09:00:00.000+08:00',
        releasedBy: FINANCE,
        releaseNote: '已补正',
      },
    ]);
  });

  it('only a payable milestone is withheld, only a withheld one released', () => {
    expect(() => withhold(atSigning()[1]!, 'x', BUREAU, SIGNED_AT)).toThrow(
      expect.objectContaining({ code: 'conflict', details: { rule: 'R-ACC-3' } }),
    );
    expect(() => releaseHold(m, 'x', BUREAU, SIGNED_AT)).toThrow(
      expect.objectContaining({ code: 'conflict', details: { rule: 'R-ACC-3' } }),
    );
  });
});

const fundedLine = (committed = 100_000): BudgetLine =>
  commit(
    openBudgetLine(
      { purchaserId: 'pur-district', fiscalYear: 2026, source: 'working_funds', amount: 500_000 },
      { id: 'bl_1', actor: FINANCE, now: SIGNED_AT },
    ),
    committed,
  );

describe('the budget line (R-FUND-2): paid never above committed; the remainder released', () => {
  it('a payment moves unpaid to paid; a deduction leaves the commitment at the same time', () => {
    const plain = pay(fundedLine(), 30_000);
    expect(plain).toMatchObject({ committed: 100_000, paid: 30_000, unpaid: 70_000, available: 400_000 });
    const deducted = pay(plain, 28_500, 'milestoneSeq', SIGNED_AT, 1_500);
    expect(deducted).toMatchObject({ committed: 98_500, paid: 58_500, unpaid: 40_000, available: 401_500 });
    expect(balances(plain) && balances(deducted)).toBe(true);
  });

  it('never pays above what is committed: 409 naming the field', () => {
    const line = pay(fundedLine(), 90_000);
    expect(() => pay(line, 10_001, 'milestoneSeq')).toThrow(
      expect.objectContaining({ code: 'conflict', details: { field: 'milestoneSeq', rule: 'R-FUND-2' } }),
    );
    expect(() => pay(line, 9_000, 'milestoneSeq', SIGNED_AT, 1_001)).toThrow(/above its commitments/);
    expect(pay(line, 9_000, 'milestoneSeq', SIGNED_AT, 1_000).unpaid).toBe(0);
  });

  it('any sequence of payments and a release keeps the invariants; nothing is ever paid above committed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40_000 }), fc.integer({ min: 0, max: 5_000 })), {
          maxLength: 20,
        }),
        (payments) => {
          let line = fundedLine();
          for (const [amount, deduction] of payments) {
            try {
              line = pay(line, amount, 'milestoneSeq', SIGNED_AT, deduction);
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              expect(error.code).toBe('conflict');
              expect(line.unpaid).toBeLessThan(amount + deduction);
            }
            expect(balances(line)).toBe(true);
          }
          if (line.unpaid > 0) {
            const released = releaseCommitment(line, line.unpaid);
            expect(released).toMatchObject({ unpaid: 0, committed: line.paid, paid: line.paid });
            expect(released.available).toBe(released.amount - line.paid);
            expect(balances(released)).toBe(true);
          }
        },
      ),
      { seed: 20_261_206, numRuns: 200 },
    );
  });

  it('a release never exceeds what the line still owes', () => {
    expect(() => releaseCommitment(pay(fundedLine(), 60_000), 40_001)).toThrow(
      expect.objectContaining({ code: 'conflict', details: { field: 'amount', rule: 'R-FUND-2' } }),
    );
    expect(() => releaseCommitment(fundedLine(), 0)).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});

const contract = (status: Contract['status'] = 'signed') =>
  ({ ...CONTRACT, status, version: 3, updatedAt: SIGNED_AT }) as unknown as Contract;

describe('completion and termination', () => {
  it('the contract completes with its last milestone paid, not before', () => {
    const ms = atSigning().map((m) => markPaid(passed(m), { id: 'p', amount: m.amount, paidAt: SIGNED_AT }));
    expect(allSettled(ms)).toBe(true);
    expect(completedBy(contract(), ms, '2026-12-30T10:00:00.000+08:00')).toMatchObject({
      status: 'completed',
      completedAt: '2026-12-30T10:00:00.000+08:00',
      version: 4,
    });
    expect(completedBy(contract(), [...ms.slice(0, 2), atSigning()[2]!], SIGNED_AT)).toBeUndefined();
  });

  it('termination: reason and liability, every unpaid milestone cancelled, the remainder what was unpaid', () => {
    const ms = atSigning();
    ms[0] = markPaid(ms[0]!, { id: 'con_1.p1', amount: 30_000, paidAt: SIGNED_AT });
    ms[1] = withhold(passed(ms[1]!, 2_000), '质量不达标', BUREAU, SIGNED_AT);
    // The full amount of every unpaid milestone, deduction included: none of it will be paid.
    expect(unpaidRemainder(ms)).toBe(70_000);
    const cancelled = ms.map((m) => cancelUnpaid(m, SIGNED_AT));
    expect(cancelled.map((m) => m.status)).toEqual(['paid', 'cancelled', 'cancelled']);
    expect(cancelled[1]!.withheld).toBeUndefined();
    expect(cancelled[0]).toBe(ms[0]);
    expect(unpaidRemainder(cancelled)).toBe(0);
    const terminated = terminate(
      contract(),
      { reason: '转包服务', liability: '按合同第八条支付违约金' },
      { actor: BUREAU, at: SIGNED_AT, released: 70_000 },
    );
    expect(terminated).toMatchObject({
      status: 'terminated',
      termination: { reason: '转包服务', liability: '按合同第八条支付违约金', by: BUREAU, released: 70_000 },
      version: 4,
    });
  });

  it('only a signed contract is terminated, and takes payments', () => {
    for (const status of ['completed', 'terminated', 'draft'] as const) {
      expect(() =>
        terminate(
          contract(status),
          { reason: 'r', liability: 'l' },
          { actor: BUREAU, at: SIGNED_AT, released: 0 },
        ),
      ).toThrow(expect.objectContaining({ code: 'conflict' }));
      expect(() => assertSigned(contract(status), 'payment')).toThrow(/takes no payment/);
    }
    expect(() =>
      terminate(contract(), { reason: ' ', liability: 'l' }, { actor: BUREAU, at: SIGNED_AT, released: 0 }),
    ).toThrow(expect.objectContaining({ code: 'invalid', details: { field: 'reason' } }));
  });
});
