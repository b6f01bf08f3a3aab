/**
 * Three transaction guards against DynamoDB Local through the real use cases (issue 10 §2): each use case reads,
 * decides, and writes one transaction whose condition must still hold when it lands. Here the competing change
 * lands exactly between the read and the write (the store's commit runs it first), so the only thing that can
 * refuse the write is the guard's condition, evaluated by DynamoDB:
 * - the first contract signature: the project must still be awarded with this contract (R-PROC-1, R-CON-1);
 * - a disqualification: the project must still be under compliance review, bidding_closed (R-PROC-3);
 * - Evaluate: every score sheet must still be at the version ranked (R-PROC-3).
 * Each case also runs without the competitor and lands, so the refusal is the race's and nothing else's.
 */
import { describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { RecordChange } from '#shared/adapters/dynamodb/record-store';
import { previousOf } from '#shared/adapters/dynamodb/record-store';
import { store } from '#shared/adapters/store';
import { callbackDeps } from '#shared/adapters/workflow';
import type { BudgetLine } from '#shared/domain/budget';
import { isoWithOffset, systemClock } from '#shared/domain/clock';
import type { Contract } from '#shared/domain/contract';
import { newId } from '#shared/domain/ids';
import type { BidRecord, ScoreSheet } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import { disqualify } from '#shared/use-cases/bids';
import { openLine } from '#shared/use-cases/budget-lines';
import { draftContractFor, signContract } from '#shared/use-cases/contracts';
import type { Deps } from '#shared/use-cases/ports';
import { evaluate } from '#shared/use-cases/procurement-tasks';
import { projectChange } from '#shared/use-cases/project-records';
import { project } from '../handlers/procurement-fixtures';

const FINANCE = { sub: 'u-finance', role: 'finance' };
const BUREAU = { sub: 'u-bureau', role: 'bureau' };
const WORKFLOW = { sub: 'workflow:procurement', role: 'workflow' };
const PANEL = ['ev-1', 'ev-2', 'ev-3'];
const PRICE = 1_000_000;
const deps: Deps = { store, clock: systemClock };

/** Deps whose first commit lets `competitor` land first: the race lost at the worst moment, every time. */
function losingTo(competitor: () => Promise<unknown>): Deps {
  let raced = false;
  return {
    ...deps,
    store: {
      ...store,
      commit: async (...args: Parameters<typeof store.commit>) => {
        if (!raced) {
          raced = true;
          await competitor();
        }
        return store.commit(...args);
      },
    },
  };
}

/** The bureau cancels the project (as cancelProject would, without its release): any status but the one read. */
async function cancel(projectId: string): Promise<void> {
  const stored = await store.get<Project>(keys.project(projectId));
  if (!stored) throw new Error(`project ${projectId} missing`);
  const at = isoWithOffset(new Date());
  const next: Project = {
    ...stored.value,
    status: 'cancelled',
    version: stored.value.version + 1,
    updatedAt: at,
  };
  await store.commit([projectChange(next, 'test.cancelled', BUREAU, stored)]);
}

const rejection = async (promise: Promise<unknown>) => {
  const settled = await Promise.allSettled([promise]);
  const [only] = settled;
  if (only?.status !== 'rejected') throw new Error('expected the write to be refused');
  const reason = only.reason as {
    name?: string;
    code?: string;
    details?: { rule?: string };
    message: string;
  };
  return { name: reason.name, code: reason.code, rule: reason.details?.rule, message: reason.message };
};

// ---- the first signature ----

async function draftedContract(year: number): Promise<Contract> {
  const line: BudgetLine = await openLine(
    deps,
    { purchaserId: 'pur-district', fiscalYear: year, source: 'special_funds', amount: 10 * PRICE },
    { viewer: FINANCE, actor: FINANCE, remember: () => [] },
  );
  const now = isoWithOffset(new Date());
  const awarded = project({
    id: newId('prj'),
    purchaserId: line.purchaserId,
    fiscalYear: line.fiscalYear,
    budgetLineId: line.id,
    estimatedAmount: PRICE,
    term: { start: `${year}-05-01`, end: `${year}-12-31` },
    status: 'awarded',
    award: {
      bidId: newId('bid'),
      contractorId: newId('ctr'),
      contractorName: '守卫测试社会工作服务中心',
      contractorKind: 'social_organization',
      price: PRICE,
      awardedAt: now,
      standstill: { opensAt: now, lastDay: now.slice(0, 10), closesAt: now, movedToWorkingDay: false },
    },
    createdAt: now,
    updatedAt: now,
  });
  await store.commit([projectChange(awarded, 'test.awarded', WORKFLOW)]);
  return draftContractFor(deps, awarded.id, WORKFLOW);
}

const signFirst = (d: Deps, contract: Contract) => {
  const contractor = { sub: `u-${contract.contractorId}`, role: 'contractor' };
  return signContract({ ...d, ...callbackDeps }, contract.id, {
    viewer: { ...contractor, contractorId: contract.contractorId },
    actor: contractor,
    ifMatch: contract.version,
  });
};

// ---- compliance review and ranking ----

const deadlinePassed = () => isoWithOffset(new Date(Date.now() - 60_000));

function bidOf(projectId: string, n: number, price: number): BidRecord {
  return {
    id: newId('bid'),
    projectId,
    contractorId: `ctr_guard_${n}_${projectId.slice(-6)}`,
    contractorKind: 'enterprise',
    contractorName: `守卫测试服务公司 ${n}`,
    nonProfit: false,
    price,
    proposal: { summary: '服务方案' },
    documentIds: [],
    revision: 1,
    submittedAt: deadlinePassed(),
    submittedBy: { sub: `u-c${n}`, role: 'contractor' },
    version: 1,
  };
}

const bidChange = (b: BidRecord): RecordChange => ({
  recordType: 'bid',
  recordId: b.id,
  key: keys.bid(b.projectId, b.contractorId),
  value: b,
  actor: b.submittedBy,
  action: 'bid.submitted',
  at: b.submittedAt,
});

const sheetChange = (sheet: ScoreSheet, previous?: Parameters<typeof previousOf>[0]): RecordChange => ({
  recordType: 'scoreSheet',
  recordId: `${sheet.projectId}#${sheet.round}#${sheet.evaluatorId}`,
  key: keys.scoreSheet(sheet.projectId, sheet.round, sheet.evaluatorId),
  value: sheet,
  ...previousOf(previous),
  actor: { sub: sheet.evaluatorId, role: 'evaluator' },
  action: previous ? 'scoreSheet.replaced' : 'scoreSheet.submitted',
  at: sheet.submittedAt,
});

/** A project in compliance review (bidding closed, deadline passed) with two bids. */
async function closedProject(): Promise<{ project: Project; bids: BidRecord[] }> {
  const id = newId('prj');
  const closedAt = deadlinePassed();
  const closed = project({
    id,
    status: 'bidding_closed',
    scoringRound: 1,
    evaluatorIds: PANEL,
    tender: { publishedAt: closedAt, bidDeadline: closedAt, minimumBids: 1 },
    workflow: { executionArn: `arn:test:execution:${id}`, startedAt: closedAt, waitingFor: 'scores' },
    createdAt: closedAt,
    updatedAt: closedAt,
  });
  const bids = [bidOf(id, 1, 9_000_000), bidOf(id, 2, 7_000_000)];
  await store.commit([projectChange(closed, 'test.bidding_closed', WORKFLOW), ...bids.map(bidChange)]);
  return { project: closed, bids };
}

const sheet = (
  p: Project,
  bids: BidRecord[],
  evaluatorId: string,
  first: number,
  second: number,
): ScoreSheet => ({
  projectId: p.id,
  round: 1,
  evaluatorId,
  scores: bids.flatMap((b, i) => [
    { bidId: b.id, criterionCode: 'service_plan', score: i === 0 ? first : second },
    { bidId: b.id, criterionCode: 'team', score: i === 0 ? first : second },
  ]),
  submittedAt: isoWithOffset(new Date()),
  version: 1,
});

const disqualifyFirst = (d: Deps, p: Project, b: BidRecord) =>
  disqualify(
    d,
    p.id,
    b.contractorId,
    { reason: '资格证明文件缺失' },
    { viewer: BUREAU, actor: BUREAU, ifMatch: 1 },
  );

describe('transaction guards decide a race lost between the read and the write (DynamoDB Local)', () => {
  it('R-PROC-1, R-CON-1: a first signature on a project cancelled meanwhile is refused (409) and the contract is unsigned', async () => {
    // Arrange
    const raced = await draftedContract(2034);
    const control = await draftedContract(2035);

    // Act
    const refused = await rejection(
      signFirst(
        losingTo(() => cancel(raced.projectId)),
        raced,
      ),
    );
    const signed = await signFirst(deps, control);

    // Assert
    expect(refused).toMatchObject({ code: 'conflict', rule: 'R-PROC-1' });
    expect(refused.message).toContain(`no longer awaits contract ${raced.id}`);
    expect((await store.get<Contract>(keys.contract(raced.id)))?.value).toMatchObject({
      status: 'draft',
      version: 1,
    });
    expect((await store.get<Project>(keys.project(raced.projectId)))?.value.status).toBe('cancelled');
    expect(signed.status).toBe('signed_by_one');
  });

  it('R-PROC-3: a disqualification on a project that left compliance review meanwhile is refused (409) and the bid stays valid', async () => {
    // Arrange
    const raced = await closedProject();
    const control = await closedProject();

    // Act
    const refused = await rejection(
      disqualifyFirst(
        losingTo(() => cancel(raced.project.id)),
        raced.project,
        raced.bids[0]!,
      ),
    );
    const done = await disqualifyFirst(deps, control.project, control.bids[0]!);

    // Assert
    expect(refused).toMatchObject({ code: 'conflict', rule: 'R-PROC-3' });
    expect(refused.message).toContain('left compliance review meanwhile');
    const bid = await store.get<BidRecord>(keys.bid(raced.project.id, raced.bids[0]!.contractorId));
    expect(bid?.value).toMatchObject({ version: 1 });
    expect(bid?.value.disqualified).toBeUndefined();
    expect(done.bid.disqualified?.reason).toBe('资格证明文件缺失');
  });

  it('R-PROC-3: Evaluate ranks exactly the sheets it read: one replaced meanwhile makes it retry (transient), and the retry ranks the new sheet', async () => {
    // Arrange: all three evaluators prefer the first bid
    const { project: p, bids } = await closedProject();
    const sheets = PANEL.map((e) => sheet(p, bids, e, 90, 60));
    await store.commit(sheets.map((s) => sheetChange(s)));
    const taskDeps = (d: Deps) => ({ ...d, overrideSeconds: undefined });
    // An evaluator replaces the sheet while the round is still open (before the project is evaluated)
    const replace = async () => {
      const key = keys.scoreSheet(p.id, 1, 'ev-3');
      const stored = await store.get<ScoreSheet>(key);
      const next = { ...sheet(p, bids, 'ev-3', 0, 100), version: (stored?.value.version ?? 0) + 1 };
      await store.commit([sheetChange(next, stored)]);
    };

    // Act
    const refused = await rejection(evaluate(taskDeps(losingTo(replace)), p.id));
    const afterRace = (await store.get<Project>(keys.project(p.id)))?.value;
    const retried = await evaluate(taskDeps(deps), p.id);

    // Assert
    expect(refused).toMatchObject({ name: 'TransientTaskError' });
    expect(refused.message).toContain('score sheet of ev-3 changed while ranking');
    expect(afterRace?.status).toBe('bidding_closed');
    expect(afterRace?.evaluation).toBeUndefined();
    expect(retried.outcome).toBe('ranked');
    const evaluated = (await store.get<Project>(keys.project(p.id)))?.value;
    // ev-3's new sheet counts: the second bid's mean is (60 + 60 + 100) / 3, not 60.
    const second = evaluated?.evaluation?.ranked.find((r) => r.bidId === bids[1]!.id);
    expect(second?.criteria.find((c) => c.code === 'service_plan')?.score).toBe('73.33');
  });
});
