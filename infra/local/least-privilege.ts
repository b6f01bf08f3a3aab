/**
 * The route table's least-privilege declarations (issue 11 §2, shared/http/route-def.ts) enforced on the embedded
 * stack: while a handler runs, every DynamoDB and S3 call it makes is checked against what its route, event handler
 * or workflow task declares, and a call outside it fails with `AccessDeniedException` (S3: `AccessDenied`), as IAM
 * refuses it on AWS from the policy bind.ts emits. A route whose declaration misses a prefix therefore fails its
 * e2e and integration tests here rather than in production.
 *
 * How: the handlers' SDK clients (the one DynamoDB document client and the one S3 client of shared/adapters) get an
 * `initialize` middleware that reads the invocation's grants from an AsyncLocalStorage, which the handler loader
 * (infra/local/handlers.ts) sets around each invocation. Calls made outside an invocation (seeding, the workflow
 * runner's own store, tests reading the table) are not checked, as they are not made with a function's role.
 *
 * What AWS would decide, and how it is read here:
 * - GetItem, PutItem, UpdateItem, DeleteItem: the item's partition key (`dynamodb:LeadingKeys`).
 * - TransactWriteItems: each Put, Update, Delete and ConditionCheck as its own action on its own key;
 *   TransactGetItems each Get as GetItem (DynamoDB developer guide, "Using IAM with DynamoDB transactions").
 * - Query: the partition key value of the key condition; on GSI1 the index's partition key, against `index`.
 * - Anything else (Scan, BatchGetItem, BatchWriteItem, DescribeTable, PartiQL) is granted to no function.
 * - S3 GetObject (also presigned GET): `get`; PutObject and the presigned POST's policy: `put`;
 *   PutObjectTagging: `tag`; HeadBucket and ListObjects: `list`. A presigned URL is refused when it is signed, not when it is used, which is earlier
 *   than AWS (the URL would be refused by S3) but refuses the same thing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { BucketRights, KeyPrefix, RightsHolder, TableRights } from '#shared/http/route-def';
import { objectPatternGrants, prefixGrants, tableRightsOf } from '#shared/http/route-def';

/** What one function may do: its name (for the message) and its rights. */
export interface Grants {
  name: string;
  table?: TableRights;
  bucket?: BucketRights;
}

type TableRight = Exclude<keyof TableRights, 'audit'>;

const current = new AsyncLocalStorage<Grants>();

/** The grants of a route, event handler or task, with the pipeline's own writes (`tableRightsOf`). */
export function grantsOf(name: string, holder: RightsHolder): Grants {
  const table = tableRightsOf(holder);
  return { name, ...(table ? { table } : {}), ...(holder.bucket ? { bucket: holder.bucket } : {}) };
}

/** Runs `work` as the function with these grants: every SDK call it makes is checked. */
export const runWithGrants = <T>(grants: Grants, work: () => T): T => current.run(grants, work);

/** A refused call: what the SDK raises for a 400 AccessDeniedException (DynamoDB) or a 403 AccessDenied (S3). */
export class AccessDenied extends Error {
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 403 };
  constructor(name: 'AccessDeniedException' | 'AccessDenied', message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * A report-only mode for finding what a new route needs: with LEAST_PRIVILEGE_REPORT set, a refused call is
 * handed to `onReport` (the loader appends it to that file) and allowed. Never set in tests that prove the rights.
 */
let onReport: ((line: string) => void) | undefined;
export const reportInsteadOfRefusing = (report: ((line: string) => void) | undefined) => {
  onReport = report;
};

function refuse(service: 'dynamodb' | 's3', grants: Grants, action: string, resource: string): void {
  const message = `${grants.name} is not authorized to perform: ${service}:${action} on ${resource} (not declared in its route table entry, issue 11 §2)`;
  if (onReport) {
    onReport(JSON.stringify({ function: grants.name, action: `${service}:${action}`, resource }));
    return;
  }
  throw new AccessDenied(service === 'dynamodb' ? 'AccessDeniedException' : 'AccessDenied', message);
}

// ---------------------------------------------------------------------------------------------------------------
// DynamoDB

type AttributeValue = string | { S?: string } | undefined;
const stringOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  const wrapped = value as AttributeValue;
  return typeof wrapped === 'object' && typeof wrapped.S === 'string' ? wrapped.S : undefined;
};

