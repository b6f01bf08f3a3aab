/**
 * Issue 3 §6: an execution waiting for its deadline survives a stop and start of the embedded stack.
 * Stacks of their own (own data dirs), restarted on the same ports as `npm start` restarts on its fixed
 * ones; the handlers run in this process, so nothing here may create an SDK client before the stack has
 * set the environment (the port and the handlers are imported only once it has). The handlers keep the
 * endpoints they first used, so every stack of this file runs on the ports of the first one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { OVERRIDE_CLOSE_GRACE_SECONDS, closingTime } from '#shared/domain/bid-closing';
import { signDevToken } from '#infra/local/jwt';
import { startEmbeddedStack, type EmbeddedStack, type EmbeddedStackOptions } from '#infra/local/stack';
import { PERIOD_OVERRIDE_SECONDS } from '../support/embedded-stack.global';
import { etag, unique } from '../support/procurement';
import { deadlineIn } from '../support/fixtures';
import { waitFor } from '../support/stack-client';

let dataDir: string;
let procurementDataDir: string;
let stack: EmbeddedStack | undefined;
let ports: Pick<EmbeddedStackOptions, 'dynamoPort' | 's3Port' | 'sfnPort'> | undefined;
const logs: string[] = [];

const portOf = (url: string) => Number(new URL(url).port);

/** Stops the running stack, if any, and starts one over `dir` on this file's ports. */
async function startStack(
  dir: string,
  options: Pick<EmbeddedStackOptions, 'seed' | 'periodOverrideSeconds'> = {},
) {
  await stack?.stop();
  stack = await startEmbeddedStack({
    dataDir: dir,
    port: 0,
    ...ports,
    seed: false,
    ...options,
    logRequests: false,
    log: (line) => logs.push(line),
  });
  ports ??= {
    dynamoPort: portOf(stack.dynamoEndpoint),
    s3Port: portOf(stack.s3Endpoint),
    sfnPort: portOf(stack.sfnEndpoint),
  };
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
  procurementDataDir = await mkdtemp(path.join(os.tmpdir(), 'assistance-procurement-restart-'));
});
afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(procurementDataDir, { recursive: true, force: true });
});

