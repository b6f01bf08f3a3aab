/**
 * Payments of a signed contract (issue 13 §4; R-ACC-3, R-FUND-2; docs/payments.md): pay a payable milestone, list
 * what is due and overdue, withhold and release a payment, and terminate a contract for breach. Each change is one
 * transaction with its audit entries (R-SUP-2), the budget line's movement (budget-writes.ts) and the OCDS release
 * (implementation-disclosure.ts). The rules are shared/domain/milestone.ts, payment.ts and budget.ts.
 */
import type { Viewer } from '#shared/domain/access';
import type { Acceptance } from '#shared/domain/acceptance';
import { FINAL_ACCEPTANCE_STATUSES } from '#shared/domain/acceptance';
import type { Actor } from '#shared/domain/audit-chain';
import type { BudgetLine } from '#shared/domain/budget';
import { pay, releaseCommitment } from '#shared/domain/budget';
import { businessDate, isoWithOffset } from '#shared/domain/clock';
import type { Contract } from '#shared/domain/contract';
import { DomainError, notFound } from '#shared/domain/errors';
import type { ContractMilestone, DueState } from '#shared/domain/milestone';
import {
  cancelUnpaid,
  dueState,
  markPaid,
  paymentRefusal,
  releaseHold,
  settled,
  unpaidRemainder,
  withhold,
} from '#shared/domain/milestone';
import type { Payment } from '#shared/domain/payment';
import { assertSigned, completedBy, paymentOf, terminate } from '#shared/domain/payment';
import { FUNDS_CONFLICT_RETRIES, payFunds, releaseFunds } from '#shared/adapters/dynamodb/budget-writes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import type { AcceptanceAbortDeps } from './acceptance-callbacks';
import { abortAcceptances } from './acceptance-callbacks';
import { acceptanceChange } from './acceptances';
import { contractChange, loadContract, milestoneChange } from './contracts';
import { assertVersion, PreconditionFailed, readAgainOnRace } from './if-match';
import { paymentDisclosure, terminationDisclosure } from './implementation-disclosure';
import type { Deps } from './ports';
import { listScope } from './purchasers';

/**
 * A milestone's change: milestoneChange (contracts.ts) lists a payable one on the due index; a withheld one stays
 * on it too, so the due list shows it as withheld (never silently gone).
 */
const milestoneRecord = (
  next: ContractMilestone,
  action: string,
  actor: Actor,
  previous: Stored<ContractMilestone>,
): RecordChange => ({
  ...milestoneChange(next, action, actor, previous),
  ...(next.status === 'withheld' && next.dueBy
    ? { index: keys.milestoneDueIndex(next.purchaserId, next.dueBy, next.contractId, next.seq) }
    : {}),
});

const paymentChange = (payment: Payment, actor: Actor): RecordChange => ({
  recordType: 'payment',
  recordId: payment.id,
  key: keys.payment(payment.contractId, payment.seq),
  value: payment,
  actor,
  action: 'payment.made',
  at: payment.paidAt,
});

/** The contract's milestones in order, read consistently (a decision is made on them). */
async function loadMilestones(deps: Deps, contractId: string): Promise<Stored<ContractMilestone>[]> {
  const found = await deps.store.queryAll<ContractMilestone>(keys.milestonePartition(contractId), {
    sortKeyPrefix: 'SEQ#',
    consistent: true,
  });
  return found.sort((a, b) => a.value.seq - b.value.seq);
}

async function loadLine(deps: Deps, lineId: string, contractId: string): Promise<BudgetLine> {
  const line = await deps.store.get<BudgetLine>(keys.budgetLine(lineId));
  // Committed at signing and never deleted: its absence is a broken invariant, not a caller's mistake.
  if (!line) throw new Error(`budget line ${lineId} of contract ${contractId} is missing`);
  return line.value;
}

/**
 * A write that lost a race on one of its records (the milestone paid or cancelled meanwhile, the payment written by
 * another request): 409 with the reason, never 412 (the caller sent no If-Match) and never a second payment.
 */
