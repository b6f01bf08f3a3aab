/**
 * The embedded stack's part of issue 11 §5: what Lambda's event source mapping on the table's stream and
 * EventBridge Scheduler do on AWS (infra/constructs/audit-archive.ts), for the same handler modules.
 *
 * - **Stream poller.** DynamoDB Local keeps a stream (switched on here, NEW_AND_OLD_IMAGES, as the CDK table has);
 *   the poller reads every shard from its start (TRIM_HORIZON, as the mapping), keeps the records the mapping's
 *   filters keep (ARCHIVED_STREAM_CHANGES), and hands them to the archiver in order, as Lambda's DynamoDB event.
 *   A partial batch failure is retried from the failed record after a pause, as Lambda does; nothing is skipped.
 *   On a restart the streams are read from their start again: the archiver's writes are idempotent.
 * - **Scheduler.** The digest handler runs every day at 00:30 Asia/Shanghai while the stack runs; `signDigest`
 *   runs it at once (tests, or a day missed while the stack was down).
 * - **Archive bucket.** s3rver gets the archive bucket. It has neither Object Lock nor conditional writes, so here
 *   the archive is a plain bucket: the embedded stack proves what is archived, under which keys, and that the
 *   digest signs and verifies; that nobody can overwrite or delete an archived object is AWS's (compliance mode).
 *
 * The Streams API (DynamoDBStreams_20120810) is called as JSON over HTTP: the SDK's streams client is not a
 * dependency, and DynamoDB Local accepts any credentials.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { ARCHIVED_STREAM_CHANGES, auditArchiveFunctions } from '#functions/audit-archive/functions';
import { localDynamoClient } from '#infra/local/dynamodb-local';
import { LOCAL_REGION, lambdaContext } from '#infra/local/lambda-context';

export const AUDIT_ARCHIVE_BUCKET = 'assistance-audit-archive';
const POLL_MS = 200;
/** The event source mapping's batch size (infra/constructs/audit-archive.ts). */
const BATCH_SIZE = 25;
/** DynamoDB Streams' GetRecords maximum. */
const READ_LIMIT = 1000;
const RETRY_MS = 500;
/** As the event source mapping's retryAttempts (infra/constructs/audit-archive.ts ARCHIVER_RETRIES). */
const RETRIES = 10;
const HANDLER_TIMEOUT_MS = 10_000;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

export interface LocalAuditArchiveOptions {
  dynamoEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  log: (line: string) => void;
  /** Loads a handler module (the stack's loader); default: import it. */
  loadHandler?: (module: string) => Promise<Handler<unknown, unknown>>;
  /** Poll interval of the stream (ms). */
  pollMs?: number;
}

export interface LocalAuditArchive {
  /** The variables the handlers need (the archive bucket's name). */
  env: Record<string, string>;
  /** Resolves once every stream record written so far has been handed to the archiver and archived. */
  drain(): Promise<void>;
  /** Runs the digest handler now, for `date` or the previous business day. */
  signDigest(date?: string): Promise<unknown>;
  stop(): Promise<void>;
}

interface StreamRecord {
  eventID?: string;
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  dynamodb?: DynamoDBRecord['dynamodb'];
}

/** The mapping's filter (infra/constructs/audit-archive.ts ARCHIVER_FILTERS), applied to one record. */
export function passesArchiverFilter(record: StreamRecord): boolean {
  const partition = record.dynamodb?.Keys?.PK?.S ?? '';
  return ARCHIVED_STREAM_CHANGES.some(
    ({ partitionPrefixes, events }) =>
      partitionPrefixes.some((prefix) => partition.startsWith(prefix)) &&
      (!events || (record.eventName !== undefined && events.includes(record.eventName))),
  );
}

type AttributeJson = Record<string, unknown>;

/** DynamoDB Local writes an empty map as `{}` in stream images where AWS writes `{"M":{}}`: restore AWS's form. */
function repaired(value: AttributeJson): AttributeJson {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M && typeof value.M === 'object')
    return { M: repairedImage(value.M as Record<string, AttributeJson>) };
  if (Array.isArray(value.L)) return { L: (value.L as AttributeJson[]).map(repaired) };
  return value;
}

