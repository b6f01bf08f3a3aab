import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BudgetLine } from '#shared/domain/budget';
import { MAX_FEN, assertCovers, commit, openBudgetLine } from '#shared/domain/budget';
import { balances } from '../support/budget-invariants';
import { DomainError } from '#shared/domain/errors';

const NOW = '2025-03-10T10:00:00.000+08:00';
const ACTOR = { sub: 'u-finance', role: 'finance' };

const line = (amount = 1_000_000): BudgetLine =>
  openBudgetLine(
    { purchaserId: 'pur-district', fiscalYear: 2025, source: 'working_funds', amount },
    { id: 'bl_1', actor: ACTOR, now: NOW },
  );

describe('budget line arithmetic (R-FUND-1, R-FUND-2)', () => {
  it('opens a line with everything available and nothing committed or paid', () => {
    expect(line()).toMatchObject({
      amount: 1_000_000,
      committed: 0,
      paid: 0,
      available: 1_000_000,
      unpaid: 0,
      currency: 'CNY',
      version: 1,
    });
    expect(balances(line())).toBe(true);
  });

  it.each([0, -1, 1.5, MAX_FEN + 1, Number.NaN])('R-FUND-2: refuses to open a line of %s fen', (amount) => {
    expect(() => line(amount)).toThrow(
      expect.objectContaining({ code: 'invalid', details: { field: 'amount', rule: 'R-FUND-2' } }),
    );
  });

  it('R-FUND-2: a commitment takes from available, moves committed and unpaid, and bumps the version', () => {
    const next = commit(line(), 400_000);
    expect(next).toMatchObject({
      committed: 400_000,
      available: 600_000,
      unpaid: 400_000,
      paid: 0,
      version: 2,
    });
    expect(balances(next)).toBe(true);
  });

  it('R-FUND-2: commits exactly the whole line, then refuses one fen more with 409 naming the field', () => {
    const full = commit(commit(line(), 600_000), 400_000);
    expect(full.available).toBe(0);
    expect(() => commit(full, 1, 'contractPrice')).toThrow(
      expect.objectContaining({
        code: 'conflict',
        details: { field: 'contractPrice', rule: 'R-FUND-2' },
      }),
    );
  });

  it('R-FUND-2: refuses a single commitment larger than the line', () => {
    expect(() => commit(line(), 1_000_001)).toThrow(/would exceed budget line bl_1/);
  });

  it.each([0, -5, 2.5])('R-FUND-2: refuses to commit %s fen', (amount) => {
    expect(() => commit(line(), amount)).toThrow(expect.objectContaining({ code: 'invalid' }));
  });

  it('R-FUND-2: any sequence of commitments keeps the invariants; each refusal is the expected one and leaves the line as it was', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.oneof(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: -10, max: 0 })), {
          maxLength: 60,
        }),
        (amount, commitments) => {
          let current = line(amount);
          for (const x of commitments) {
            const before = current;
            const snapshot = structuredClone(before);
            try {
              current = commit(current, x, 'price');
            } catch (error) {
              // Only the two refusals of R-FUND-2 may happen, each exactly when its rule says so.
              if (!(error instanceof DomainError)) throw error;
              const expected = x <= 0 ? 'invalid' : 'conflict';
              expect(error.code).toBe(expected);
              expect(error.details).toEqual({ field: 'price', rule: 'R-FUND-2' });
              if (expected === 'conflict') expect(before.committed + x).toBeGreaterThan(before.amount);
              // Refused: the line given is untouched (a commit that mutated it before refusing would show here).
              expect(before).toEqual(snapshot);
              continue;
            }
            expect(x).toBeGreaterThan(0);
            expect(before).toEqual(snapshot);
            expect(current.committed).toBe(before.committed + x);
            expect(balances(current)).toBe(true);
          }
          expect(current.committed).toBeLessThanOrEqual(current.amount);
        },
      ),
      { seed: 20_261_206, numRuns: 300 },
    );
  });

  it('R-PROC-4: an estimate must fit what is still available (422 naming the field)', () => {
    const partly = commit(line(), 900_000);
    expect(() => assertCovers(partly, 100_000, 'estimatedAmount')).not.toThrow();
    expect(() => assertCovers(partly, 100_001, 'estimatedAmount')).toThrow(
      expect.objectContaining({
        code: 'refused',
        details: { field: 'estimatedAmount', rule: 'R-FUND-2' },
      }),
    );
  });

  it('R-FUND-2: a refused amount names the field and the ceiling; commit names "amount" unless told otherwise', () => {
    expect(() => line(0)).toThrow(`amount: a positive whole number of fen up to ${MAX_FEN}`);
    expect(() => commit(line(), 0)).toThrow(
      expect.objectContaining({ code: 'invalid', details: { field: 'amount', rule: 'R-FUND-2' } }),
    );
  });

  it('R-PROC-4: an estimate that does not fit names the amount, what is available and the line', () => {
    const partly = commit(line(), 900_000);
    expect(() => assertCovers(partly, 100_001, 'estimatedAmount')).toThrow(
      /100001 fen exceeds the 100000 fen still available on budget line bl_1/,
    );
  });
});

describe('balances: the invariants of a stored line (R-FUND-2)', () => {
  // A line with payments, as the delivery and payment issue will move it: 600 committed, 200 of it paid.
  const paidLine = (change: Partial<BudgetLine> = {}): BudgetLine => ({
    ...line(1_000),
    committed: 600,
    paid: 200,
    available: 400,
    unpaid: 400,
    ...change,
  });

  it('holds on a line with commitments and payments', () => {
    expect(balances(paidLine())).toBe(true);
  });

  it.each<[string, Partial<BudgetLine>]>([
    ['available is not amount − committed', { available: 500 }],
    ['unpaid is not committed − paid', { unpaid: 800 }],
    ['more is committed than the line holds', { committed: 1_200, available: -200, unpaid: 1_000 }],
    ['more is paid than committed', { paid: 700, unpaid: -100 }],
    ['a payment is negative', { paid: -100, unpaid: 700 }],
  ])('fails when %s', (_, change) => {
    expect(balances(paidLine(change))).toBe(false);
  });
});
