/**
 * R-FUND-2 against DynamoDB Local through the real adapters: concurrent commitments are checked
 * by DynamoDB's conditions when each transaction lands, so together they never take a line beyond itself.
 */
import { describe, expect, it } from 'vitest';
import { FUNDS_CONFLICT_RETRIES, commitFunds } from '#shared/adapters/dynamodb/budget-writes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { commit } from '#shared/adapters/dynamodb/record-store';
import { getRecord, queryPartition } from '#shared/adapters/dynamodb/records';
import { store } from '#shared/adapters/store';
import type { BudgetLine } from '#shared/domain/budget';
import { systemClock } from '#shared/domain/clock';
import { DomainError } from '#shared/domain/errors';
import { openLine } from '#shared/use-cases/budget-lines';

const ACTOR = { sub: 'u-finance', role: 'finance' };
const AMOUNT = 10_000_000;

async function newLine(): Promise<BudgetLine> {
  return openLine(
    { store, clock: systemClock },
    { purchaserId: 'pur-district', fiscalYear: 2032, source: 'working_funds', amount: AMOUNT },
    { viewer: { sub: ACTOR.sub, role: 'finance' }, actor: ACTOR, remember: () => [] },
  );
}

const movement = (line: BudgetLine, i: number, amount: number) => ({
  lineId: line.id,
  purchaserId: line.purchaserId,
  amount,
  cause: { type: 'contract', id: `ctr-test-${i}` },
  actor: ACTOR,
  at: new Date().toISOString(),
});

const outcomes = (settled: PromiseSettledResult<unknown>[]) => ({
  succeeded: settled.filter((s) => s.status === 'fulfilled').length,
  refusals: settled
    .filter((s): s is PromiseRejectedResult => s.status === 'rejected')
    .map((s) =>
      s.reason instanceof DomainError ? `${s.reason.code} ${s.reason.details.rule}` : String(s.reason),
    ),
});

describe('budget line under concurrent writers (R-FUND-2)', () => {
  it('20 simultaneous commitments of a tenth each: exactly 10 land and committed equals the amount', async () => {
    // Arrange
    const line = await newLine();

    // Act
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        commit([], commitFunds(movement(line, i, AMOUNT / 10)), { conflictRetries: FUNDS_CONFLICT_RETRIES }),
      ),
    );

    // Assert
    const { succeeded, refusals } = outcomes(settled);
    expect(succeeded).toBe(10);
    expect(refusals).toEqual(Array.from({ length: 10 }, () => 'conflict R-FUND-2'));
    const stored = await getRecord<BudgetLine>(keys.budgetLine(line.id));
    expect(stored?.value).toMatchObject({
      amount: AMOUNT,
      committed: AMOUNT,
      available: 0,
      paid: 0,
      unpaid: AMOUNT,
      version: 11,
    });
    const moves = await queryPartition(keys.budgetLine(line.id).PK, {
      limit: 100,
      sortKeyPrefix: 'MOVE#COMMIT#',
    });
    expect(moves.items).toHaveLength(10);
    // The line's own audit chain is untouched by movements: it still verifies against its head.
    expect(stored?.head.auditSeq).toBe(1);
  });

  it.each([0, -1_000])(
    'a commitment of %s fen is refused before it reaches the table: available never grows (R-FUND-2)',
    async (amount) => {
      // Arrange
      const line = await newLine();

      // Act: `available >= :x` holds for any x <= 0, so without the amount guard this would land and add funds
      const attempt = (async () => commit([], commitFunds(movement(line, 3, amount))))();

      // Assert
      await expect(attempt).rejects.toMatchObject({ code: 'invalid', details: { rule: 'R-FUND-2' } });
      const stored = await getRecord<BudgetLine>(keys.budgetLine(line.id));
      expect(stored?.value).toMatchObject({ committed: 0, available: AMOUNT, unpaid: 0, version: 1 });
      const moves = await queryPartition(keys.budgetLine(line.id).PK, { limit: 10, sortKeyPrefix: 'MOVE#' });
      expect(moves.items).toEqual([]);
    },
  );

  it('commits once per cause: a retried signing of the same contract is refused and moves nothing', async () => {
    // Arrange
    const line = await newLine();
    await commit([], commitFunds(movement(line, 7, 1_000)));

    // Act
    const again = commit([], commitFunds(movement(line, 7, 1_000)));

    // Assert
    await expect(again).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already committed'),
    });
    expect((await getRecord<BudgetLine>(keys.budgetLine(line.id)))?.value.committed).toBe(1_000);
  });

  it('never moves a line for another purchaser than the one it belongs to (R-BUY-1)', async () => {
    // Arrange
    const line = await newLine();

    // Act
    const foreign = commit([], commitFunds({ ...movement(line, 1, 1_000), purchaserId: 'pur-town-2' }));

    // Assert
    await expect(foreign).rejects.toMatchObject({ code: 'conflict', details: { rule: 'R-FUND-2' } });
    expect((await getRecord<BudgetLine>(keys.budgetLine(line.id)))?.value.committed).toBe(0);
  });
});
