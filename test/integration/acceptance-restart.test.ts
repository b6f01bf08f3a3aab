/**
 * Issue 13 §3: a stop and start of the embedded stack mid-acceptance loses nothing. A contract signed over HTTP on
 * the shared test stack is copied, with the records its disclosure reads, into a stack of this file's own (own data
 * dir, seeded); an acceptance is opened there and its execution parks waiting for the recipients' opinions; the stack
 * is stopped and started again on the same data dir and ports (as `npm start` restarts on its fixed ones), and the
 * acceptance is finished: opinions, measurements, the panel's quorum, passed, the milestone payable. The handlers
 * run in this process, so nothing here creates an SDK client for this file's stack before the stack has set the
 * environment (clients are made per call, with explicit endpoints).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { signDevToken } from '#infra/local/jwt';
import { startEmbeddedStack, type EmbeddedStack, type EmbeddedStackOptions } from '#infra/local/stack';
import { PERIOD_OVERRIDE_SECONDS } from '../support/embedded-stack.global';
import { currentTerm, openableToday, signedContract } from '../support/delivery';
import { etag, unique } from '../support/procurement';
import { stackInfo, waitFor } from '../support/stack-client';

let dataDir: string;
let stack: EmbeddedStack | undefined;
let ports: Pick<EmbeddedStackOptions, 'dynamoPort' | 's3Port' | 'sfnPort'> | undefined;
const portOf = (url: string) => Number(new URL(url).port);

async function startStack(dir: string) {
  await stack?.stop();
  stack = await startEmbeddedStack({
    dataDir: dir,
    port: 0,
    ...ports,
    seed: true,
    periodOverrideSeconds: PERIOD_OVERRIDE_SECONDS,
    logRequests: false,
    log: () => undefined,
  });
  ports ??= {
    dynamoPort: portOf(stack.dynamoEndpoint),
    s3Port: portOf(stack.s3Endpoint),
    sfnPort: portOf(stack.sfnEndpoint),
  };
  return stack;
}

/** A document client of its own for `endpoint`, destroyed after `use`. */
async function withTable<T>(
  endpoint: string,
  use: (client: DynamoDBDocumentClient) => Promise<T>,
): Promise<T> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    }),
  );
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

/** Every item of `partitions` on the shared stack, put into `target`'s table. */
async function copyPartitions(target: EmbeddedStack, partitions: string[]) {
  const items: Record<string, unknown>[] = [];
  await withTable(stackInfo().dynamoEndpoint, async (client) => {
    for (const pk of partitions) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: stackInfo().tableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
    }
  });
  await withTable(target.dynamoEndpoint, async (client) => {
    for (const item of items) await client.send(new PutCommand({ TableName: target.tableName, Item: item }));
  });
  return items.length;
}

async function call<T>(
  running: EmbeddedStack,
  method: string,
  route: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> },
): Promise<{ status: number; json: T }> {
  const response = await fetch(new URL(route, running.baseUrl), {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, json: (await response.json()) as T };
}

const tokenOf = (running: EmbeddedStack, role: Role, claims: { sub: string; purchaserId?: string }) =>
  signDevToken({ keysDir: running.keysDir, role, ...claims });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'assistance-acceptance-restart-'));
});
afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

interface AcceptanceView {
  id: string;
  status: string;
  version: number;
  tokens: { token?: string }[];
  workflow: { executionArn?: string; waitingFor?: string; failure?: unknown };
  opinionsClosed?: { received: number };
}