describe('a stop and start of the embedded stack', () => {
  it('resumes an execution waiting for its deadline, which then completes after the deadline', async () => {
    const first = await startStack(dataDir);
    // The handler code path, unchanged: the SDK reaches the stack through AWS_ENDPOINT_URL_SFN.
    const { startExecution, sendTaskSuccess } = await import('#shared/adapters/sfn/workflows');
    const probeId = `restart-${randomUUID()}`;
    const deadline = new Date(Date.now() + 3_000).toISOString();
    const { executionArn } = await startExecution('probe', probeId, { probeId, deadline });
    await waitFor(
      async () => (await read(first, keys.workflowExecution('probe', probeId)))?.park?.waitUntil === deadline,
    );

    await first.stop();
    const second = await startStack(dataDir);

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

interface Project {
  id: string;
  status: string;
  version: number;
  tender?: { bidDeadline: string; minimumBids: number };
  workflow?: { executionArn: string; waitingFor?: string };
  unsuccessful?: { reason: string; detail: string; at: string };
  timeline: { status: string }[];
}

/** One request to `running`'s gateway (the shared stack's `api` helper knows only the shared stack). */
async function call<T>(
  running: EmbeddedStack,
  method: string,
  route: string,
  options: { token: string; body?: unknown; headers?: Record<string, string> },
): Promise<{ status: number; json: T }> {
  const response = await fetch(new URL(route, running.baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${options.token}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, json: (await response.json()) as T };
}

const tokenOf = (running: EmbeddedStack, role: Role, claims: { sub: string; purchaserId?: string }) =>
  signDevToken({ keysDir: running.keysDir, role, ...claims });

describe('a stop and start of the embedded stack during a procurement', () => {
  it('R-PROC-1, R-PROC-2: the execution waiting for the bid deadline resumes and closes bidding unsuccessful (too few bids) after it', async () => {
    const options = { seed: true, periodOverrideSeconds: PERIOD_OVERRIDE_SECONDS };
    const first = await startStack(procurementDataDir, options);
    const town = await tokenOf(first, 'town', { purchaserId: 'pur-town-1', sub: 'restart-town-clerk' });
    const approver = await tokenOf(first, 'bureau', { sub: 'restart-bureau-approver' });

    const line = await call<{ id: string }>(first, 'POST', '/v1/budget-lines', {
      token: town,
      headers: { 'idempotency-key': `line-${unique()}` },
      body: { purchaserId: 'pur-town-1', fiscalYear: 2033, source: 'special_funds', amount: 100_000_000 },
    });
    expect(line.status).toBe(201);
    const created = await call<Project>(first, 'POST', '/v1/projects', {
      token: town,
      headers: { 'idempotency-key': `prj-${unique()}` },
      body: {
        purchaserId: 'pur-town-1',
        title: '西湖镇居家养老上门服务项目',
        catalogCode: 'C-CAREGIVING',
        budgetLineId: line.json.id,
        estimatedAmount: 60_000_000,
        quantity: { value: 800, unit: '小时' },
        term: { start: '2033-03-01', end: '2033-12-31' },
        procurementMethod: 'competitive_consultation',
        evaluationCriteria: {
          quality: [
            { code: 'service_plan', description: '服务方案与质量保障', weight: 50 },
            { code: 'team', description: '人员配备与专业资质', weight: 25 },
          ],
          priceWeight: 25,
        },
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.id;
    const submitted = await call<Project>(first, 'POST', `/v1/projects/${id}/submit`, {
      token: town,
      headers: { 'if-match': etag(created.json.version) },
    });
    expect(submitted.status).toBe(200);
    const approved = await call<Project>(first, 'POST', `/v1/projects/${id}/approve`, {
      token: approver,
      headers: { 'if-match': etag(submitted.json.version) },
    });
    expect(approved.status).toBe(200);

    const bidDeadline = deadlineIn(8);
    const accepted = await call<{ executionArn: string }>(first, 'POST', `/v1/projects/${id}/publish`, {
      token: town,
      headers: { 'if-match': etag(approved.json.version) },
      body: { bidDeadline },
    });
    expect(accepted.status).toBe(202);
    const { executionArn } = accepted.json;
    const project = async (running: EmbeddedStack) =>
      (await call<Project>(running, 'GET', `/v1/projects/${id}`, { token: town })).json;
    const published = await waitFor(async () => {
      const current = await project(first);
      return current.status === 'published' ? current : undefined;
    });
    expect(published.workflow).toMatchObject({ executionArn, waitingFor: 'bid_deadline' });
    const executionKey = keys.workflowExecution('procurement', executionArn.split(':').at(-1) ?? '');
    // Parked in the Wait with its end saved, as the stack is stopped before the deadline.
    const parked = await waitFor(async () => {
      const item = await read(first, executionKey);
      return item?.state === 'WaitForBidDeadline' && item.park?.waitUntil ? item : undefined;
    });
    expect(parked).toMatchObject({
      status: 'RUNNING',
      state: 'WaitForBidDeadline',
      // Issue 11 §3: until the deadline plus the grace for bids still being written (the override's).
      park: {
        state: 'WaitForBidDeadline',
        waitUntil: closingTime(bidDeadline, options.periodOverrideSeconds).toISOString(),
      },
    });
    await first.stop();
    expect(Date.now()).toBeLessThan(Date.parse(bidDeadline));

    const second = await startStack(procurementDataDir, options);
    expect(second.workflows.resumed).toBe(1);

    // No bid arrived: the resumed execution closes bidding after the deadline and its grace, not before (R-PROC-2).
    const closed = await waitFor(
      async () => {
        const current = await project(second);
        return current.status === 'unsuccessful' ? current : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    expect(closed.unsuccessful).toMatchObject({
      reason: 'too_few_bids',
      detail: '0 bid(s) received, 3 required',
    });
    expect(Date.parse(closed.unsuccessful?.at ?? '')).toBeGreaterThanOrEqual(
      Date.parse(bidDeadline) + OVERRIDE_CLOSE_GRACE_SECONDS * 1000,
    );
    expect(closed.timeline.map((entry) => entry.status)).toEqual([
      'draft',
      'submitted',
      'approved',
      'published',
      'bidding_closed',
      'unsuccessful',
    ]);
    expect(await second.workflows.settled(executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      state: 'Unsuccessful',
    });
  });
});
