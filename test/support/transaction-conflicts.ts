/**
 * DynamoDB's rule for concurrent transactions, for tests and the deadline-rush bench (issue 11 §3): while a
 * TransactWriteItems is in flight it holds every item it names (Put, Update, Delete and ConditionCheck alike), and
 * another transaction naming one of those items is cancelled with TransactionConflict at that item's index.
 * DynamoDB Local serializes transactions instead and never answers TransactionConflict, so the contention the
 * project item caused in every bid transaction is invisible there without this.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

type Item = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A key attribute as the document client holds it, or marshalled (`{ S: … }`) as the low-level client does. */
const plain = (value: unknown): string =>
  String(value && typeof value === 'object' && 'S' in value ? (value as { S: unknown }).S : value);

/** The item a transaction entry names, as "PK|SK". */
export function itemKey(item: Item): string {
  const key = (item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key) as
    Record<string, unknown> | undefined;
  if (!key) throw new Error('a transaction item without a key');
  return `${plain(key.PK)}|${plain(key.SK)}`;
}

export interface ConflictTally {
  /** Transactions sent. */
  sent: number;
  /** Transactions cancelled for another's hold (each resend counts again). */
  conflicts: number;
}

/**
 * The rule itself: `run` takes a transaction's items, or cancels it as DynamoDB would when one is held, and holds
 * them until `send` (what carries the transaction out) settles, and at least `holdMs` (DynamoDB's own work).
 */
export function transactionConflictRule(
  options: { holdMs?: number; onConflict?: (heldKeys: string[]) => void } = {},
) {
  const held = new Set<string>();
  const tally: ConflictTally = { sent: 0, conflicts: 0 };
  const run = async <T>(input: TransactWriteCommandInput, send: () => Promise<T>): Promise<T> => {
    tally.sent++;
    const keys = (input.TransactItems ?? []).map(itemKey);
    if (keys.some((key) => held.has(key))) {
      tally.conflicts++;
      options.onConflict?.(keys.filter((key) => held.has(key)));
      throw new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
        $metadata: {},
        CancellationReasons: keys.map((key) => ({ Code: held.has(key) ? 'TransactionConflict' : 'None' })),
      });
    }
    for (const key of keys) held.add(key);
    try {
      const [result] = await Promise.all([
        send(),
        new Promise((resolve) => setTimeout(resolve, options.holdMs ?? 0)),
      ]);
      return result;
    } finally {
      for (const key of keys) held.delete(key);
    }
  };
  return { run, tally };
}

/** `send` (a mocked TransactWriteCommand, say) under the rule. */
export function withTransactionConflicts<T>(
  send: (input: TransactWriteCommandInput) => Promise<T>,
  options: { holdMs?: number } = {},
): { send: (input: TransactWriteCommandInput) => Promise<T>; tally: ConflictTally } {
  const rule = transactionConflictRule(options);
  return { send: (input) => rule.run(input, () => send(input)), tally: rule.tally };
}
