/**
 * Issue 13 §4 (R-ACC-3, R-FUND-2): the payments routes against a mocked table: paying a milestone (one transaction:
 * the payment, the milestone paid off the due index, the line's paid/unpaid, the movement item, the OCDS release, the
 * audit entries, and with the last milestone the contract completed), the due list, withholding and its release,
 * termination, and the milestones of a contract. Every refusal a problem+json with its reason and nothing written.
 */
import { SFNClient, SendTaskFailureCommand } from '@aws-sdk/client-sfn';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { GetCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as payHandler } from '#functions/payments/pay-milestone';
import { handler as dueHandler } from '#functions/payments/list-due';
import { handler as milestonesHandler } from '#functions/payments/list-milestones';
import { handler as withholdHandler } from '#functions/payments/withhold-milestone';
import { handler as releaseHandler } from '#functions/payments/release-milestone';
import { handler as terminateHandler } from '#functions/payments/terminate-contract';
import { routes } from '#functions/routes';
import type { RouteDef } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { checkDynamoDbCall, grantsOf } from '#infra/local/least-privilege';
import type { Acceptance } from '#shared/domain/acceptance';
import { ACCEPTANCE_CANCELLED } from '#shared/use-cases/acceptance-tasks';
import { logger } from '#shared/http/logger';
import type { BudgetLine } from '#shared/domain/budget';
import type { Contract } from '#shared/domain/contract';
import type { ContractMilestone } from '#shared/domain/milestone';
import { milestonesAtSigning, paymentDueBy } from '#shared/domain/milestone';
import type { Claims, RequestOptions, Result, TransactItems } from './support';
import {
  CONTRACTOR_ID,
  apiEvent,
  canceled,
  claims,
  head,
  json,
  lambdaContext,
  problem,
  transactItems,
} from './support';
import { LINE_ID, budgetLine, budgetLineItem, financeClaims } from './procurement-fixtures';

// The OCDS bodies are another helper's (implementation-disclosure.ts): here, a marker item of the same transaction.
vi.mock('#shared/use-cases/implementation-disclosure', () => ({
  paymentDisclosure: vi.fn(async (_deps: unknown, input: { payment: { id: string } }) => [
    {
      item: { Put: { TableName: 't', Item: { PK: 'OCID#test', SK: `PAYMENT#${input.payment.id}` } } },
      onConditionFailed: () => new Error('disclosed twice'),
    },
  ]),
  terminationDisclosure: vi.fn(async (_deps: unknown, input: { contract: { id: string } }) => [
    {
      item: { Put: { TableName: 't', Item: { PK: 'OCID#test', SK: `TERMINATION#${input.contract.id}` } } },
      onConditionFailed: () => new Error('disclosed twice'),
    },
  ]),
}));

const ddbMock = mockClient(DynamoDBDocumentClient);
const sfnMock = mockClient(SFNClient);
const NOW = new Date('2026-05-20T02:00:00.000Z'); // 10:00 in Shanghai
const SIGNED_AT = '2026-03-02T10:00:00.000+08:00';
const CONTRACT_ID = 'con_01jcontract000000001';
const PRICE = 100_000;

const contract = (overrides: Partial<Contract> = {}): Contract =>
  ({
    id: CONTRACT_ID,
    projectId: 'prj_01jabcdefg0123456789',
    bidId: 'bid_1',
    purchaserId: 'pur-district',
    contractorId: CONTRACTOR_ID,
    budgetLineId: LINE_ID,
    title: '居家照护服务',
    price: PRICE,
    currency: 'CNY',
    paymentMilestones: [
      { seq: 1, event: 'signing', percent: 30, basisPoints: 3000, amount: 30_000 },
      { seq: 2, event: 'mid_term_review', percent: 40, basisPoints: 4000, amount: 40_000 },
      { seq: 3, event: 'acceptance_passed', percent: 30, basisPoints: 3000, amount: 30_000 },
    ],
    status: 'signed',
    signatures: {},
    version: 3,
    createdAt: SIGNED_AT,
    updatedAt: SIGNED_AT,
    ...overrides,
  }) as Contract;

