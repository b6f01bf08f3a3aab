/**
 * Issue 13 §4 (R-ACC-3, R-FUND-2): one milestone is never paid twice. A contract signed through the real use cases
 * (DraftContract's, then both signatures, which write the milestones with the signing advance payable), then 20
 * simultaneous POST /v1/contracts/{id}/payments for the advance over HTTP on the embedded stack, each with its own
 * Idempotency-Key: exactly one payment, 19 × 409, the budget line moved once.
 */
import { describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { queryPartition } from '#shared/adapters/dynamodb/records';
import { store } from '#shared/adapters/store';
import { callbackDeps } from '#shared/adapters/workflow';
import type { BudgetLine } from '#shared/domain/budget';
import { isoWithOffset, systemClock } from '#shared/domain/clock';
import type { ContractMilestone } from '#shared/domain/milestone';
import { newId } from '#shared/domain/ids';
import { openLine } from '#shared/use-cases/budget-lines';
import { draftContractFor, signContract } from '#shared/use-cases/contracts';
import { projectChange } from '#shared/use-cases/project-records';
import { project } from '../handlers/procurement-fixtures';
import { api, token } from '../support/stack-client';
import { unique } from '../support/procurement';
import { balances } from '../support/budget-invariants';

const FINANCE = { sub: 'u-finance', role: 'finance' };
const BUREAU = { sub: 'u-bureau', role: 'bureau' };
const WORKFLOW = { sub: 'workflow:procurement', role: 'workflow' };
const PRICE = 1_000_000;
const deps = { store, clock: systemClock };

/** An awarded project past its standstill, drafted and signed by both sides through the use cases. */
async function signedContract(line: BudgetLine) {
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
      contractorId: `ctr_payment_${unique()}`,
      contractorName: '付款并发测试社会工作服务中心',
      contractorKind: 'social_organization',
      price: PRICE,
      awardedAt: now,
      standstill: { opensAt: now, lastDay: now.slice(0, 10), closesAt: now, movedToWorkingDay: false },
    },
    createdAt: now,
    updatedAt: now,
  });
  await store.commit([projectChange(awarded, 'test.awarded', WORKFLOW)]);
  const drafted = await draftContractFor(deps, awarded.id, WORKFLOW);
  const contractor = { sub: `u-${drafted.contractorId}`, role: 'contractor' };
  const once = await signContract({ ...deps, ...callbackDeps }, drafted.id, {
    viewer: { ...contractor, contractorId: drafted.contractorId },
    actor: contractor,
    ifMatch: drafted.version,
  });
  return signContract({ ...deps, ...callbackDeps }, drafted.id, {
    viewer: BUREAU,
    actor: BUREAU,
    ifMatch: once.version,
  });
}

describe('one milestone is never paid twice (R-FUND-2)', () => {
  it('20 simultaneous payments of the signing advance, each with its own Idempotency-Key: 1 × 201, 19 × 409, the line moved once', async () => {
    // Arrange
    const line = await openLine(
      deps,
      { purchaserId: 'pur-district', fiscalYear: 2034, source: 'working_funds', amount: 10 * PRICE },
      { viewer: FINANCE, actor: FINANCE, remember: () => [] },
    );
    const contract = await signedContract(line);
    expect(contract.status).toBe('signed');
    const advance = contract.paymentMilestones[0]!;
    expect(advance.event).toBe('signing');
    const finance = await token('finance', { sub: `finance-${unique()}` });

    // Act
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api<{ amount: number; detail?: string }>('POST', `/v1/contracts/${contract.id}/payments`, {
          token: finance,
          headers: { 'idempotency-key': `pay-race-${i}-${unique()}` },
          body: { milestoneSeq: 1 },
        }),
      ),
    );

    // Assert
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses, answers.map((a) => a.text).join('\n')).toEqual([
      201,
      ...Array.from({ length: 19 }, () => 409),
    ]);
    expect(answers.find((a) => a.status === 201)?.json.amount).toBe(advance.amount);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.json.detail).toMatch(/paid already|changed meanwhile/);
    }

    const stored = (await store.get<BudgetLine>(keys.budgetLine(line.id)))?.value;
    expect(stored).toMatchObject({ committed: PRICE, paid: advance.amount, unpaid: PRICE - advance.amount });
    expect(balances(stored!)).toBe(true);
    const moves = await queryPartition(keys.budgetLine(line.id).PK, {
      limit: 100,
      sortKeyPrefix: 'MOVE#PAY#',
    });
    expect(moves.items).toHaveLength(1);
    const payments = await queryPartition(keys.milestonePartition(contract.id), {
      limit: 100,
      sortKeyPrefix: 'PAYMENT#',
    });
    expect(payments.items).toHaveLength(1);
    const milestone = await store.get<ContractMilestone>(keys.milestone(contract.id, 1));
    expect(milestone?.value).toMatchObject({ status: 'paid', payment: { amount: advance.amount } });
    // One paid entry in the milestone's audit chain: scheduled at signing, paid once.
    const trail = await store.auditTrail('milestone', `${contract.id}.m1`);
    expect(trail.map((e) => e.action)).toEqual(['milestone.scheduled', 'milestone.paid']);
  });
});
