/**
 * PUT /v1/contracts/{id}/acceptance-plan (issue 13 §3, R-ACC-1..3): the purchaser's side sets the plan while nobody
 * has signed, conditional on the version read, in one transaction with its audit entry; everyone else is refused.
 */
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/contracts/set-acceptance-plan';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Contract } from '#shared/domain/contract';
import { DEFAULT_PAYMENT_MILESTONES, STANDARD_TEMPLATE, draftContract } from '#shared/domain/contract';
import type { RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  apiEvent,
  claims,
  head,
  json,
  lambdaContext,
  problem,
  putItem,
  transactItems,
} from './support';
import { PROJECT_ID, otherTownClaims, project } from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const CONTRACT_ID = 'con_01jcontract000000002';
const NOW = new Date('2025-04-22T02:00:00.000Z');

function drafted(): Contract {
  const p = project({ status: 'awarded', contract: { id: CONTRACT_ID } });
  return draftContract(
    p,
    {
      projectId: PROJECT_ID,
      bidId: 'bid_01jabcdefg0123456789',
      contractorId: CONTRACTOR_ID,
      price: 28_000_000,
      awardedAt: '2025-04-12T15:00:00.000+08:00',
    },
    STANDARD_TEMPLATE,
    { paymentMilestones: DEFAULT_PAYMENT_MILESTONES },
    { id: CONTRACT_ID, now: '2025-04-21T09:00:00.000+08:00' },
  );
}

function arrange(stored: Contract): void {
  ddbMock.on(GetCommand, { Key: keys.contract(CONTRACT_ID) }).resolves({
    Item: { ...keys.contract(CONTRACT_ID), recordType: 'contract', ...stored, ...head(stored.version) },
  });
}

const put = (body: unknown, options: RequestOptions = {}) =>
  handler(
    apiEvent(routes.setAcceptancePlan, {
      claims: claims.bureau,
      params: { id: CONTRACT_ID },
      headers: { 'If-Match': '"1"' },
      body,
      ...options,
    }),
    lambdaContext(),
  );

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

describe('PUT /v1/contracts/{id}/acceptance-plan', () => {
  it('R-ACC-1..3: the bureau sets the plan of a draft: one transaction, conditional on the version, with its audit entry', async () => {
    const contract = drafted();
    arrange(contract);
    const plan = {
      ...contract.acceptancePlan,
      recipients: { ...contract.acceptancePlan.recipients, satisfiedShareBp: 9000 },
    };

    const result = await put(plan);

    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"2"');
    expect(json<Contract>(result).acceptancePlan.recipients.satisfiedShareBp).toBe(9000);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(putItem(items, 0)).toMatchObject({ ...keys.contract(CONTRACT_ID), version: 2 });
    expect(items[0]?.Put?.ExpressionAttributeValues).toEqual({ ':expected': 1 });
    expect(putItem(items, 1)).toMatchObject({
      recordType: 'contract',
      action: 'contract.acceptance_plan_set',
    });
  });

  it('R-ACC-1: once a side has signed, the plan is agreed: 409, nothing written', async () => {
    const contract: Contract = {
      ...drafted(),
      status: 'signed_by_one',
      signatures: {
        contractor: { by: { sub: 'u-c', role: 'contractor' }, at: '2025-04-21T10:00:00.000+08:00' },
      },
      version: 2,
    };
    arrange(contract);

    const body = problem(await put(contract.acceptancePlan, { headers: { 'If-Match': '"2"' } }), 409);

    expect(body.rule).toBe('R-ACC-1');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-ACC-1: an indicator the service standard lacks is a 400 naming the field', async () => {
    const contract = drafted();
    arrange(contract);
    const plan = structuredClone(contract.acceptancePlan);
    plan.indicators[0]!.code = 'not_in_standard';

    const body = problem(await put(plan), 400);

    expect(body.errors).toEqual([expect.objectContaining({ field: 'acceptancePlan.indicators.0.code' })]);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('a field the schema lacks, or a term past 60 days, is a 400 naming it', async () => {
    const contract = drafted();
    arrange(contract);
    const unknown = problem(await put({ ...contract.acceptancePlan, paymentTerm: 30 }), 400);
    expect(unknown.errors?.map((e) => e.field)).toContain('paymentTerm');
    const tooLong = problem(await put({ ...contract.acceptancePlan, paymentTermDays: 61 }), 400);
    expect(tooLong.errors?.map((e) => e.field)).toContain('paymentTermDays');
  });

  it('R-BUY-1: another town is told the contract does not exist; a contractor may not set it (403); a stale version is 412', async () => {
    const contract = drafted();
    arrange(contract);
    problem(await put(contract.acceptancePlan, { claims: otherTownClaims }), 404);
    problem(await put(contract.acceptancePlan, { claims: claims.contractor(CONTRACTOR_ID) }), 403);
    problem(await put(contract.acceptancePlan, { headers: { 'If-Match': '"5"' } }), 412);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});
