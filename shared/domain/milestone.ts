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
import { DomainError } from './errors';
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

// ---- issue 13 §4: paying, withholding, cancelling (R-ACC-3, R-FUND-2) ----

const refuse = (message: string, rule: string, field?: string) =>
  new DomainError('conflict', message, { rule, ...(field ? { field } : {}) });

/** A milestone no longer owed: paid, or cancelled with its contract. */
export const settled = (m: Pick<ContractMilestone, 'status'>): boolean =>
  m.status === 'paid' || m.status === 'cancelled';

/**
 * R-ACC-3, R-FUND-2: why milestone `seq` cannot be paid now, or undefined when it can. It must exist, be `payable`
 * (its acceptance passed, or the signing advance), not withheld, and every earlier milestone must be paid or
 * cancelled (ProZorro-style order: milestone n is paid only once n−1 is settled). The amount is always its
 * `payable` (amount − deduction), so there is nothing else to check here.
 */
export function paymentRefusal(
  seq: number,
  milestones: readonly ContractMilestone[],
): DomainError | undefined {
  const m = milestones.find((x) => x.seq === seq);
  if (!m)
    return new DomainError('not_found', `milestoneSeq: the contract has no milestone ${seq}`, {
      field: 'milestoneSeq',
    });
  switch (m.status) {
    case 'paid':
      return refuse(`milestoneSeq: milestone ${seq} is paid already`, 'R-FUND-2', 'milestoneSeq');
    case 'cancelled':
      return refuse(
        `milestoneSeq: milestone ${seq} was cancelled with the contract`,
        'R-FUND-2',
        'milestoneSeq',
      );
    case 'withheld':
      return refuse(
        `milestoneSeq: milestone ${seq} is withheld pending corrective action (${m.withheld?.reason ?? 'no reason'}); release it first`,
        'R-ACC-3',
        'milestoneSeq',
      );
    case 'scheduled':
      return refuse(
        `milestoneSeq: milestone ${seq} has no passed acceptance: no payment without one`,
        'R-ACC-3',
        'milestoneSeq',
      );
    case 'payable':
      break;
  }
  const earlier = milestones.filter((x) => x.seq < seq && !settled(x)).map((x) => x.seq);
  if (earlier.length > 0) {
    return refuse(
      `milestoneSeq: milestone ${earlier.join(', ')} must be paid first (milestones are paid in order)`,
      'R-ACC-3',
      'milestoneSeq',
    );
  }
  if (m.payable < 0 || m.payable > m.amount || m.payable !== m.amount - m.deduction) {
    // A broken record, never a caller's mistake: what it would pay is not the amount less the deduction.
    throw new Error(
      `milestone ${m.contractId}.m${seq}: payable ${m.payable} is not ${m.amount} − ${m.deduction}`,
    );
  }
  return undefined;
}

/** The milestone paid: off the due index (milestoneChange lists only a payable one). */
export function markPaid(
  m: ContractMilestone,
  payment: { id: string; amount: number; paidAt: string },
): ContractMilestone {
  return {
    ...m,
    status: 'paid',
    payment,
    version: m.version + 1,
    updatedAt: payment.paidAt,
  };
}

/** Every milestone paid or cancelled: the contract is done with (with at least one paid, it completed). */
export const allSettled = (milestones: readonly ContractMilestone[]): boolean => milestones.every(settled);

/** 2 CFR 200.339: a payable milestone withheld pending corrective action, with a reason, never silently. */
export function withhold(m: ContractMilestone, reason: string, by: Actor, at: string): ContractMilestone {
  if (m.status !== 'payable') {
    throw refuse(`milestone ${m.seq} is ${m.status}: only a payable milestone is withheld`, 'R-ACC-3');
  }
  return {
    ...m,
    status: 'withheld',
    withheld: { reason, by, at },
    holds: [...m.holds, { reason, by, at }],
    version: m.version + 1,
    updatedAt: at,
  };
}

/** Whole calendar days between two Shanghai dates (YYYY-MM-DD), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The due date after a hold is released: the payment clock paused while the milestone was withheld (the corrective
 * action was the contractor's to take, 2 CFR 200.339), so the due date moves by the Shanghai days it was held. A hold
 * released on the day it was placed moves nothing.
 */
export function dueByAfterHold(dueBy: string, heldAt: string, releasedAt: string): string {
  const held = daysBetween(businessDate(new Date(heldAt)), businessDate(new Date(releasedAt)));
  return addDays(dueBy, Math.max(0, held));
}

/** The hold released with a note: payable again, its due date moved by the days it was held. */
export function releaseHold(m: ContractMilestone, note: string, by: Actor, at: string): ContractMilestone {
  if (m.status !== 'withheld' || !m.withheld) {
    throw refuse(`milestone ${m.seq} is ${m.status}: only a withheld milestone is released`, 'R-ACC-3');
  }
  const { withheld: _held, ...rest } = m;
  const last = m.holds.length - 1;
  return {
    ...rest,
    status: 'payable',
    ...(m.dueBy ? { dueBy: dueByAfterHold(m.dueBy, m.withheld.at, at) } : {}),
    holds: m.holds.map((h, i) =>
      i === last ? { ...h, releasedAt: at, releasedBy: by, releaseNote: note } : h,
    ),
    version: m.version + 1,
    updatedAt: at,
  };
}

/** Terminated contract: every milestone not paid is cancelled (its remainder leaves the line's commitment). */
export function cancelUnpaid(m: ContractMilestone, at: string): ContractMilestone {
  if (settled(m)) return m;
  const { withheld: _held, ...rest } = m;
  return { ...rest, status: 'cancelled', version: m.version + 1, updatedAt: at };
}

/** What a terminated contract still owed: the full amount of every milestone neither paid nor cancelled (fen). */
export function unpaidRemainder(milestones: readonly ContractMilestone[]): number {
  return milestones.filter((m) => !settled(m)).reduce((sum, m) => sum + m.amount, 0);
}

export type DueState = 'due' | 'overdue' | 'withheld';

/**
 * The payment clock as of `today` (Shanghai date): a payable milestone is due through its `dueBy` and overdue from
 * the day after (国务院令第802号: pay within the term); a withheld one is listed as withheld, not due.
 */
export function dueState(
  m: Pick<ContractMilestone, 'status' | 'dueBy'>,
  today: string,
): { state: DueState; daysOverdue: number } | undefined {
  if (m.status === 'withheld') return { state: 'withheld', daysOverdue: 0 };
  if (m.status !== 'payable' || !m.dueBy) return undefined;
  const late = daysBetween(m.dueBy, today);
  return late > 0 ? { state: 'overdue', daysOverdue: late } : { state: 'due', daysOverdue: 0 };
}
