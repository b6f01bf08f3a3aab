/**
 * Counts the DynamoDB requests the handlers make, and the items each one touches. The embedded stack imports the
 * handler modules into this process, so they all share the one `documentClient`; a middleware on its stack sees
 * every request they send. The request count sits after the retry middleware, so it counts HTTP attempts (a
 * retried call counts twice).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoCounter {
  /** Requests per operation (GetItem, TransactWriteItems, …) since the last reset. */
  snapshot(): Record<string, number>;
  total(): number;
  /** Items the requests read or wrote since the last reset (see `itemsOf`). */
  items(): number;
  /** Capacity units DynamoDB reported (`ReturnConsumedCapacity: TOTAL`, asked only while `measureItems` is on). */
  capacityUnits(): number;
  /** On: every data-plane request asks for its consumed capacity. Off during timed runs: no change to requests. */
  measureItems(on: boolean): void;
  reset(): void;
}

const NAME = 'benchRequestCounter';
const ITEMS_NAME = 'benchItemCounter';

/** Operations that take `ReturnConsumedCapacity` (DescribeTable and the like do not). */
const DATA_PLANE = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);

type Fields = Record<string, unknown>;

const operationOf = (commandName: string | undefined): string =>
  (commandName ?? 'unknown').replace(/Command$/, '');

const lengthOf = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/**
 * Items one request touched, from what DynamoDB (Local) answers: a GetItem reads the item it returns (a miss
 * reads none), a Query or Scan the items it examined (`ScannedCount`, before any filter), a batch or transaction
 * its items; a single write one item.
 */
export function itemsOf(operation: string, input: Fields, output: Fields): number {
  switch (operation) {
    case 'GetItem':
      return output.Item === undefined ? 0 : 1;
    case 'Query':
    case 'Scan':
      return typeof output.ScannedCount === 'number' ? output.ScannedCount : 0;
    case 'BatchGetItem':
      return Object.values((output.Responses ?? {}) as Fields).reduce<number>((n, v) => n + lengthOf(v), 0);
    case 'BatchWriteItem':
      return Object.values((input.RequestItems ?? {}) as Fields).reduce<number>((n, v) => n + lengthOf(v), 0);
    case 'TransactGetItems':
    case 'TransactWriteItems':
      return lengthOf(input.TransactItems);
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return 1;
    default:
      return 0;
  }
}

/** Capacity units of `ConsumedCapacity`: one entry (single requests) or one per table (batches, transactions). */
export function capacityOf(output: Fields): number {
  const consumed = output.ConsumedCapacity;
  const entries: unknown[] = Array.isArray(consumed) ? consumed : consumed === undefined ? [] : [consumed];
  return entries.reduce<number>((sum, entry) => {
    const units = (entry as { CapacityUnits?: unknown }).CapacityUnits;
    return sum + (typeof units === 'number' ? units : 0);
  }, 0);
}

export function installCounter(client: DynamoDBDocumentClient): DynamoCounter {
  let counts = new Map<string, number>();
  let items = 0;
  let capacity = 0;
  let measuring = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = operationOf(context.commandName);
      counts.set(operation, (counts.get(operation) ?? 0) + 1);
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: NAME, override: true },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = operationOf(context.commandName);
      if (!measuring || !DATA_PLANE.has(operation)) return next(args);
      const input = { ...(args.input as Fields), ReturnConsumedCapacity: 'TOTAL' };
      const result = await next({ ...args, input });
      const output = result.output as Fields;
      items += itemsOf(operation, input, output);
      capacity += capacityOf(output);
      return result;
    },
    { step: 'initialize', priority: 'low', name: ITEMS_NAME, override: true },
  );
  return {
    snapshot: () => Object.fromEntries(counts),
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    items: () => items,
    capacityUnits: () => capacity,
    measureItems: (on) => {
      measuring = on;
    },
    reset: () => {
      counts = new Map();
      items = 0;
      capacity = 0;
    },
  };
}