const lostTo = (error: unknown, what: string): unknown =>
  error instanceof DomainError &&
  !(error instanceof PreconditionFailed) &&
  (error.code === 'stale' || error.code === 'duplicate')
    ? new DomainError('conflict', `${what} changed meanwhile (paid, withheld or cancelled); read it again`, {
        field: 'milestoneSeq',
        rule: 'R-FUND-2',
      })
    : error;

export type PaymentView = Payment & { contractStatus: 'signed' | 'completed' };

/**
 * R-ACC-3, R-FUND-2: finance pays milestone `milestoneSeq` of a signed contract: 409 with the reason unless it is
 * payable, not withheld, and every earlier one is settled. One transaction: the payment, the milestone paid (off
 * the due index), the budget line (`paid` up, `unpaid` down, never above `committed`; the deduction released), the
 * audit entries, the OCDS release, and with the last milestone the contract completed.
 */
export async function payMilestone(
  deps: Deps,
  contractId: string,
  input: { milestoneSeq: number; reference?: string },
  ctx: { viewer: Viewer; actor: Actor; remember: (payment: PaymentView) => ExtraWrite[] },
): Promise<PaymentView> {
  const stored = await loadContract(deps, contractId, ctx.viewer);
  const contract = stored.value;
  assertSigned(contract, 'payment');
  const milestones = await loadMilestones(deps, contractId);
  const refusal = paymentRefusal(
    input.milestoneSeq,
    milestones.map((m) => m.value),
  );
  if (refusal) throw refusal;
  const storedMilestone = milestones.find((m) => m.value.seq === input.milestoneSeq)!;
  const milestone = storedMilestone.value;
  const at = isoWithOffset(deps.clock.now());
  // R-FUND-2 on the line as read (409 naming milestoneSeq); payFunds holds the same rule when the write lands.
  pay(
    await loadLine(deps, milestone.budgetLineId, contractId),
    milestone.payable,
    'milestoneSeq',
    at,
    milestone.deduction,
  );
  const payment = paymentOf(milestone, input, { actor: ctx.actor, at });
  const paid = markPaid(milestone, { id: payment.id, amount: payment.amount, paidAt: at });
  const after = milestones.map((m) => (m.value.seq === paid.seq ? paid : m.value));
  const completed = completedBy(contract, after, at);
  const view: PaymentView = { ...payment, contractStatus: completed ? 'completed' : 'signed' };
  const disclosure = await paymentDisclosure(deps, {
    contract: completed ?? contract,
    milestone: paid,
    payment: { id: payment.id, amount: payment.amount, paidAt: at },
    at,
  });
  await deps.store
    .commit(
      [
        paymentChange(payment, ctx.actor),
        milestoneRecord(paid, 'milestone.paid', ctx.actor, storedMilestone),
        ...(completed ? [contractChange(completed, 'contract.completed', ctx.actor, stored)] : []),
      ],
      [
        ...payFunds({
          lineId: milestone.budgetLineId,
          purchaserId: contract.purchaserId,
          amount: payment.amount,
          deduction: milestone.deduction,
          cause: { type: 'milestone', id: `${contractId}.m${milestone.seq}` },
          actor: ctx.actor,
          at,
          field: 'milestoneSeq',
        }),
        ...disclosure,
        ...ctx.remember(view),
      ],
      // The line is hot (every payment and signing of the purchaser's line): resend on a bare conflict.
      { conflictRetries: FUNDS_CONFLICT_RETRIES },
    )
    .catch((error: unknown) => {
      throw lostTo(error, `milestone ${milestone.seq} of contract ${contractId}`);
    });
  return view;
}

/** The contract's milestones with status, acceptance, deduction, due date, holds and payment. */
export async function listMilestones(
  deps: Deps,
  contractId: string,
  viewer: Viewer,
): Promise<{ contract: Contract; items: ContractMilestone[] }> {
  const { value: contract } = await loadContract(deps, contractId, viewer);
  const milestones = await loadMilestones(deps, contractId);
  return { contract, items: milestones.map((m) => m.value) };
}