interface KeyedInput {
  Key?: Record<string, unknown>;
  Item?: Record<string, unknown>;
}

const partitionOf = (input: KeyedInput | undefined): string | undefined =>
  stringOf(input?.Key?.PK ?? input?.Item?.PK);

function checkKey(grants: Grants, right: TableRight, action: string, partition: string | undefined): void {
  const allowed: readonly KeyPrefix[] = grants.table?.[right] ?? [];
  if (partition !== undefined && allowed.some((prefix) => prefixGrants(prefix, partition))) return;
  refuse('dynamodb', grants, action, `partition ${partition ?? '(none)'}`);
}

interface QueryInput {
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** The partition key value of a Query's key condition (`PK = :pk`, or the index's `GSI1PK = :pk`). */
function queriedPartition(input: QueryInput, partitionAttribute: string): string | undefined {
  const names = input.ExpressionAttributeNames ?? {};
  for (const match of (input.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const [, nameToken = '', valueToken = ''] = match;
    const name = nameToken.startsWith('#') ? names[nameToken] : nameToken;
    if (name === partitionAttribute) return stringOf(input.ExpressionAttributeValues?.[valueToken]);
  }
  return undefined;
}

interface TransactWriteInput {
  TransactItems?: {
    Put?: KeyedInput;
    Update?: KeyedInput;
    Delete?: KeyedInput;
    ConditionCheck?: KeyedInput;
  }[];
}

const TRANSACT_PARTS = [
  ['Put', 'put', 'PutItem'],
  ['Update', 'update', 'UpdateItem'],
  ['Delete', 'delete', 'DeleteItem'],
  ['ConditionCheck', 'check', 'ConditionCheckItem'],
] as const;

/** The operation without the SDK's `Command` suffix; the document client's commands name their own. */
const DOCUMENT_COMMANDS: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};
const operationOf = (commandName: string | undefined) => {
  const bare = (commandName ?? 'Unknown').replace(/Command$/, '');
  return DOCUMENT_COMMANDS[bare] ?? bare;
};

