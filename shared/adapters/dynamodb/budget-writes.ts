/**
 * R-FUND-2 as DynamoDB conditions: the items a transaction adds to commit funds (contract signing), pay them
 * after a passed acceptance (R-ACC-3, `payFunds`), release a terminated contract's unpaid remainder
 * (`releaseFunds`), or check that a line still covers an estimate. The arithmetic of shared/domain/budget.ts is
 * enforced by DynamoDB when the transaction lands, never from an earlier read, so any number of concurrent
 * writers cannot take a line beyond its amount. Conditions cannot add, hence the stored `available`
 * (amount − committed) and `unpaid` (committed − paid) that every Update moves with the totals.
 */
import type { Actor } from '#shared/domain/audit-chain';
import { assertMovementAmount } from '#shared/domain/budget';
import { DomainError } from '#shared/domain/errors';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { keys } from './keys';
import type { ExtraWrite } from './record-store';

/** What caused a movement; a cause moves a line once (its movement item is written only if absent). */
export interface FundsCause {
  type: string;
  id: string;
}

export interface FundsMovement {
  lineId: string;
  /** The purchaser the caller believes owns the line: a line of another purchaser never moves (R-BUY-1). */
  purchaserId: string;
  amount: number;
  cause: FundsCause;
  actor: Actor;
  at: string;
  /** The request field to name when the line refuses (problem+json `errors[]`). */
  field?: string;
}

/** Retries that suit a transaction holding a commitment: signings against one line collide by design. */
export const FUNDS_CONFLICT_RETRIES = 10;

const exceeds = (m: FundsMovement, what: string) => () =>
  new DomainError(
    'conflict',
    `${m.field ?? 'amount'}: ${m.amount} fen would exceed ${what} of budget line ${m.lineId}`,
    { field: m.field ?? 'amount', rule: 'R-FUND-2' },
  );

type MovementKind = 'commitment' | 'payment' | 'release';

/** A movement's own record: once per cause and kind (a termination's release is `MOVE#RELEASE#termination#<id>`). */
function movementItem(m: FundsMovement, kind: MovementKind = 'commitment', deduction = 0): ExtraWrite {
  return {
    item: {
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...keys.budgetMovement(
            m.lineId,
            kind === 'payment' ? 'PAY' : kind === 'release' ? 'RELEASE' : 'COMMIT',
            m.cause.type,
            m.cause.id,
          ),
          recordType: 'budget-movement',
          lineId: m.lineId,
          kind,
          amount: m.amount,
          ...(deduction > 0 ? { deductionReleased: deduction } : {}),
          cause: m.cause,
          actor: m.actor,
          at: m.at,
        },
        // Immutable and once per cause: a retried signing cannot commit twice.
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: () =>
      new DomainError(
        'conflict',
        `${m.cause.type} ${m.cause.id} has already ${kind === 'payment' ? 'been paid from' : kind === 'release' ? 'released funds on' : 'committed on'} budget line ${m.lineId}`,
        { rule: 'R-FUND-2' },
      ),
  };
}

/**
 * Commit `amount` against the line (contract signing), as two items of the caller's transaction. The amount is
 * checked first by the domain's rule: a zero or negative one would pass `available >= :x` and raise `available`.
 */
export function commitFunds(m: FundsMovement): ExtraWrite[] {
  assertMovementAmount(m.amount, m.field ?? 'amount');
  return [
    {
      item: {
        Update: {
          TableName: TABLE_NAME,
          Key: keys.budgetLine(m.lineId),
          // committed + :x <= amount, stated as available >= :x because conditions cannot add.
          ConditionExpression: 'purchaserId = :purchaser AND available >= :x',
          UpdateExpression:
            'SET committed = committed + :x, available = available - :x, unpaid = unpaid + :x, version = version + :one, updatedAt = :at',
          ExpressionAttributeValues: {
            ':purchaser': m.purchaserId,
            ':x': m.amount,
            ':one': 1,
            ':at': m.at,
          },
        },
      },
      onConditionFailed: exceeds(m, 'the available funds'),
    },
    movementItem(m),
  ];
}

