/**
 * Payments of a signed contract's milestones (issue 13 §4; R-ACC-3, R-FUND-2): what a payment record holds, how a
 * contract completes with its last payment, and how the bureau terminates one for breach. The milestone's own rules
 * (payable, order, withholding, the payment clock) are shared/domain/milestone.ts; the budget line's arithmetic is
 * shared/domain/budget.ts (`pay`, `releaseCommitment`).
 */
import type { Actor } from './audit-chain';
import type { Contract } from './contract';
import { DomainError } from './errors';
import type { ContractMilestone } from './milestone';
import { allSettled } from './milestone';

/** One payment, one per milestone: its id is `<contractId>.p<seq>` (keys.payment, audit type `payment`). */
export interface Payment {
  id: string;
  contractId: string;
  /** The milestone paid (one payment per milestone, so also the payment's own sequence). */
  seq: number;
  purchaserId: string;
  contractorId: string;
  budgetLineId: string;
  /** What was paid (fen): the milestone's `payable`, its amount less the deduction, never more. */
  amount: number;
  /** The milestone's scheduled amount and the liability clause's deduction (fen). */
  milestoneAmount: number;
  deduction: number;
  /** The passed acceptance that made it payable (absent for the signing advance). */
  acceptanceId?: string;
  /** The treasury's payment reference (支付凭证号), as finance records it. */
  reference?: string;
  paidBy: Actor;
  paidAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const paymentId = (contractId: string, seq: number) => `${contractId}.p${seq}`;

/** The payment of a milestone that paymentRefusal let through: exactly its `payable`. */
export function paymentOf(
  m: ContractMilestone,
  input: { reference?: string },
  ctx: { actor: Actor; at: string },
): Payment {
  return {
    id: paymentId(m.contractId, m.seq),
    contractId: m.contractId,
    seq: m.seq,
    purchaserId: m.purchaserId,
    contractorId: m.contractorId,
    budgetLineId: m.budgetLineId,
    amount: m.payable,
    milestoneAmount: m.amount,
    deduction: m.deduction,
    ...(m.acceptance ? { acceptanceId: m.acceptance.id } : {}),
    ...(input.reference ? { reference: input.reference } : {}),
    paidBy: ctx.actor,
    paidAt: ctx.at,
    version: 1,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  };
}

/** A contract takes payments, dispatches and deliveries only while signed (not completed, not terminated). */
export function assertSigned(contract: Contract, what: string): void {
  if (contract.status !== 'signed') {
    throw new DomainError('conflict', `contract ${contract.id} is ${contract.status}: it takes no ${what}`, {
      rule: contract.status === 'terminated' || contract.status === 'completed' ? 'R-FUND-2' : 'R-CON-1',
    });
  }
}

/**
 * R-FUND-2: with its last milestone paid (every one paid or cancelled) the contract is completed, in the payment's
 * transaction; otherwise it stays as it is (undefined).
 */
export function completedBy(
  contract: Contract,
  milestonesAfter: readonly ContractMilestone[],
  at: string,
): Contract | undefined {
  if (contract.status !== 'signed' || !allSettled(milestonesAfter)) return undefined;
  return { ...contract, status: 'completed', completedAt: at, version: contract.version + 1, updatedAt: at };
}

/**
 * Termination for breach by the bureau (ProZorro: `active → terminated`, with its details): a reason and the liability
 * fixed, both required; `released` is the unpaid remainder the line's commitment gives back.
 */
export function terminate(
  contract: Contract,
  input: { reason: string; liability: string },
  ctx: { actor: Actor; at: string; released: number },
  milestones: readonly Pick<ContractMilestone, 'seq' | 'status' | 'acceptance'>[] = [],
): Contract {
  // R-ACC-3, R-FUND-2: work whose acceptance passed is owed; a termination never forfeits it unseen. Such a payable
  // or withheld milestone is settled first (paid; a withheld one released and paid), then the rest is terminated.
  // The signing advance pays for no accepted work: unpaid, it is cancelled with the rest.
  const owed = milestones.filter(
    (m) => (m.status === 'payable' || m.status === 'withheld') && m.acceptance !== undefined,
  );
  if (owed.length > 0 && contract.status === 'signed') {
    throw new DomainError(
      'conflict',
      `milestone ${owed.map((m) => m.seq).join(', ')} passed its acceptance and is owed (${owed
        .map((m) => m.status)
        .join(', ')}): pay it before terminating the contract`,
      { rule: 'R-ACC-3' },
    );
  }
  if (contract.status !== 'signed') {
    throw new DomainError(
      'conflict',
      `contract ${contract.id} is ${contract.status}: only a signed contract is terminated`,
      { rule: 'R-FUND-2' },
    );
  }
  for (const field of ['reason', 'liability'] as const) {
    if (input[field].trim() === '') {
      throw new DomainError('invalid', `${field}: required to terminate a contract`, { field });
    }
  }
  return {
    ...contract,
    status: 'terminated',
    termination: {
      reason: input.reason,
      liability: input.liability,
      by: ctx.actor,
      at: ctx.at,
      released: ctx.released,
    },
    version: contract.version + 1,
    updatedAt: ctx.at,
  };
}
