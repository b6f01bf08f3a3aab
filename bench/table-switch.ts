/**
 * Points the handlers at a second table of the same DynamoDB Local (§4 of issue 9: the small table is measured
 * again after the large one is loaded, on the same warmed-up JVM). The handlers read TABLE_NAME once at import,
 * so a middleware on their shared client rewrites the table name of each request while the switch is on; the
 * handler code, its requests and their keys are otherwise unchanged.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface TableSwitch {
  /** Requests go to `table` (the handlers' own table when undefined). */
  use(table: string | undefined): void;
}

type Fields = Record<string, unknown>;

const NAME = 'benchTableSwitch';
const TRANSACT_PARTS = ['Put', 'Update', 'Delete', 'ConditionCheck', 'Get'] as const;

/** The input with every reference to `from` (TableName, transaction parts, batch keys) renamed to `to`. */
export function retarget(input: Fields, from: string, to: string): Fields {
  const rename = (name: unknown) => (name === from ? to : name);
  const out: Fields = { ...input };
  if ('TableName' in out) out.TableName = rename(out.TableName);
  if (Array.isArray(out.TransactItems))
    out.TransactItems = (out.TransactItems as Fields[]).map((item) => {
      const copy: Fields = { ...item };
      for (const part of TRANSACT_PARTS) {
        const body = copy[part] as Fields | undefined;
        if (body) copy[part] = { ...body, TableName: rename(body.TableName) };
      }
      return copy;
    });
  if (out.RequestItems && typeof out.RequestItems === 'object')
    out.RequestItems = Object.fromEntries(
      Object.entries(out.RequestItems as Fields).map(([name, value]) => [rename(name), value]),
    );
  return out;
}

export function installTableSwitch(client: DynamoDBDocumentClient, handlersTable: string): TableSwitch {
  let target: string | undefined;
  client.middlewareStack.add(
    (next) => async (args) =>
      target === undefined
        ? next(args)
        : next({ ...args, input: retarget(args.input as Fields, handlersTable, target) }),
    // High priority: before the counter, which reads the input this produces.
    { step: 'initialize', priority: 'high', name: NAME, override: true },
  );
  return {
    use: (table) => {
      target = table;
    },
  };
}