const repairedImage = (image: Record<string, AttributeJson>): Record<string, AttributeJson> =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, repaired(value)]));

export function withEmptyMaps(record: StreamRecord): StreamRecord {
  const change = record.dynamodb;
  if (!change) return record;
  const fix = (image: unknown) => (image ? repairedImage(image as Record<string, AttributeJson>) : undefined);
  return {
    ...record,
    dynamodb: {
      ...change,
      ...(change.NewImage ? { NewImage: fix(change.NewImage) as typeof change.NewImage } : {}),
      ...(change.OldImage ? { OldImage: fix(change.OldImage) as typeof change.OldImage } : {}),
    },
  };
}

/** The two handler modules, imported when first run (after the stack has set the handlers' environment). */
const MODULES: Record<string, () => Promise<{ handler: unknown }>> = {
  [auditArchiveFunctions.auditArchiver.handler]: () =>
    import('#functions/audit-archive/archive-audit-entries'),
  [auditArchiveFunctions.auditDigest.handler]: () => import('#functions/audit-archive/sign-digest'),
};

async function importHandler(module: string): Promise<Handler<unknown, unknown>> {
  const load = MODULES[module];
  if (!load) throw new Error(`no audit-archive handler ${module}`);
  return (await load()).handler as Handler<unknown, unknown>;
}

/** Milliseconds from `now` to the next 00:30 in Shanghai. */
export function untilNextDigest(now: Date): number {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / 86_400_000) * 86_400_000;
  let next = day + 30 * 60_000;
  if (next <= local) next += 86_400_000;
  return next - local;
}

