/**
 * A signed contract's payment milestones as records of their own (R-ACC-3, R-FUND-2): written at the second
 * signature, one per milestone of the contract's schedule, each moving
 *
 *   scheduled → payable (its acceptance passed; the signing advance at signature) → paid
 *   payable ⇄ withheld (pending corrective action, with a reason and a release)
 *   scheduled | payable | withheld → cancelled (the contract was terminated; the unpaid remainder is released)
 *
 * A milestone is payable only after its acceptance passed (the advance at signing excepted, which the schedule that
 * both sides signed names), and is paid once. The payment clock starts when it becomes payable: due within the
 * plan's payment term (default 30 days, at most 60, 国务院令第802号).
 */
import type { Actor } from './audit-chain';
import { addDays } from './acceptance-plan';
import { businessDate } from './clock';
import type { PaymentEvent, PaymentMilestone } from './payment-schedule';

export type MilestoneStatus = 'scheduled' | 'payable' | 'withheld' | 'paid' | 'cancelled';

export interface ContractMilestone {
  contractId: string;
  purchaserId: string;
  contractorId: string;
  budgetLineId: string;
  seq: number;
  event: PaymentEvent;
  /** The schedule's amount, integer fen. */
  amount: number;
  status: MilestoneStatus;
  /** The passed acceptance that made it payable (absent for the signing advance). */
  acceptance?: { id: string; passedAt: string; rectificationRounds: number };
  /** What the liability clause deducts for rectification rounds (fen), and what is paid: amount − deduction. */
  deduction: number;
  payable: number;
  /** When it became payable, and the Shanghai date it is due by. */
  payableSince?: string;
  dueBy?: string;
  withheld?: { reason: string; by: Actor; at: string };
  /** Every withholding and release, in order (never silent). */
  holds: {
    reason: string;
    by: Actor;
    at: string;
    releasedAt?: string;
    releasedBy?: Actor;
    releaseNote?: string;
  }[];
  payment?: { id: string; amount: number; paidAt: string };
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Shanghai date a payment that became payable at `at` is due by. */
export function paymentDueBy(at: string, termDays: number): string {
  return addDays(businessDate(new Date(at)), termDays);
}

/**
 * The milestones of a contract at its second signature: each scheduled, except the advance at signing, which is
 * payable at once (its due date counts from the signature).
 */
export function milestonesAtSigning(
  contract: {
    id: string;
    purchaserId: string;
    contractorId: string;
    budgetLineId: string;
    paymentMilestones: readonly PaymentMilestone[];
  },
  signedAt: string,
  paymentTermDays: number,
): ContractMilestone[] {
  return contract.paymentMilestones.map((m) => {
    const advance = m.event === 'signing';
    return {
      contractId: contract.id,
      purchaserId: contract.purchaserId,
      contractorId: contract.contractorId,
      budgetLineId: contract.budgetLineId,
      seq: m.seq,
      event: m.event,
      amount: m.amount,
      status: advance ? 'payable' : 'scheduled',
      deduction: 0,
      payable: m.amount,
      ...(advance ? { payableSince: signedAt, dueBy: paymentDueBy(signedAt, paymentTermDays) } : {}),
      holds: [],
      version: 1,
      createdAt: signedAt,
      updatedAt: signedAt,
    };
  });
}