export function checkDynamoDbCall(grants: Grants, commandName: string | undefined, input: unknown): void {
  const operation = operationOf(commandName);
  switch (operation) {
    case 'GetItem':
      return checkKey(grants, 'read', operation, partitionOf(input as KeyedInput));
    case 'PutItem':
      return checkKey(grants, 'put', operation, partitionOf(input as KeyedInput));
    case 'UpdateItem':
      return checkKey(grants, 'update', operation, partitionOf(input as KeyedInput));
    case 'DeleteItem':
      return checkKey(grants, 'delete', operation, partitionOf(input as KeyedInput));
    case 'Query': {
      const query = input as QueryInput;
      if (query.IndexName === undefined) {
        return checkKey(grants, 'read', operation, queriedPartition(query, 'PK'));
      }
      if (query.IndexName !== 'GSI1') {
        return refuse('dynamodb', grants, operation, `index ${query.IndexName}`);
      }
      return checkKey(grants, 'index', operation, queriedPartition(query, 'GSI1PK'));
    }
    case 'TransactWriteItems':
      for (const item of (input as TransactWriteInput).TransactItems ?? []) {
        for (const [part, right, action] of TRANSACT_PARTS) {
          if (item[part]) checkKey(grants, right, action, partitionOf(item[part]));
        }
      }
      return;
    case 'TransactGetItems':
      for (const item of (input as { TransactItems?: { Get?: KeyedInput }[] }).TransactItems ?? []) {
        checkKey(grants, 'read', 'GetItem', partitionOf(item.Get));
      }
      return;
    default:
      return refuse('dynamodb', grants, operation, 'the table');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// S3

function checkObject(
  grants: Grants,
  right: 'get' | 'put' | 'tag',
  action: string,
  key: string | undefined,
): void {
  const allowed = grants.bucket?.[right] ?? [];
  if (key !== undefined && allowed.some((pattern) => objectPatternGrants(pattern, key))) return;
  refuse('s3', grants, action, `object ${key ?? '(none)'}`);
}

export function checkS3Call(grants: Grants, commandName: string | undefined, input: unknown): void {
  const operation = (commandName ?? 'Unknown').replace(/Command$/, '');
  const key = (input as { Key?: string } | undefined)?.Key;
  switch (operation) {
    case 'GetObject':
    case 'HeadObject':
      return checkObject(grants, 'get', operation, key);
    case 'PutObject':
      return checkObject(grants, 'put', operation, key);
    case 'PutObjectTagging':
      return checkObject(grants, 'tag', operation, key);
    case 'HeadBucket':
    case 'ListObjects':
    case 'ListObjectsV2':
      if (grants.bucket?.list) return;
      return refuse('s3', grants, 'ListBucket', 'the bucket');
    default:
      return refuse('s3', grants, operation, 'the bucket');
  }
}

/**
 * A presigned POST is signed without a request (@aws-sdk/s3-presigned-post): its policy document, which names the
 * object key, is encoded with the client's `utf8Decoder`. The policy's `key` condition is checked as a PutObject.
 */
export function checkPostPolicy(grants: Grants, policy: string): void {
  let conditions: unknown[];
  try {
    conditions = (JSON.parse(policy) as { conditions?: unknown[] }).conditions ?? [];
  } catch {
    return;
  }
  const exact = conditions.find(
    (c): c is { key: string } => typeof c === 'object' && c !== null && 'key' in c,
  );
  const startsWith = conditions.find(
    (c): c is [string, string, string] => Array.isArray(c) && c[0] === 'starts-with' && c[1] === '$key',
  );
  checkObject(
    grants,
    'put',
    'PutObject (presigned POST)',
    exact?.key ?? (startsWith ? `${startsWith[2]}*` : undefined),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The clients

interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: { input: unknown }) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: { input: unknown }) => Promise<unknown>,
      options: { step: 'initialize'; name: string; override?: boolean },
    ): void;
  };
}

const GUARD = 'leastPrivilegeGuard';
const guarded = new WeakSet<object>();

function guardClient(
  client: MiddlewareClient,
  check: (grants: Grants, commandName: string | undefined, input: unknown) => void,
): void {
  if (guarded.has(client)) return;
  guarded.add(client);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const grants = current.getStore();
      if (grants) check(grants, context.commandName, args.input);
      return next(args);
    },
    { step: 'initialize', name: GUARD, override: true },
  );
}

interface S3LikeClient extends MiddlewareClient {
  config: { utf8Decoder: (input: string) => Uint8Array };
}

/**
 * Guards the handlers' clients. Imported lazily, at the first invocation: the adapters read their configuration
 * (endpoints, the bucket name) when first imported, after the embedded stack has set the environment.
 */
export async function guardHandlerClients(): Promise<void> {
  const [{ documentClient }, { s3 }] = await Promise.all([
    import('#shared/adapters/dynamodb/client'),
    import('#shared/adapters/s3/document-storage'),
  ]);
  guardClient(documentClient as unknown as MiddlewareClient, checkDynamoDbCall);
  const s3Client = s3 as unknown as S3LikeClient;
  if (!guarded.has(s3Client)) {
    guardClient(s3Client, checkS3Call);
    const encode = s3Client.config.utf8Decoder;
    s3Client.config.utf8Decoder = (text: string) => {
      const grants = current.getStore();
      if (grants && typeof text === 'string' && text.startsWith('{"expiration":'))
        checkPostPolicy(grants, text);
      return encode(text);
    };
  }
}
