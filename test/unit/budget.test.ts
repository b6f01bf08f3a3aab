import { describe, expect, it } from 'vitest';
import type { BudgetLine } from '#shared/domain/budget';
import { MAX_FEN, assertCovers, balances, commit, openBudgetLine, pay } from '#shared/domain/budget';

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

  it('R-FUND-2: a payment draws on the committed funds and never beyond them', () => {
    const committed = commit(line(), 300_000);
    const paid = pay(committed, 200_000);
    expect(paid).toMatchObject({ committed: 300_000, paid: 200_000, unpaid: 100_000, available: 700_000 });
    expect(balances(paid)).toBe(true);
    expect(() => pay(paid, 100_001)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(pay(paid, 100_000).unpaid).toBe(0);
  });

  it('R-FUND-2: refuses to pay on a line with nothing committed', () => {
    expect(() => pay(line(), 1)).toThrow(/exceed what budget line bl_1 has committed/);
  });

  it.each([0, -5, 2.5])('R-FUND-2: refuses to commit or pay %s fen', (amount) => {
    expect(() => commit(line(), amount)).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(() => pay(commit(line(), 10), amount)).toThrow(expect.objectContaining({ code: 'invalid' }));
  });

  it('R-FUND-2: any sequence of commitments and payments keeps the invariants, refusing what would break them', () => {
    let current = line(10_000);
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let step = 0; step < 500; step++) {
      const amount = 1 + Math.floor(random() * 3_000);
      try {
        current = random() < 0.6 ? commit(current, amount) : pay(current, amount);
      } catch {
        // refused: the line is unchanged
      }
      expect(balances(current)).toBe(true);
    }
    expect(current.committed).toBeLessThanOrEqual(current.amount);
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
});