export type DueMilestone = ContractMilestone & { state: DueState; daysOverdue: number };

/**
 * The payment clock (国务院令第802号): one purchaser's payable and withheld milestones, oldest due first (GSI1
 * `PAYABLE#<purchaserId>`, sorted by due date), each due or overdue as of today in Asia/Shanghai, or withheld.
 */
export async function listDue(
  deps: Deps,
  query: { purchaserId?: string; limit: number; cursor?: string },
  viewer: Viewer,
): Promise<{ purchaserId: string; today: string; items: DueMilestone[]; cursor?: string }> {
  const purchaserId = listScope(viewer, query.purchaserId);
  const today = businessDate(deps.clock.now());
  const page = await deps.store.queryIndex<ContractMilestone>(keys.payablePartition(purchaserId), {
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const items: DueMilestone[] = [];
  for (const { value } of page.items) {
    const state = dueState(value, today);
    if (state) items.push({ ...value, ...state });
  }
  return { purchaserId, today, items, ...(page.cursor ? { cursor: page.cursor } : {}) };
}

async function loadMilestone(
  deps: Deps,
  ids: { contractId: string; seq: number },
  viewer: Viewer,
): Promise<{ contract: Contract; milestone: Stored<ContractMilestone> }> {
  const { value: contract } = await loadContract(deps, ids.contractId, viewer);
  const milestone = await deps.store.get<ContractMilestone>(keys.milestone(ids.contractId, ids.seq));
  if (!milestone) throw notFound('milestone');
  return { contract, milestone };
}

/** 2 CFR 200.339: withhold a payable milestone pending corrective action (If-Match on the milestone), with a reason. */
export async function withholdMilestone(
  deps: Deps,
  ids: { contractId: string; seq: number },
  input: { reason: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<ContractMilestone> {
  const { contract, milestone } = await loadMilestone(deps, ids, ctx.viewer);
  assertVersion(milestone.value, ctx.ifMatch);
  assertSigned(contract, 'withholding');
  const next = withhold(milestone.value, input.reason, ctx.actor, isoWithOffset(deps.clock.now()));
  await deps.store.commit([milestoneRecord(next, 'milestone.withheld', ctx.actor, milestone)]);
  return next;
}

/** The hold released with a note (If-Match): payable again, its due date moved by the days it was held. */
export async function releaseMilestone(
  deps: Deps,
  ids: { contractId: string; seq: number },
  input: { note: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<ContractMilestone> {
  const { contract, milestone } = await loadMilestone(deps, ids, ctx.viewer);
  assertVersion(milestone.value, ctx.ifMatch);
  assertSigned(contract, 'release of a payment');
  const next = releaseHold(milestone.value, input.note, ctx.actor, isoWithOffset(deps.clock.now()));
  await deps.store.commit([milestoneRecord(next, 'milestone.released', ctx.actor, milestone)]);
  return next;
}

/**
 * R-ACC-3: an acceptance under way when its contract is terminated is cancelled with the termination (the same shape
 * the acceptance tasks write when they find the contract ended, cancelIfContractEnded in acceptance-tasks.ts): no
 * milestone is made payable and no result announced; its workflow is told by abortAcceptances once this commits.
 */
const cancelledBy = (acceptance: Acceptance, reason: string, at: string): Acceptance => ({
  ...acceptance,
  status: 'cancelled',
  cancellation: { reason: `contract terminated: ${reason}`.slice(0, 1000), contractStatus: 'terminated', at },
  workflow: acceptance.workflow.executionArn ? { executionArn: acceptance.workflow.executionArn } : {},
  version: acceptance.version + 1,
  updatedAt: at,
});

/** The contract's acceptances not yet decided (collecting opinions, inspecting, in rectification), read consistently. */
async function loadUndecided(deps: Deps, contractId: string): Promise<Stored<Acceptance>[]> {
  const found = await deps.store.queryAll<Acceptance>(keys.acceptancePartition(contractId), {
    sortKeyPrefix: keys.acceptance(contractId, '').SK,
    consistent: true,
  });
  return found.filter((a) => !FINAL_ACCEPTANCE_STATUSES.includes(a.value.status));
}

/**
 * R-FUND-2: the bureau terminates a signed contract for breach (If-Match on the contract): one transaction holds the
 * contract terminated, every unpaid milestone cancelled (at most 12: 2 items each), every acceptance under way
 * cancelled (R-ACC-3; at most one per milestone: 2 items each), the unpaid remainder released from the line's
 * commitment with its movement item, the audit entries and the OCDS contractTermination. Then the acceptances' parked
 * workflows are failed with AcceptanceCancelled at once (abortAcceptances), as a cancelled project's is
 * (projects.ts cancel), but a failure to do so is logged, not answered: the termination stands and the callback's
 * hourly re-park ends the execution; one between two tasks (rectification, a task running) ends at its next task, which finds it
 * cancelled. A record that changed between the reads and the commit (a workflow task moved an acceptance) is read
 * again (readAgainOnRace, if-match.ts).
 */
export async function terminateContract(
  deps: Deps & AcceptanceAbortDeps,
  id: string,
  input: { reason: string; liability: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<Contract> {
  const { terminated, acceptances } = await readAgainOnRace(() => commitTermination(deps, id, input, ctx));
  // R-ACC-3: the workflows parked on a callback (opinions, panel) end now. The termination has committed: a failure
  // to end one is logged (abortAcceptances), never answered as a 5xx; the callback's hourly re-park ends it.
  if (acceptances > 0) await abortAcceptances(deps, id, `contract terminated: ${input.reason}`);
  return terminated;
}

async function commitTermination(
  deps: Deps,
  id: string,
  input: { reason: string; liability: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<{ terminated: Contract; acceptances: number }> {
  const stored = await loadContract(deps, id, ctx.viewer);
  assertVersion(stored.value, ctx.ifMatch);
  const milestones = await loadMilestones(deps, id);
  const remainder = unpaidRemainder(milestones.map((m) => m.value));
  const at = isoWithOffset(deps.clock.now());
  const terminated = terminate(
    stored.value,
    input,
    { actor: ctx.actor, at, released: remainder },
    milestones.map((m) => m.value),
  );
  if (remainder > 0) {
    releaseCommitment(await loadLine(deps, terminated.budgetLineId, id), remainder, 'id', at);
  }
  const undecided = await loadUndecided(deps, id);
  const open = milestones.filter((m) => !settled(m.value));
  const cancelled = open.map((m) => ({ stored: m, next: cancelUnpaid(m.value, at) }));
  const after = milestones.map((m) => cancelled.find((c) => c.next.seq === m.value.seq)?.next ?? m.value);
  const disclosure = await terminationDisclosure(deps, { contract: terminated, milestones: after, at });
  await deps.store.commit(
    [
      contractChange(terminated, 'contract.terminated', ctx.actor, stored),
      ...cancelled.map((c) => milestoneRecord(c.next, 'milestone.cancelled', ctx.actor, c.stored)),
      ...undecided.map((a) =>
        acceptanceChange(cancelledBy(a.value, input.reason, at), 'acceptance.cancelled', ctx.actor, a),
      ),
    ],
    [
      ...(remainder > 0
        ? releaseFunds({
            lineId: terminated.budgetLineId,
            purchaserId: terminated.purchaserId,
            amount: remainder,
            cause: { type: 'termination', id },
            actor: ctx.actor,
            at,
            field: 'id',
          })
        : []),
      ...disclosure,
    ],
    { conflictRetries: FUNDS_CONFLICT_RETRIES },
  );
  return { terminated, acceptances: undecided.length };
}
