/**
 * R-FUND-2 at contract signing, against DynamoDB Local through the real use cases: 20 contracts drafted by the
 * DraftContract use case and signed by their contractors, then their 20 second signatures at once against one
 * budget line that covers only some. Each second signature is one transaction (contract, commitment, project,
 * contract release), so exactly the affordable ones land and the line never goes below zero.
 */
import { describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { queryPartition } from '#shared/adapters/dynamodb/records';
import { store } from '#shared/adapters/store';
import { callbackDeps } from '#shared/adapters/workflow';
import type { BudgetLine } from '#shared/domain/budget';
import { isoWithOffset, systemClock } from '#shared/domain/clock';
import type { Contract } from '#shared/domain/contract';
import { DomainError } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import type { Project } from '#shared/domain/project';
import { openLine } from '#shared/use-cases/budget-lines';
import { draftContractFor, signContract } from '#shared/use-cases/contracts';
import { projectChange } from '#shared/use-cases/project-records';
import { project } from '../handlers/procurement-fixtures';

const FINANCE = { sub: 'u-finance', role: 'finance' };
const BUREAU = { sub: 'u-bureau', role: 'bureau' };
const WORKFLOW = { sub: 'workflow:procurement', role: 'workflow' };
const PRICE = 1_000_000;
const AFFORDABLE = 7;
/** Seven prices and half of an eighth. */
const AMOUNT = AFFORDABLE * PRICE + PRICE / 2;
const deps = { store, clock: systemClock };

/** An awarded project on `line` whose standstill is over, as the workflow leaves it before DraftContract. */
async function awardedProject(line: BudgetLine, i: number): Promise<Project> {
  const now = isoWithOffset(new Date());
  const awarded = project({
    id: newId('prj'),
    purchaserId: line.purchaserId,
    fiscalYear: line.fiscalYear,
    budgetLineId: line.id,
    estimatedAmount: PRICE,
    term: { start: `${line.fiscalYear}-05-01`, end: `${line.fiscalYear}-12-31` },
    status: 'awarded',
    award: {
      bidId: newId('bid'),
      contractorId: `ctr_concurrency_${String(i).padStart(2, '0')}`,
      contractorName: `并发测试社会工作服务中心${i}`,
      contractorKind: 'social_organization',
      price: PRICE,
      awardedAt: now,
      standstill: { opensAt: now, lastDay: now.slice(0, 10), closesAt: now, movedToWorkingDay: false },
    },
    createdAt: now,
    updatedAt: now,
  });
  await store.commit([projectChange(awarded, 'test.awarded', WORKFLOW)]);
  return awarded;
}

/** Drafted by the task's use case and signed by its contractor: one signature to go. */
async function contractAwaitingPurchaser(line: BudgetLine, i: number): Promise<Contract> {
  const awarded = await awardedProject(line, i);
  const drafted = await draftContractFor(deps, awarded.id, WORKFLOW);
  const contractor = { sub: `u-${drafted.contractorId}`, role: 'contractor' };
  return signContract({ ...deps, ...callbackDeps }, drafted.id, {
    viewer: { ...contractor, contractorId: drafted.contractorId },
    actor: contractor,
    ifMatch: drafted.version,
  });
}

describe('second signatures against one budget line (R-FUND-2, R-CON-1)', () => {
  it(`20 simultaneous second signatures: exactly ${AFFORDABLE} commit, available never below 0, committed + available = amount`, async () => {
    // Arrange
    const line = await openLine(
      deps,
      { purchaserId: 'pur-district', fiscalYear: 2033, source: 'special_funds', amount: AMOUNT },
      { viewer: FINANCE, actor: FINANCE, remember: () => [] },
    );
    const contracts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => contractAwaitingPurchaser(line, i)),
    );
    expect(contracts.map((c) => c.status)).toEqual(Array.from({ length: 20 }, () => 'signed_by_one'));

    // Act
    const settled = await Promise.allSettled(
      contracts.map((c) =>
        signContract({ ...deps, ...callbackDeps }, c.id, {
          viewer: BUREAU,
          actor: BUREAU,
          ifMatch: c.version,
        }),
      ),
    );

    // Assert
    const signed = settled.filter((s) => s.status === 'fulfilled');
    const refusals = settled
      .filter((s): s is PromiseRejectedResult => s.status === 'rejected')
      .map((s) =>
        s.reason instanceof DomainError ? `${s.reason.code} ${s.reason.details.rule}` : String(s.reason),
      );
    expect(signed).toHaveLength(AFFORDABLE);
    expect(refusals).toEqual(Array.from({ length: 20 - AFFORDABLE }, () => 'conflict R-FUND-2'));

    const stored = (await store.get<BudgetLine>(keys.budgetLine(line.id)))?.value;
    expect(stored).toMatchObject({ amount: AMOUNT, committed: AFFORDABLE * PRICE, available: PRICE / 2 });
    expect(stored!.available).toBeGreaterThanOrEqual(0);
    expect(stored!.committed + stored!.available).toBe(stored!.amount);
    const moves = await queryPartition(keys.budgetLine(line.id).PK, {
      limit: 100,
      sortKeyPrefix: 'MOVE#COMMIT#',
    });
    expect(moves.items).toHaveLength(AFFORDABLE);

    // Nothing of a refused signature landed: its contract and project are as they were.
    const after = await Promise.all(
      contracts.map(async (c) => ({
        contract: (await store.get<Contract>(keys.contract(c.id)))?.value,
        project: (await store.get<Project>(keys.project(c.projectId)))?.value,
      })),
    );
    const contracted = after.filter((a) => a.contract?.status === 'signed');
    expect(contracted).toHaveLength(AFFORDABLE);
    expect(contracted.every((a) => a.project?.status === 'contracted')).toBe(true);
    const refused = after.filter((a) => a.contract?.status !== 'signed');
    expect(
      refused.every((a) => a.contract?.status === 'signed_by_one' && a.project?.status === 'awarded'),
    ).toBe(true);
  });
});