describe('a stop and start of the embedded stack during an acceptance', () => {
  it(
    'R-ACC-2, R-ACC-3: the execution waiting for opinions resumes after the restart and the acceptance passes',
    { timeout: 240_000 },
    async () => {
      const signed = await signedContract({
        purchaser: 'pur-town-1',
        term: currentTerm(),
        acceptancePlan: openableToday(
          { sampleSize: 3, minimumOpinions: 2, satisfiedShareBp: 8_000, answerDays: 14 },
          2,
        ),
      });
      const { contract, contractId } = signed;
      const first = await startStack(dataDir);
      const copied = await copyPartitions(first, [
        keys.contract(contractId).PK,
        keys.project(contract.projectId).PK,
        keys.budgetLine(signed.budgetLineId).PK,
        keys.milestonePartition(contractId),
        `OCID#ocds-xxxxxx-${contract.projectId}`,
      ]);
      expect(copied).toBeGreaterThan(4);
      await withTable(first.dynamoEndpoint, async (client) => {
        for (let i = 0; i < 3; i++) {
          await client.send(
            new PutCommand({
              TableName: first.tableName,
              Item: {
                ...keys.deliveryRecipient(contractId, `ref-${i}`),
                recordType: 'recipient',
                ref: `ref-${i}`,
                villageId: 'v-1',
              },
            }),
          );
        }
      });

      const clerk = { sub: `restart-clerk-${unique()}`, purchaserId: 'pur-town-1' };
      const evaluator = { sub: `restart-eval-${unique()}` };
      const opened = await call<AcceptanceView>(first, 'POST', `/v1/contracts/${contractId}/acceptances`, {
        token: await tokenOf(first, 'town', clerk),
        headers: { 'idempotency-key': `restart-${unique()}` },
        body: {
          milestoneSeq: contract.acceptancePlan.stages[0]!.milestoneSeq,
          panel: [
            { sub: clerk.sub, role: 'town' },
            { sub: evaluator.sub, role: 'evaluator' },
          ],
        },
      });
      expect(opened.status, JSON.stringify(opened.json)).toBe(201);
      const acceptanceId = opened.json.id;
      const tokens = opened.json.tokens.map((t) => t.token!);
      // Parked: the execution recorded on the acceptance and its callback token stored beside it.
      await waitFor(
        () =>
          withTable(first.dynamoEndpoint, async (client) => {
            const parked = await client.send(
              new GetCommand({
                TableName: first.tableName,
                Key: keys.acceptanceCallback(contractId, acceptanceId),
              }),
            );
            return parked.Item?.waitingFor === 'opinions' ? parked.Item : undefined;
          }),
        { timeoutMs: 20_000 },
      );

      const second = await startStack(dataDir);
      const path_ = `/v1/contracts/${contractId}/acceptances/${acceptanceId}`;
      const clerkToken = await tokenOf(second, 'town', clerk);
      for (const token of tokens.slice(0, 2)) {
        const answered = await call(second, 'POST', '/v1/opinions', {
          body: { token, satisfaction: 5, items: [] },
        });
        expect(answered.status, JSON.stringify(answered.json)).toBe(200);
      }
      const read = async () => (await call<AcceptanceView>(second, 'GET', path_, { token: clerkToken })).json;
      const inspecting = await waitFor(
        async () => ((await read()).status === 'inspecting' ? read() : undefined),
        {
          timeoutMs: 30_000,
          intervalMs: 200,
        },
      );
      expect(inspecting.opinionsClosed).toMatchObject({ received: 2 });

      const values = contract.acceptancePlan.indicators.map((i) => ({ code: i.code, value: i.target }));
      const measured = await call(second, 'PUT', `${path_}/measurements`, {
        token: clerkToken,
        headers: { 'if-match': etag(inspecting.version) },
        body: { values },
      });
      expect(measured.status, JSON.stringify(measured.json)).toBe(200);
      for (const signer of [clerkToken, await tokenOf(second, 'evaluator', evaluator)]) {
        const signature = await call(second, 'POST', `${path_}/signatures`, {
          token: signer,
          headers: { 'if-match': etag((measured.json as { version: number }).version) },
          body: { verdict: 'confirm' },
        });
        expect(signature.status, JSON.stringify(signature.json)).toBe(201);
      }
      const passed = await waitFor(
        async () => {
          const now = await read();
          if (now.workflow.failure) throw new Error(JSON.stringify(now.workflow.failure));
          return now.status === 'passed' ? now : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      expect(passed.workflow.executionArn).toBe(
        opened.json.workflow.executionArn ?? passed.workflow.executionArn,
      );
      const milestone = await withTable(second.dynamoEndpoint, (client) =>
        client.send(
          new GetCommand({
            TableName: second.tableName,
            Key: keys.milestone(contractId, contract.acceptancePlan.stages[0]!.milestoneSeq),
          }),
        ),
      );
      expect(milestone.Item).toMatchObject({ status: 'payable', acceptance: { id: acceptanceId } });
    },
  );
});
