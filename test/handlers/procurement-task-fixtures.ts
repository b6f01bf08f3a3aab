/**
 * What the procurement workflow's task tests share: the Lambda event each Task state builds from the ASL file
 * itself (so the tests fail when the ASL and a handler drift apart), bids, and how a project change is read
 * back out of a transaction.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { BidRecord } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import type { TransactItems } from './support';
import { head, putItem } from './support';
import { PROJECT_ID } from './procurement-fixtures';

export const EXECUTION = `arn:aws-cn:states:cn-north-1:123456789012:execution:procurement:${PROJECT_ID}-v3`;
export const TOKEN = 'task-token-of-this-invocation';
export const WORKFLOW_ACTOR = { sub: 'workflow:procurement', role: 'workflow' };
export const CLERK = { sub: 'u-town', role: 'town' };
// competitive consultation: ≥ 10 days, the notice day not counted → 2025-03-20 00:00 at the earliest
export const DEADLINE = '2025-03-20T09:30:00.000+08:00';

/** The execution's input, as POST /v1/projects/{id}/publish starts it. */
export const executionInput: Record<string, unknown> = {
  projectId: PROJECT_ID,
  projectVersion: 3,
  bidDeadline: DEADLINE,
  requestedBy: CLERK,
};

const ASL = JSON.parse(
  readFileSync(new URL('../../infra/workflows/procurement.asl.json', import.meta.url), 'utf8'),
) as { States: Record<string, { Parameters?: Record<string, unknown> }> };

/**
 * The Lambda event of a Task state: its Parameters (a callback task's Payload) resolved against the state
 * input, the execution and the task token.
 */
export function taskEvent(
  state: string,
  input: Record<string, unknown> = executionInput,
): Record<string, unknown> {
  const parameters = ASL.States[state]?.Parameters;
  if (!parameters) throw new Error(`state ${state} has no Parameters`);
  const template = (parameters.Payload ?? parameters) as Record<string, unknown>;
  const resolve = (path: string): unknown => {
    if (path === '$$.Execution.Id') return EXECUTION;
    if (path === '$$.Task.Token') return TOKEN;
    if (!path.startsWith('$.')) throw new Error(`path ${path} is not resolved by this test`);
    return path
      .slice(2)
      .split('.')
      .reduce<unknown>((value, name) => (value as Record<string, unknown> | undefined)?.[name], input);
  };
  return Object.fromEntries(
    Object.entries(template).map(([name, value]) =>
      name.endsWith('.$') ? [name.slice(0, -2), resolve(value as string)] : [name, value],
    ),
  );
}

export function bid(n: number, price: number, overrides: Partial<BidRecord> = {}): BidRecord {
  return {
    id: `bid_0000000${n}`,
    projectId: PROJECT_ID,
    contractorId: `ctr_0000000${n}`,
    contractorKind: 'enterprise',
    contractorName: `示范服务公司 ${n}`,
    nonProfit: false,
    price,
    proposal: { summary: '服务方案' },
    documentIds: [],
    revision: 1,
    submittedAt: '2025-03-18T10:00:00.000+08:00',
    submittedBy: { sub: `u-c${n}`, role: 'contractor' },
    version: 1,
    ...overrides,
  };
}

export const projectPut = (items: TransactItems, index = 0) =>
  putItem(items, index) as unknown as Project & Record<string, unknown>;

/** Asserts the project put is conditional on the version it was read at and chained to its audit head. */
export function expectProjectChange(items: TransactItems, from: number, action: string, index = 0): void {
  expect(items[index]?.Put).toMatchObject({
    Item: { ...keys.project(PROJECT_ID), recordType: 'project', version: from + 1 },
    ConditionExpression: 'version = :expected',
    ExpressionAttributeValues: { ':expected': from },
  });
  expect(items[index + 1]?.Put).toMatchObject({
    Item: {
      ...keys.auditEntry('project', PROJECT_ID, from + 1),
      action,
      actor: WORKFLOW_ACTOR,
      prevHash: head(from).auditHash,
    },
    ConditionExpression: 'attribute_not_exists(PK)',
  });
}