/**
 * R-FUND-2, R-ACC-3: pay `amount` from the line (a milestone whose acceptance passed), as two items of the caller's
 * transaction: `paid` up and `unpaid` down, only while the line still owes it (`paid + x <= committed`, stated as
 * `unpaid >= :x`), and a `MOVE#PAY#<cause>` item written once per cause, so a milestone never moves the line twice
 * however many payments race for it. `deduction` (the liability clause's deduction for rectification rounds) is never
 * paid: it leaves the commitment in the same update (`committed`, `unpaid` down, `available` up), so a completed
 * contract leaves nothing committed and unpaid on the line.
 */
export function payFunds(m: FundsMovement & { deduction?: number }): ExtraWrite[] {
  assertMovementAmount(m.amount, m.field ?? 'amount');
  const deduction = m.deduction ?? 0;
  if (!Number.isSafeInteger(deduction) || deduction < 0) {
    throw new Error(`deduction ${deduction}: a whole number of fen, 0 or more`);
  }
  return [
    {
      item: {
        Update: {
          TableName: TABLE_NAME,
          Key: keys.budgetLine(m.lineId),
          ConditionExpression: 'purchaserId = :purchaser AND unpaid >= :owed AND committed >= :owed',
          UpdateExpression:
            'SET paid = paid + :x, unpaid = unpaid - :owed, committed = committed - :d, available = available + :d, version = version + :one, updatedAt = :at',
          ExpressionAttributeValues: {
            ':purchaser': m.purchaserId,
            ':x': m.amount,
            ':d': deduction,
            ':owed': m.amount + deduction,
            ':one': 1,
            ':at': m.at,
          },
        },
      },
      onConditionFailed: exceeds(m, 'the commitments (unpaid)'),
    },
    movementItem(m, 'payment', deduction),
  ];
}

/**
 * R-FUND-2: release `amount` of a terminated contract's unpaid remainder from the line's commitment: `committed`
 * and `unpaid` down, `available` up, only while the line still owes that much; its own movement item, once per cause.
 */
export function releaseFunds(m: FundsMovement): ExtraWrite[] {
  assertMovementAmount(m.amount, m.field ?? 'amount');
  return [
    {
      item: {
        Update: {
          TableName: TABLE_NAME,
          Key: keys.budgetLine(m.lineId),
          ConditionExpression: 'purchaserId = :purchaser AND unpaid >= :x AND committed >= :x',
          UpdateExpression:
            'SET committed = committed - :x, available = available + :x, unpaid = unpaid - :x, version = version + :one, updatedAt = :at',
          ExpressionAttributeValues: {
            ':purchaser': m.purchaserId,
            ':x': m.amount,
            ':one': 1,
            ':at': m.at,
          },
        },
      },
      onConditionFailed: exceeds(m, 'what is still owed (unpaid)'),
    },
    movementItem(m, 'release'),
  ];
}

/**
 * The line still covers `amount` when the transaction lands (a project's estimate, R-PROC-4): nothing is
 * taken, but a commitment that landed since the read makes the write fail instead of passing unseen.
 */
export function fundsCover(check: {
  lineId: string;
  purchaserId: string;
  fiscalYear: number;
  amount: number;
  field: string;
}): ExtraWrite {
  return {
    item: {
      ConditionCheck: {
        TableName: TABLE_NAME,
        Key: keys.budgetLine(check.lineId),
        ConditionExpression: 'purchaserId = :purchaser AND fiscalYear = :year AND available >= :x',
        ExpressionAttributeValues: {
          ':purchaser': check.purchaserId,
          ':year': check.fiscalYear,
          ':x': check.amount,
        },
      },
    },
    onConditionFailed: () =>
      new DomainError(
        'refused',
        `${check.field}: ${check.amount} fen exceeds what budget line ${check.lineId} still has available`,
        { field: check.field, rule: 'R-FUND-2' },
      ),
  };
}
