/**
 * Issue 3 §6: an execution waiting for its deadline survives a stop and start of the embedded stack.
 * A stack of its own (own data dir), restarted on the same ports as `npm start` restarts on its fixed
 * ones; the handlers run in this process, so nothing here may create an SDK client before the stack has
 * set the environment (the port and the handlers are imported only once it has).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { startEmbeddedStack, type EmbeddedStack, type EmbeddedStackOptions } from '#infra/local/stack';
import { waitFor } from '../support/stack-client';

let dataDir: string;
let stack: EmbeddedStack | undefined;
const logs: string[] = [];

const portOf = (url: string) => Number(new URL(url).port);

async function startStack(ports: Pick<EmbeddedStackOptions, 'dynamoPort' | 's3Port' | 'sfnPort'> = {}) {
  stack = await startEmbeddedStack({
    dataDir,
    port: 0,
    ...ports,
    seed: false,
    logRequests: false,
    log: (line) => logs.push(line),
  });
  return stack;
}

/** Reads through a client of its own, made for the running stack's DynamoDB Local. */
async function read(running: EmbeddedStack, key: { PK: string; SK: string }) {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: running.dynamoEndpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    }),
  );
  try {
    return (await client.send(new GetCommand({ TableName: running.tableName, Key: key }))).Item;
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'assistance-sfn-restart-'));
});
afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a stop and start of the embedded stack', () => {
  it('resumes an execution waiting for its deadline, which then completes after the deadline', async () => {
    const first = await startStack();
    const ports = {
      dynamoPort: portOf(first.dynamoEndpoint),
      s3Port: portOf(first.s3Endpoint),
      sfnPort: portOf(first.sfnEndpoint),
    };
    // The handler code path, unchanged: the SDK reaches the stack through AWS_ENDPOINT_URL_SFN.
    const { startExecution, sendTaskSuccess } = await import('#shared/adapters/sfn/workflows');
    const probeId = `restart-${randomUUID()}`;
    const deadline = new Date(Date.now() + 3_000).toISOString();
    const { executionArn } = await startExecution('probe', probeId, { probeId, deadline });
    await waitFor(
      async () => (await read(first, keys.workflowExecution('probe', probeId)))?.park?.waitUntil === deadline,
    );

    await first.stop();
    const second = await startStack(ports);

    expect(second.workflows.resumed).toBe(1);
    const probe = async () =>
      (await read(second, keys.workflowProbe(probeId))) as { status: string; taskToken?: string } | undefined;
    const awaiting = await waitFor(
      async () => {
        const current = await probe();
        return current?.status === 'awaiting-answer' ? current : undefined;
      },
      { timeoutMs: 10_000 },
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(deadline));

    await sendTaskSuccess(awaiting.taskToken ?? '', { approved: true });
    expect(await second.workflows.settled(executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      state: 'Approved',
    });
    expect(await probe()).toMatchObject({ status: 'answered' });
    expect(logs).toContain('workflows: resumed 1 running execution(s)');
  });
});
