/**
 * Budget lines (R-FUND-1, R-FUND-2): every purchase is paid from a line of social-assistance working funds
 * or special funds; commitments (at contract signing) never exceed it. Pure arithmetic here, which the second
 * signature applies to the line it read (shared/use-cases/contracts.ts); shared/adapters/dynamodb/budget-writes.ts
 * states the same rule as DynamoDB conditions so concurrent writers are checked at write time, not from a stale
 * read, and guards every movement's amount with `assertMovementAmount`.
 *
 * Issue 13: `pay` moves a payment after a passed acceptance (R-ACC-3) from `unpaid` to `paid`, never above
 * `committed`; `releaseCommitment` gives a terminated contract's unpaid remainder back to `available`. The adapter's
 * `payFunds` and `releaseFunds` hold the same rules as conditions (budget-writes.ts).
 */
import type { Actor } from './audit-chain';
import { DomainError } from './errors';

export const FUND_SOURCES = ['working_funds', 'special_funds'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

/** ¥100 billion in fen: far above any district budget, and every sum of such amounts stays a safe integer. */
export const MAX_FEN = 10_000_000_000_000;

export interface BudgetLine {
  id: string;
  purchaserId: string;
  /** China's fiscal year is the calendar year. */
  fiscalYear: number;
  source: FundSource;
  amount: number;
  committed: number;
  paid: number;
  /** amount − committed: stored so a DynamoDB condition can compare a commitment with it (no arithmetic in conditions). */
  available: number;
  /** committed − paid: stored for the same reason, for payments. */
  unpaid: number;
  currency: 'CNY';
  createdBy: Actor;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BudgetLineInput {
  purchaserId: string;
  fiscalYear: number;
  source: FundSource;
  amount: number;
}

/** R-FUND-2: an amount moved on a line (opened, committed) is a positive whole number of fen up to MAX_FEN. */
export function assertMovementAmount(amount: number, field: string): void {
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_FEN) {
    throw new DomainError('invalid', `${field}: a positive whole number of fen up to ${MAX_FEN}`, {
      field,
      rule: 'R-FUND-2',
    });
  }
}

export function openBudgetLine(
  input: BudgetLineInput,
  ctx: { id: string; actor: Actor; now: string },
): BudgetLine {
  assertMovementAmount(input.amount, 'amount');
  return {
    id: ctx.id,
    purchaserId: input.purchaserId,
    fiscalYear: input.fiscalYear,
    source: input.source,
    amount: input.amount,
    committed: 0,
    paid: 0,
    available: input.amount,
    unpaid: 0,
    currency: 'CNY',
    createdBy: ctx.actor,
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/** R-FUND-2: a commitment (contract signing) takes funds from `available`; never beyond the line. */
export function commit(line: BudgetLine, amount: number, field = 'amount', now = line.updatedAt): BudgetLine {
  assertMovementAmount(amount, field);
  if (line.committed + amount > line.amount) {
    throw new DomainError(
      'conflict',
      `${field}: committing ${amount} fen would exceed budget line ${line.id} (${line.available} fen available)`,
      { field, rule: 'R-FUND-2' },
    );
  }
  return {
    ...line,
    committed: line.committed + amount,
    available: line.available - amount,
    unpaid: line.unpaid + amount,
    version: line.version + 1,
    updatedAt: now,
  };
}

/** R-PROC-4 / R-FUND-2: a project's estimate must fit what the line has not yet committed. */
export function assertCovers(line: BudgetLine, amount: number, field: string): void {
  if (amount > line.available) {
    throw new DomainError(
      'refused',
      `${field}: ${amount} fen exceeds the ${line.available} fen still available on budget line ${line.id}`,
      { field, rule: 'R-FUND-2' },
    );
  }
}

/**
 * R-FUND-2, R-ACC-3: a payment (a milestone whose acceptance passed) moves `amount` from `unpaid` to `paid`; the
 * line never pays more than it committed (`paid + amount <= committed`, i.e. `unpaid >= amount`). A `deduction`
 * (the liability clause's, for rectification rounds) is never paid: it leaves the commitment at the same time
 * (`committed` and `unpaid` down, `available` up), so the line must still owe amount + deduction.
 */
export function pay(
  line: BudgetLine,
  amount: number,
  field = 'amount',
  now = line.updatedAt,
  deduction = 0,
): BudgetLine {
  assertMovementAmount(amount, field);
  if (!Number.isSafeInteger(deduction) || deduction < 0) {
    throw new DomainError('invalid', `${field}: a deduction is a whole number of fen, 0 or more`, {
      field,
      rule: 'R-FUND-2',
    });
  }
  if (line.paid + amount + deduction > line.committed) {
    throw new DomainError(
      'conflict',
      `${field}: paying ${amount} fen${deduction > 0 ? ` (and releasing the ${deduction} fen deducted)` : ''} would take budget line ${line.id} above its commitments (${line.unpaid} fen unpaid)`,
      { field, rule: 'R-FUND-2' },
    );
  }
  return {
    ...line,
    paid: line.paid + amount,
    committed: line.committed - deduction,
    available: line.available + deduction,
    unpaid: line.unpaid - amount - deduction,
    version: line.version + 1,
    updatedAt: now,
  };
}

/**
 * R-FUND-2: a terminated contract's unpaid remainder leaves the line's commitment: `committed` and `unpaid` down by
 * it, `available` up. Never more than the line still owes (`unpaid >= amount`), so `paid` stays within `committed`.
 */
export function releaseCommitment(
  line: BudgetLine,
  amount: number,
  field = 'amount',
  now = line.updatedAt,
): BudgetLine {
  assertMovementAmount(amount, field);
  if (amount > line.unpaid) {
    throw new DomainError(
      'conflict',
      `${field}: releasing ${amount} fen exceeds the ${line.unpaid} fen budget line ${line.id} still owes`,
      { field, rule: 'R-FUND-2' },
    );
  }
  return {
    ...line,
    committed: line.committed - amount,
    available: line.available + amount,
    unpaid: line.unpaid - amount,
    version: line.version + 1,
    updatedAt: now,
  };
}
