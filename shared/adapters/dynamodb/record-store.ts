/**
 * The one way to write a record (architecture.md, Data): every state change is one TransactWriteItems
 * holding the record (conditional on its version), its hash-chained audit entry (R-SUP-2) and any
 * further items (uniqueness markers, idempotency records). Either all land or none does.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor, AuditEntry, AuditHead } from '#shared/domain/audit-chain';
import { headOf, nextEntry } from '#shared/domain/audit-chain';
import { DomainError } from '#shared/domain/errors';
import { IdempotencyReplay } from '#shared/adapters/idempotency-replay';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { documentClient } from './client';
import type { ItemKey } from './keys';
import { keys } from './keys';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface RecordChange {
  recordType: string;
  recordId: string;
  key: ItemKey;
  /** Secondary-index attributes, if the record is listed through one. */
  index?: Record<string, string>;
  /** The new state of the record (the domain value). */
  value: { version: number } & object;
  /** `undefined` creates the record (it must not exist yet). */
  previous?: { version: number; head: AuditHead };
  actor: Actor;
  action: string;
  at: string;
  /**
   * What the audit entry records of the new state, where it must hold less than the record (issue 11 §6: a
   * contractor's entry keeps the masks and keyed hashes of its personal data, not the sealed data itself); the
   * record's value when absent.
   */
  auditData?: object;
}

/** `previous` for a change to a stored record, nothing for a new one. */
export function previousOf(stored: { value: { version: number }; head: AuditHead } | undefined) {
  return stored ? { previous: { version: stored.value.version, head: stored.head } } : {};
}

/** An extra item of the same transaction and the error to raise when its condition fails. */
export interface ExtraWrite {
  item: TransactItem;
  onConditionFailed: () => Error;
}

/**
 * A record read for the decision must still be at that version when the transaction lands (eligibility judged
 * on a contractor, a ranking on the sheets, a challenge on the award in force); `onChanged` says what to do.
 */
export const versionUnchanged = (key: ItemKey, version: number, onChanged: () => Error): ExtraWrite => ({
  item: {
    ConditionCheck: {
      TableName: TABLE_NAME,
      Key: key,
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': version },
    },
  },
  onConditionFailed: onChanged,
});

export function auditItem(entry: AuditEntry): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: { ...keys.auditEntry(entry.recordType, entry.recordId, entry.seq), ...entry },
      // Append-only: an entry is never overwritten.
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

function recordItems(change: RecordChange): { items: TransactItem[]; entry: AuditEntry } {
  const entry = nextEntry(change.previous?.head, {
    recordType: change.recordType,
    recordId: change.recordId,
    at: change.at,
    actor: change.actor,
    action: change.action,
    data: change.auditData ?? change.value,
  });
  const put: TransactItem = {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...change.key,
        ...change.index,
        recordType: change.recordType,
        ...change.value,
        ...headOf(entry),
      },
      ...(change.previous
        ? {
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': change.previous.version },
          }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    },
  };
  return { items: [put, auditItem(entry)], entry };
}

function failureFor(change: RecordChange): Error {
  return change.previous
    ? new DomainError('stale', `${change.recordType} ${change.recordId} changed meanwhile; read it again`)
    : new DomainError('duplicate', `${change.recordType} ${change.recordId} exists already`);
}

export interface CommitOptions {
  /**
   * How often to resend the same transaction when it was cancelled only because another transaction held
   * one of its items (TransactionConflict). Safe: nothing is re-read, every condition is evaluated again.
   * For hot items such as a budget line that many signings commit against at once (R-FUND-2).
   */
  conflictRetries?: number;
}

const CONFLICT_BACKOFF_MS = 15;
const CONFLICT_BACKOFF_CAP_MS = 400;

export async function commit(
  changes: readonly RecordChange[],
  extras: readonly ExtraWrite[] = [],
  options: CommitOptions = {},
): Promise<AuditEntry[]> {
  const built = changes.map(recordItems);
  const onFailure: (() => Error)[] = [];
  const items: TransactItem[] = [];
  built.forEach(({ items: recordAndAudit }, i) => {
    const change = changes[i] as RecordChange;
    items.push(...recordAndAudit);
    onFailure.push(
      () => failureFor(change),
      () => failureFor(change),
    );
  });
  for (const extra of extras) {
    items.push(extra.item);
    onFailure.push(extra.onConditionFailed);
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
      return built.map((b) => b.entry);
    } catch (error) {
      if (!onlyConflicted(error) || attempt >= (options.conflictRetries ?? 0)) {
        throw translateCancellation(error, onFailure);
      }
      // Full jitter, so writers that collided once do not collide again in step.
      const ceiling = Math.min(CONFLICT_BACKOFF_CAP_MS, CONFLICT_BACKOFF_MS * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}

/** Cancelled for a concurrent transaction only, with no condition of ours failing. */
function onlyConflicted(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}

/** A replayed idempotent request wins over any other failure: the first request did the work. */
function translateCancellation(error: unknown, onFailure: (() => Error)[]): unknown {
  if (!(error instanceof TransactionCanceledException)) return error;
  const failed = (error.CancellationReasons ?? [])
    .map((reason, i) => (reason.Code === 'ConditionalCheckFailed' ? onFailure[i]?.() : undefined))
    .filter((e): e is Error => e !== undefined);
  const raced = error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict');
  const retry = raced
    ? new DomainError('conflict', 'another change to the same record was in flight; try again')
    : undefined;
  return failed.find((e) => e instanceof IdempotencyReplay) ?? failed[0] ?? retry ?? error;
}