export async function startLocalAuditArchive(options: LocalAuditArchiveOptions): Promise<LocalAuditArchive> {
  const { dynamoEndpoint, tableName, log } = options;
  const load = options.loadHandler ?? importHandler;
  await enableStream(dynamoEndpoint, tableName);
  await createBucket(options.s3Endpoint);
  const env = { AUDIT_ARCHIVE_BUCKET };
  Object.assign(process.env, env);

  const streams = streamsApi(dynamoEndpoint);
  const iterators = new Map<string, string | null>();
  let stopped = false;
  /** Each waiter is released by the first pass that starts after it and finds nothing new. */
  let waiters: { registeredAt: number; resolve: () => void }[] = [];
  let passes = 0;
  let lastPass = Promise.resolve();

  async function pass(): Promise<boolean> {
    const { Streams = [] } = await streams<{ Streams?: { StreamArn: string }[] }>('ListStreams', {
      TableName: tableName,
    });
    let any = false;
    for (const { StreamArn } of Streams) {
      const { StreamDescription } = await streams<{ StreamDescription: { Shards?: { ShardId: string }[] } }>(
        'DescribeStream',
        { StreamArn },
      );
      for (const { ShardId } of StreamDescription.Shards ?? []) {
        const id = `${StreamArn}|${ShardId}`;
        if (!iterators.has(id)) {
          const { ShardIterator } = await streams<{ ShardIterator: string }>('GetShardIterator', {
            StreamArn,
            ShardId,
            ShardIteratorType: 'TRIM_HORIZON',
          });
          iterators.set(id, ShardIterator);
        }
        const iterator = iterators.get(id);
        if (!iterator) continue; // closed and read to its end
        const { Records = [], NextShardIterator } = await streams<{
          Records?: StreamRecord[];
          NextShardIterator?: string;
        }>('GetRecords', { ShardIterator: iterator, Limit: READ_LIMIT });
        const kept = Records.filter(passesArchiverFilter).map(withEmptyMaps);
        // Read as many as a GetRecords gives, handed over in the mapping's batches: under a full test run most
        // records are not audit entries, and reading 25 at a time let the archive fall minutes behind.
        for (let start = 0; start < kept.length && !stopped; start += BATCH_SIZE) {
          any = true;
          await deliver(StreamArn, kept.slice(start, start + BATCH_SIZE));
        }
        iterators.set(id, NextShardIterator ?? null);
        if (Records.length > 0) any = true;
      }
    }
    return any;
  }

  /** Lambda's contract: a batch, a partial failure from a record on, retried from there until it passes. */
  async function deliver(streamArn: string, records: StreamRecord[]): Promise<void> {
    const handler = (await load(auditArchiveFunctions.auditArchiver.handler)) as Handler<
      DynamoDBStreamEvent,
      DynamoDBBatchResponse
    >;
    let pending = records;
    for (let attempt = 1; pending.length > 0 && !stopped; attempt++) {
      if (attempt > RETRIES + 1) {
        // Lambda's mapping gives up after its retries and sends the batch's description to the on-failure queue.
        log(
          `auditArchiver gave up on ${pending.length} stream records from ${pending[0]?.dynamodb?.SequenceNumber}`,
        );
        return;
      }
      const event: DynamoDBStreamEvent = {
        Records: pending.map((record) => ({
          ...record,
          eventSource: 'aws:dynamodb',
          eventVersion: '1.1',
          awsRegion: LOCAL_REGION,
          eventSourceARN: streamArn,
        })) as DynamoDBRecord[],
      };
      const context = lambdaContext({
        functionName: 'auditArchiver',
        requestId: randomUUID(),
        timeoutMs: HANDLER_TIMEOUT_MS,
      });
      let failedFrom: string | undefined;
      try {
        failedFrom = (await handler(event, context)).batchItemFailures[0]?.itemIdentifier;
      } catch (error) {
        failedFrom = pending[0]?.dynamodb?.SequenceNumber;
        log(`auditArchiver failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (failedFrom === undefined) return;
      const at = pending.findIndex((record) => record.dynamodb?.SequenceNumber === failedFrom);
      pending = pending.slice(Math.max(0, at));
      await sleep(RETRY_MS);
    }
  }

  const loop = (async () => {
    while (!stopped) {
      let progressed = false;
      const passNumber = ++passes;
      lastPass = pass().then(
        (any) => {
          progressed = any;
        },
        (error: unknown) => {
          log(`audit stream poller: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
      await lastPass;
      if (!progressed) {
        const released = waiters.filter((waiter) => waiter.registeredAt < passNumber);
        waiters = waiters.filter((waiter) => waiter.registeredAt >= passNumber);
        for (const waiter of released) waiter.resolve();
        await sleep(options.pollMs ?? POLL_MS);
      }
    }
  })();

  async function signDigest(date?: string): Promise<unknown> {
    const handler = await load(auditArchiveFunctions.auditDigest.handler);
    return handler(
      date ? { date } : {},
      lambdaContext({ functionName: 'auditDigest', requestId: randomUUID(), timeoutMs: HANDLER_TIMEOUT_MS }),
    );
  }

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      signDigest().then(
        (result) => log(`audit digest signed: ${JSON.stringify(result)}`),
        (error: unknown) =>
          log(`audit digest failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      schedule();
    }, untilNextDigest(new Date()));
    timer.unref();
  };
  schedule();

  return {
    env,
    // A pass that found nothing new after the call: everything written before it has been archived.
    drain: () => new Promise<void>((resolve) => waiters.push({ registeredAt: passes, resolve })),
    signDigest,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await lastPass;
      await loop;
    },
  };
}

async function enableStream(endpoint: string, tableName: string): Promise<void> {
  const client = localDynamoClient(endpoint);
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.StreamSpecification?.StreamEnabled) return;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
  } finally {
    client.destroy();
  }
}

async function createBucket(endpoint: string): Promise<void> {
  const client = new S3Client({
    endpoint,
    region: LOCAL_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: AUDIT_ARCHIVE_BUCKET }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  } finally {
    client.destroy();
  }
}

/** One call of the DynamoDB Streams JSON API on DynamoDB Local. */
function streamsApi(endpoint: string) {
  return async <T>(operation: string, body: object): Promise<T> => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDBStreams_20120810.${operation}`,
        authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/${LOCAL_REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`DynamoDB Streams ${operation}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
}