const atSigning = () => milestonesAtSigning(contract(), SIGNED_AT, 30);
const paidAt = (m: ContractMilestone): ContractMilestone => ({
  ...m,
  status: 'paid',
  payment: { id: `${CONTRACT_ID}.p${m.seq}`, amount: m.payable, paidAt: SIGNED_AT },
  version: m.version + 1,
});
const passed = (m: ContractMilestone, deduction = 0): ContractMilestone => ({
  ...m,
  status: 'payable',
  acceptance: { id: `acc_${m.seq}`, passedAt: '2026-05-10T10:00:00.000+08:00', rectificationRounds: 1 },
  deduction,
  payable: m.amount - deduction,
  payableSince: '2026-05-10T10:00:00.000+08:00',
  dueBy: paymentDueBy('2026-05-10T10:00:00.000+08:00', 30),
  version: m.version + 1,
});

const contractItem = (c: Contract) => ({
  ...keys.contract(c.id),
  ...keys.contractIndex(c.contractorId, c.createdAt, c.id),
  recordType: 'contract',
  ...c,
  ...head(c.version),
});
const milestoneItem = (m: ContractMilestone) => ({
  ...keys.milestone(m.contractId, m.seq),
  ...(m.status === 'payable' || m.status === 'withheld'
    ? keys.milestoneDueIndex(m.purchaserId, m.dueBy!, m.contractId, m.seq)
    : {}),
  recordType: 'milestone',
  ...m,
  ...head(m.version),
});

/** The table: items by key for GetItem, the milestone partition for its Query, the due index for GSI1. */
function arrange(
  c: Contract,
  milestones: ContractMilestone[],
  line: BudgetLine = committedLine(),
  others: Record<string, unknown>[] = [],
): void {
  const items = [contractItem(c), budgetLineItem(line), ...milestones.map(milestoneItem), ...others];
  const byKey = new Map(items.map((item) => [`${String(item.PK)}|${String(item.SK)}`, item]));
  ddbMock.on(GetCommand).callsFake((input: GetCommandInput) => {
    const key = input.Key as { PK: string; SK: string };
    return { Item: byKey.get(`${key.PK}|${key.SK}`) };
  });
  ddbMock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const pk = input.ExpressionAttributeValues?.[':pk'];
    if (input.IndexName === 'GSI1') {
      const listed = items.filter((i) => 'GSI1PK' in i && i.GSI1PK === pk);
      return { Items: listed.sort((a, b) => String(a.GSI1SK).localeCompare(String(b.GSI1SK))) };
    }
    const prefix = String(input.ExpressionAttributeValues?.[':prefix'] ?? '');
    return { Items: items.filter((i) => i.PK === pk && String(i.SK).startsWith(prefix)) };
  });
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(DeleteCommand).resolves({});
}

const committedLine = (paid = 0) =>
  budgetLine({ amount: 1_000_000, committed: PRICE, available: 900_000, paid, unpaid: PRICE - paid });

const call = (handler: typeof payHandler, route: RouteDef, options: RequestOptions) =>
  handler(apiEvent(route, options), lambdaContext()) as Promise<Result>;

const pay = (body: unknown, claimsOf: Claims = financeClaims, key = 'payment-key-1') =>
  call(payHandler, routes.payMilestone, {
    claims: claimsOf,
    params: { id: CONTRACT_ID },
    headers: { 'idempotency-key': key },
    body,
  });

const putOf = (items: TransactItems, pk: string, skPrefix: string) =>
  items.find((i) => i.Put?.Item?.PK === pk && String(i.Put.Item.SK).startsWith(skPrefix))?.Put;
const updateOf = (items: TransactItems) => items.find((i) => i.Update)?.Update;

