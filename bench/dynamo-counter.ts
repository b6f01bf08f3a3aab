/**
 * Counts the DynamoDB requests the handlers make. The embedded stack imports the handler modules into this
 * process, so they all share the one `documentClient`; a middleware on its stack sees every request they
 * send. It sits after the retry middleware, so it counts HTTP attempts (a retried call counts twice).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoCounter {
  /** Requests per operation (GetItem, TransactWriteItems, …) since the last reset. */
  snapshot(): Record<string, number>;
  total(): number;
  reset(): void;
}

const NAME = 'benchRequestCounter';

export function installCounter(client: DynamoDBDocumentClient): DynamoCounter {
  let counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
      counts.set(operation, (counts.get(operation) ?? 0) + 1);
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: NAME, override: true },
  );
  return {
    snapshot: () => Object.fromEntries(counts),
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    reset: () => {
      counts = new Map();
    },
  };
}