beforeEach(() => {
  ddbMock.reset();
  sfnMock.reset();
  sfnMock.on(SendTaskFailureCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('POST /v1/contracts/{id}/payments (finance)', () => {
  it('pays the signing advance in one transaction: payment, milestone off the due index, the line moved once, the release, the audit entries', async () => {
    arrange(contract(), atSigning());

    const result = await pay({ milestoneSeq: 1, reference: 'GK-2026-0001' });

    expect(result.statusCode).toBe(201);
    expect(result.headers?.location).toBe(`/v1/contracts/${CONTRACT_ID}/milestones`);
    expect(json(result)).toMatchObject({
      id: `${CONTRACT_ID}.p1`,
      seq: 1,
      amount: 30_000,
      deduction: 0,
      reference: 'GK-2026-0001',
      contractStatus: 'signed',
      paidBy: { sub: 'u-finance', role: 'finance' },
    });
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
    const items = transactItems(ddbMock);
    expect(putOf(items, `MILESTONE#${CONTRACT_ID}`, 'PAYMENT#01')).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: { recordType: 'payment', contractId: CONTRACT_ID, seq: 1, amount: 30_000 },
    });
    const milestone = putOf(items, `MILESTONE#${CONTRACT_ID}`, 'SEQ#01');
    expect(milestone).toMatchObject({ ConditionExpression: 'version = :expected', Item: { status: 'paid' } });
    expect(milestone?.Item).not.toHaveProperty('GSI1PK');
    expect(updateOf(items)).toMatchObject({
      Key: keys.budgetLine(LINE_ID),
      ConditionExpression: 'purchaserId = :purchaser AND unpaid >= :owed AND committed >= :owed',
      ExpressionAttributeValues: { ':x': 30_000, ':d': 0, ':owed': 30_000, ':purchaser': 'pur-district' },
    });
    expect(putOf(items, `BUDGET#${LINE_ID}`, `MOVE#PAY#milestone#${CONTRACT_ID}.m1`)).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: { kind: 'payment', amount: 30_000 },
    });
    expect(putOf(items, 'OCID#test', `PAYMENT#${CONTRACT_ID}.p1`)).toBeDefined();
    const audits = items.filter((i) => String(i.Put?.Item?.PK).startsWith('AUDIT#'));
    expect(audits.map((a) => a.Put?.Item?.action)).toEqual(['payment.made', 'milestone.paid']);
    expect(items.some((i) => String(i.Put?.Item?.PK).startsWith('IDEMPOTENCY#'))).toBe(true);
  });

  it('R-ACC-3: a milestone without a passed acceptance is 409 naming milestoneSeq, and nothing is written', async () => {
    const ms = atSigning();
    ms[0] = paidAt(ms[0]!);
    arrange(contract(), ms);

    const body = problem(await pay({ milestoneSeq: 2 }), 409);

    expect(body.rule).toBe('R-ACC-3');
    expect(body.detail).toMatch(/no passed acceptance/);
    expect(body.errors?.[0]).toMatchObject({ field: 'milestoneSeq' });
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('R-ACC-3: milestones are paid in order (409 until the earlier one is paid); a withheld one is 409', async () => {
    const ms = atSigning();
    ms[1] = passed(ms[1]!);
    arrange(contract(), ms);
    expect(problem(await pay({ milestoneSeq: 2 }), 409).detail).toMatch(/milestone 1 must be paid first/);

    ms[0] = { ...ms[0]!, status: 'withheld', withheld: { reason: '待整改', by: claimsActor, at: SIGNED_AT } };
    arrange(contract(), ms);
    expect(problem(await pay({ milestoneSeq: 1 }, financeClaims, 'payment-key-2'), 409).detail).toMatch(
      /withheld/,
    );
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('pays the amount less the deduction and releases the deduction from the commitment; the last one completes the contract in the same transaction', async () => {
    const ms = atSigning().map(paidAt);
    ms[2] = passed(atSigning()[2]!, 1_500);
    arrange(contract(), ms, committedLine(70_000));

    const result = await pay({ milestoneSeq: 3 });

    expect(result.statusCode).toBe(201);
    expect(json(result)).toMatchObject({ amount: 28_500, deduction: 1_500, contractStatus: 'completed' });
    const items = transactItems(ddbMock);
    expect(updateOf(items)?.ExpressionAttributeValues).toMatchObject({
      ':x': 28_500,
      ':d': 1_500,
      ':owed': 30_000,
    });
    expect(putOf(items, `CONTRACT#${CONTRACT_ID}`, '')).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 3 },
      Item: { status: 'completed', completedAt: '2026-05-20T10:00:00.000+08:00', version: 4 },
    });
    const audits = items.filter((i) => String(i.Put?.Item?.PK).startsWith('AUDIT#'));
    expect(audits.map((a) => a.Put?.Item?.action)).toEqual([
      'payment.made',
      'milestone.paid',
      'contract.completed',
    ]);
  });

  it('a payment that lost the race (its record or the milestone written meanwhile) is 409, never 412 and never a second payment', async () => {
    arrange(contract(), atSigning());
    ddbMock
      .on(TransactWriteCommand)
      .rejects(canceled('ConditionalCheckFailed', 'None', 'ConditionalCheckFailed'));

    const body = problem(await pay({ milestoneSeq: 1 }), 409);

    expect(body.detail).toMatch(/changed meanwhile/);
    expect(body.rule).toBe('R-FUND-2');
  });

  it('R-FUND-2: a line that no longer owes the amount refuses at write time (409 naming milestoneSeq)', async () => {
    arrange(contract(), atSigning());
    // payment, its audit, milestone, its audit, then the line's update fails.
    ddbMock
      .on(TransactWriteCommand)
      .rejects(canceled('None', 'None', 'None', 'None', 'ConditionalCheckFailed', 'None', 'None', 'None'));

    const body = problem(await pay({ milestoneSeq: 1 }), 409);

    expect(body.rule).toBe('R-FUND-2');
    expect(body.detail).toMatch(/would exceed the commitments/);
  });

  it('R-FUND-2: refused on the line as read when it owes less than the milestone', async () => {
    arrange(contract(), atSigning(), committedLine(PRICE - 10_000));
    expect(problem(await pay({ milestoneSeq: 1 }), 409).detail).toMatch(/above its commitments/);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it.each(['terminated', 'completed'] as const)('a %s contract takes no payment (409)', async (status) => {
    arrange(contract({ status }), atSigning());
    expect(problem(await pay({ milestoneSeq: 1 }), 409).detail).toMatch(/takes no payment/);
  });

  it('only finance pays (403); the body is strict and names its field (400)', async () => {
    arrange(contract(), atSigning());
    expect((await pay({ milestoneSeq: 1 }, claims.bureau)).statusCode).toBe(403);
    expect((await pay({ milestoneSeq: 1 }, claims.contractor(CONTRACTOR_ID))).statusCode).toBe(403);
    expect(problem(await pay({ milestoneSeq: 1, amount: 1 }), 400).errors?.[0]).toMatchObject({
      field: 'amount',
    });
    expect(problem(await pay({ milestoneSeq: 13 }), 400).errors?.[0]).toMatchObject({
      field: 'milestoneSeq',
    });
    expect(problem(await pay({ milestoneSeq: 9 }), 404).detail).toMatch(/no milestone 9/);
  });
});

const claimsActor = { sub: 'u-bureau', role: 'bureau' };

describe('GET /v1/payments/due', () => {
  it("one purchaser's payable and withheld milestones, oldest due first, due or overdue as of today in Shanghai", async () => {
    const other = { ...passed(atSigning()[1]!), contractId: 'con_other', dueBy: '2026-06-30' };
    const held = {
      ...passed(atSigning()[2]!),
      contractId: 'con_held',
      status: 'withheld' as const,
      withheld: { reason: '待整改', by: claimsActor, at: SIGNED_AT },
      dueBy: '2026-05-01',
    };
    arrange(contract(), [...atSigning(), other, held]);

    const result = await call(dueHandler, routes.listDue, { claims: financeClaims, query: {} });

    expect(result.statusCode).toBe(200);
    const body = json<{ today: string; items: { contractId: string; state: string; daysOverdue: number }[] }>(
      result,
    );
    expect(body.today).toBe('2026-05-20');
    // The advance was due 2026-04-01: 49 days overdue; the withheld one is listed as withheld, not overdue.
    expect(body.items.map((i) => [i.contractId, i.state, i.daysOverdue])).toEqual([
      [CONTRACT_ID, 'overdue', 49],
      ['con_held', 'withheld', 0],
      ['con_other', 'due', 0],
    ]);
    const [query] = ddbMock.commandCalls(QueryCommand);
    expect(query?.args[0].input).toMatchObject({
      IndexName: 'GSI1',
      ExpressionAttributeValues: { ':pk': 'PAYABLE#pur-district' },
      ScanIndexForward: true,
    });
  });

  it('the auditor names the purchaser (400 naming purchaserId otherwise); a contractor may not read it', async () => {
    arrange(contract(), atSigning());
    expect(
      problem(await call(dueHandler, routes.listDue, { claims: claims.auditor, query: {} }), 400).errors?.[0],
    ).toMatchObject({ field: 'purchaserId', in: 'query' });
    const ok = await call(dueHandler, routes.listDue, {
      claims: claims.auditor,
      query: { purchaserId: 'pur-district' },
    });
    expect(ok.statusCode).toBe(200);
    expect(
      (await call(dueHandler, routes.listDue, { claims: claims.contractor(CONTRACTOR_ID), query: {} }))
        .statusCode,
    ).toBe(403);
  });
});

const withhold = (body: unknown, ifMatch = '"1"', claimsOf: Claims = claims.bureau, seq = '1') =>
  call(withholdHandler, routes.withholdMilestone, {
    claims: claimsOf,
    params: { id: CONTRACT_ID, seq },
    headers: { 'if-match': ifMatch },
    body,
  });

describe('withholding and release (2 CFR 200.339): never silent', () => {
  it('withholds a payable milestone with its reason: still on the due index, audited', async () => {
    arrange(contract(), atSigning());

    const result = await withhold({ reason: '服务记录与签到不符，待整改' });

    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"2"');
    expect(json(result)).toMatchObject({
      status: 'withheld',
      withheld: { reason: '服务记录与签到不符，待整改', by: claimsActor },
      holds: [{ reason: '服务记录与签到不符，待整改' }],
    });
    const items = transactItems(ddbMock);
    expect(putOf(items, `MILESTONE#${CONTRACT_ID}`, 'SEQ#01')?.Item).toMatchObject({
      status: 'withheld',
      GSI1PK: 'PAYABLE#pur-district',
      GSI1SK: `2026-04-01#${CONTRACT_ID}#01`,
    });
    expect(items.find((i) => String(i.Put?.Item?.PK).startsWith('AUDIT#'))?.Put?.Item?.action).toBe(
      'milestone.withheld',
    );
  });

  it('a reason is required (400 naming it); If-Match must hold (412); a scheduled milestone is not withheld (409)', async () => {
    arrange(contract(), atSigning());
    expect(problem(await withhold({}), 400).errors?.[0]).toMatchObject({ field: 'reason' });
    expect(problem(await withhold({ reason: '   ' }), 400).errors?.[0]).toMatchObject({ field: 'reason' });
    expect((await withhold({ reason: 'x' }, '"7"')).statusCode).toBe(412);
    expect(problem(await withhold({ reason: 'x' }, '"1"', claims.bureau, '2'), 409).rule).toBe('R-ACC-3');
    expect((await withhold({ reason: 'x' }, '"1"', claims.auditor)).statusCode).toBe(403);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('release with a note: payable again, the due date moved by the days held (the clock paused)', async () => {
    const ms = atSigning();
    ms[0] = {
      ...ms[0]!,
      status: 'withheld',
      withheld: { reason: '待整改', by: claimsActor, at: '2026-05-10T10:00:00.000+08:00' },
      holds: [{ reason: '待整改', by: claimsActor, at: '2026-05-10T10:00:00.000+08:00' }],
      version: 2,
    };
    arrange(contract(), ms);

    const result = await call(releaseHandler, routes.releaseMilestone, {
      claims: financeClaims,
      params: { id: CONTRACT_ID, seq: '1' },
      headers: { 'if-match': '"2"' },
      body: { note: '已补交签到记录' },
    });

    expect(result.statusCode).toBe(200);
    // Held 10 → 20 May: 10 days; due 2026-04-01 → 2026-04-11.
    expect(json(result)).toMatchObject({
      status: 'payable',
      dueBy: '2026-04-11',
      holds: [{ reason: '待整改', releaseNote: '已补交签到记录', releasedBy: { sub: 'u-finance' } }],
    });
    expect(json(result)).not.toHaveProperty('withheld');
    expect(putOf(transactItems(ddbMock), `MILESTONE#${CONTRACT_ID}`, 'SEQ#01')?.Item).toMatchObject({
      GSI1SK: `2026-04-11#${CONTRACT_ID}#01`,
    });
  });
});

const terminate = (body: unknown, ifMatch = '"3"', claimsOf: Claims = claims.bureau) =>
  call(terminateHandler, routes.terminateContract, {
    claims: claimsOf,
    params: { id: CONTRACT_ID },
    headers: { 'if-match': ifMatch },
    body,
  });

describe('POST /v1/contracts/{id}/terminate (bureau)', () => {
  it('terminates: unpaid milestones cancelled, the remainder released from the line, the release, one transaction', async () => {
    const ms = atSigning();
    ms[0] = paidAt(ms[0]!);
    arrange(contract(), ms, committedLine(30_000));

    const result = await terminate({ reason: '将服务转包给他人', liability: '按合同第八条支付违约金一万元' });

    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({
      status: 'terminated',
      termination: {
        reason: '将服务转包给他人',
        liability: '按合同第八条支付违约金一万元',
        released: 70_000,
      },
    });
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
    const items = transactItems(ddbMock);
    const cancelled = items.filter((i) => String(i.Put?.Item?.PK).startsWith('MILESTONE#'));
    expect(cancelled.map((i) => [i.Put?.Item?.seq, i.Put?.Item?.status])).toEqual([
      [2, 'cancelled'],
      [3, 'cancelled'],
    ]);
    expect(cancelled.every((i) => !('GSI1PK' in (i.Put?.Item ?? {})))).toBe(true);
    expect(updateOf(items)).toMatchObject({
      ConditionExpression: 'purchaserId = :purchaser AND unpaid >= :x AND committed >= :x',
      UpdateExpression: expect.stringContaining('committed = committed - :x'),
      ExpressionAttributeValues: { ':x': 70_000 },
    });
    expect(putOf(items, `BUDGET#${LINE_ID}`, `MOVE#RELEASE#termination#${CONTRACT_ID}`)?.Item).toMatchObject({
      kind: 'release',
      amount: 70_000,
    });
    expect(putOf(items, 'OCID#test', `TERMINATION#${CONTRACT_ID}`)).toBeDefined();
    expect(items.length).toBeLessThanOrEqual(100);
  });

  it('R-ACC-3: a milestone whose acceptance passed is owed: payable or withheld, it is paid before the contract is terminated (409, nothing written)', async () => {
    for (const owed of ['payable', 'withheld'] as const) {
      ddbMock.resetHistory();
      const ms = atSigning();
      ms[0] = paidAt(ms[0]!);
      ms[1] = passed(ms[1]!, 2_000);
      if (owed === 'withheld') ms[1] = { ...ms[1], status: 'withheld' };
      arrange(contract(), ms, committedLine(30_000));

      const body = problem(
        await terminate({ reason: '将服务转包给他人', liability: '按合同第八条支付违约金' }),
        409,
      );

      expect(body).toMatchObject({ rule: 'R-ACC-3' });
      expect(body.detail).toContain(`milestone 2 passed its acceptance and is owed (${owed})`);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    }
  });

  it('reason and liability are required (400 naming each); If-Match (412); a completed contract is not terminated (409); only the bureau', async () => {
    arrange(contract(), atSigning());
    expect(problem(await terminate({ reason: 'x' }), 400).errors?.[0]).toMatchObject({ field: 'liability' });
    expect(problem(await terminate({ liability: 'x' }), 400).errors?.[0]).toMatchObject({ field: 'reason' });
    expect((await terminate({ reason: 'x', liability: 'y' }, '"2"')).statusCode).toBe(412);
    expect((await terminate({ reason: 'x', liability: 'y' }, '"3"', financeClaims)).statusCode).toBe(403);
    arrange(contract({ status: 'completed' }), atSigning());
    expect(problem(await terminate({ reason: 'x', liability: 'y' }), 409).detail).toMatch(/completed/);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  describe('R-ACC-3: a termination ends the acceptances under way at once (issue 13 §4, R-FUND-2)', () => {
    const REASON = '将服务转包给他人';
    const acceptance = (id: string, overrides: Partial<Acceptance> = {}): Acceptance =>
      ({
        id,
        contractId: CONTRACT_ID,
        purchaserId: 'pur-district',
        contractorId: CONTRACTOR_ID,
        milestoneSeq: 2,
        status: 'collecting_opinions',
        round: 1,
        panel: [{ sub: 'u-bureau', role: 'bureau' }],
        quorum: 1,
        invitations: [],
        answerBy: '2026-05-27T10:00:00.000+08:00',
        rounds: [],
        workflow: { executionArn: `arn:exec:${id}`, waitingFor: 'opinions' },
        openedBy: { sub: 'u-bureau', role: 'bureau' },
        version: 4,
        createdAt: '2026-05-18T10:00:00.000+08:00',
        updatedAt: '2026-05-18T10:00:00.000+08:00',
        ...overrides,
      }) as Acceptance;
    const acceptanceItem = (a: Acceptance) => ({
      ...keys.acceptance(a.contractId, a.id),
      recordType: 'acceptance',
      ...a,
      ...head(a.version),
    });
    const callbackItem = (acceptanceId: string, taskToken: string, waitingFor = 'opinions') => ({
      ...keys.acceptanceCallback(CONTRACT_ID, acceptanceId),
      recordType: 'callback',
      contractId: CONTRACT_ID,
      acceptanceId,
      waitingFor,
      taskToken,
      parkedAt: '2026-05-20T09:00:00.000+08:00',
    });
    /** Milestone 1 paid, 2 under acceptance (acc_waiting, parked on opinions), 3 scheduled; an old interrupted one. */
    const arrangeWaiting = (extra: Record<string, unknown>[] = []) => {
      const ms = atSigning();
      ms[0] = paidAt(ms[0]!);
      arrange(contract(), ms, committedLine(30_000), [
        acceptanceItem(acceptance('acc_waiting')),
        acceptanceItem(acceptance('acc_old', { status: 'interrupted', version: 6 })),
        callbackItem('acc_waiting', 'tok-waiting'),
        ...extra,
      ]);
    };
    const acceptancePuts = (items: TransactItems) =>
      items.filter((i) => i.Put?.Item?.PK === `ACCEPTANCE#${CONTRACT_ID}`).map((i) => i.Put!);

    it("cancels the acceptance under way in the termination's transaction (with its audit entry), then fails its parked token with AcceptanceCancelled and deletes it", async () => {
      arrangeWaiting();
      const order: string[] = [];
      ddbMock.on(TransactWriteCommand).callsFake(() => {
        order.push('commit');
        return {};
      });
      sfnMock.on(SendTaskFailureCommand).callsFake(() => {
        order.push('SendTaskFailure');
        return {};
      });

      const result = await terminate({ reason: REASON, liability: '按合同第八条支付违约金' });

      expect(result.statusCode).toBe(200);
      expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
      const items = transactItems(ddbMock);
      // Only the undecided one: the interrupted acceptance is final and stays as it is.
      const puts = acceptancePuts(items);
      expect(puts).toHaveLength(1);
      expect(puts[0]).toMatchObject({
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': 4 },
        Item: {
          SK: 'ACCEPTANCE#acc_waiting',
          status: 'cancelled',
          cancellation: {
            reason: `contract terminated: ${REASON}`,
            contractStatus: 'terminated',
            at: '2026-05-20T10:00:00.000+08:00',
          },
          workflow: { executionArn: 'arn:exec:acc_waiting' },
          version: 5,
        },
      });
      const audits = items.filter((i) => String(i.Put?.Item?.PK).startsWith('AUDIT#'));
      expect(audits.map((a) => a.Put?.Item?.action)).toEqual([
        'contract.terminated',
        'milestone.cancelled',
        'milestone.cancelled',
        'acceptance.cancelled',
      ]);
      // After the commit, never before: the workflow is failed into Cancelled (the ASL catches AcceptanceCancelled).
      expect(order).toEqual(['commit', 'SendTaskFailure']);
      expect(sfnMock.commandCalls(SendTaskFailureCommand).map((c) => c.args[0].input)).toEqual([
        {
          taskToken: 'tok-waiting',
          error: ACCEPTANCE_CANCELLED,
          cause: `acceptance acc_waiting was cancelled: contract terminated: ${REASON}`,
        },
      ]);
      expect(ddbMock.commandCalls(DeleteCommand).map((c) => c.args[0].input)).toEqual([
        expect.objectContaining({
          Key: keys.acceptanceCallback(CONTRACT_ID, 'acc_waiting'),
          ConditionExpression: 'taskToken = :t',
          ExpressionAttributeValues: { ':t': 'tok-waiting' },
        }),
      ]);
    });

    it('the callbacks are found by one strongly consistent Query of the contract partition on CALLBACK#', async () => {
      arrangeWaiting();

      expect((await terminate({ reason: REASON, liability: 'y' })).statusCode).toBe(200);

      const callbackQueries = ddbMock
        .commandCalls(QueryCommand)
        .map((c) => c.args[0].input)
        .filter((q) => q.ExpressionAttributeValues?.[':prefix'] === 'CALLBACK#');
      expect(callbackQueries).toEqual([
        expect.objectContaining({
          ConsistentRead: true,
          ExpressionAttributeValues: { ':pk': `ACCEPTANCE#${CONTRACT_ID}`, ':prefix': 'CALLBACK#' },
        }),
      ]);
    });

    it.each(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'])(
      'a spent token (%s: the task answered it itself) still answers 200, and the callback is cleared',
      async (name) => {
        arrangeWaiting();
        sfnMock.on(SendTaskFailureCommand).rejects(Object.assign(new Error('spent'), { name }));

        const result = await terminate({ reason: REASON, liability: 'y' });

        expect(result.statusCode).toBe(200);
        expect(json(result)).toMatchObject({ status: 'terminated' });
        expect(ddbMock.commandCalls(DeleteCommand)).toHaveLength(1);
      },
    );

    it('any other failure to send after the commit is logged with the acceptance id (never the token) and the termination answers 200: it stands, the hourly re-park ends the workflow', async () => {
      arrangeWaiting();
      sfnMock
        .on(SendTaskFailureCommand)
        .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
      const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);

      const result = await terminate({ reason: REASON, liability: 'y' });

      expect(result.statusCode).toBe(200);
      expect(json(result)).toMatchObject({ status: 'terminated' });
      expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
      // Not cleared: the token was not answered (its execution's re-park finds the acceptance cancelled).
      expect(ddbMock.commandCalls(DeleteCommand)).toHaveLength(0);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('acceptance workflow not ended at once'),
        expect.objectContaining({
          contractId: CONTRACT_ID,
          acceptanceId: 'acc_waiting',
          error: { name: 'ThrottlingException', message: 'Rate exceeded' },
        }),
      );
      expect(JSON.stringify(warn.mock.calls)).not.toContain('tok-waiting');
      warn.mockRestore();
    });

    it('an acceptance in rectification (no token parked) is cancelled in the transaction; nothing is sent to Step Functions', async () => {
      const ms = atSigning();
      ms[0] = paidAt(ms[0]!);
      arrange(contract(), ms, committedLine(30_000), [
        acceptanceItem(
          acceptance('acc_rect', { status: 'rectification', workflow: { waitingFor: 'rectification' } }),
        ),
      ]);

      expect((await terminate({ reason: REASON, liability: 'y' })).statusCode).toBe(200);

      expect(acceptancePuts(transactItems(ddbMock)).map((p) => p.Item?.status)).toEqual(['cancelled']);
      expect(sfnMock.commandCalls(SendTaskFailureCommand)).toHaveLength(0);
    });

    it('an acceptance a workflow task moved before the transaction landed is read again: the termination lands on the second try (not 412)', async () => {
      arrangeWaiting();
      let attempt = 0;
      ddbMock.on(TransactWriteCommand).callsFake((input: { TransactItems: TransactItems }) => {
        attempt += 1;
        if (attempt > 1) return {};
        throw canceled(
          ...input.TransactItems.map((i) =>
            i.Put?.Item?.PK === `ACCEPTANCE#${CONTRACT_ID}` ? 'ConditionalCheckFailed' : 'None',
          ),
        );
      });

      const result = await terminate({ reason: REASON, liability: 'y' });

      expect(result.statusCode).toBe(200);
      expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(2);
      expect(sfnMock.commandCalls(SendTaskFailureCommand)).toHaveLength(1);
    });

    it("the route's declared rights allow every table call the termination makes (least privilege, issue 11 §2)", async () => {
      arrangeWaiting();

      expect((await terminate({ reason: REASON, liability: 'y' })).statusCode).toBe(200);

      const grants = grantsOf('terminateContract', routes.terminateContract as RouteDef);
      const calls = ddbMock.calls();
      expect(calls.map((c) => c.args[0].constructor.name)).toEqual(
        expect.arrayContaining(['QueryCommand', 'TransactWriteCommand', 'DeleteCommand']),
      );
      for (const call of calls) {
        const command = call.args[0] as { constructor: { name: string }; input: unknown };
        expect(() => checkDynamoDbCall(grants, command.constructor.name, command.input)).not.toThrow();
      }
    });
  });
});

describe('GET /v1/contracts/{id}/milestones', () => {
  const list = (claimsOf: Claims) =>
    call(milestonesHandler, routes.listMilestones, { claims: claimsOf, params: { id: CONTRACT_ID } });

  it('the contractor, finance, the auditor and the purchaser’s staff see every milestone in order', async () => {
    arrange(contract(), atSigning());
    for (const who of [claims.contractor(CONTRACTOR_ID), financeClaims, claims.auditor, claims.bureau]) {
      const result = await list(who);
      expect(result.statusCode).toBe(200);
      expect(
        json<{ items: { seq: number; status: string }[] }>(result).items.map((m) => [m.seq, m.status]),
      ).toEqual([
        [1, 'payable'],
        [2, 'scheduled'],
        [3, 'scheduled'],
      ]);
    }
  });

  it('another contractor and another town are told "not found"', async () => {
    arrange(contract(), atSigning());
    expect((await list(claims.contractor('ctr_01jzzzzzzz9876543210'))).statusCode).toBe(404);
    expect((await list(claims.town)).statusCode).toBe(404);
  });
});
