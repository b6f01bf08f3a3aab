/**
 * Sealed with a key, not by code alone (issue 11 §1, R-PROC-5), through the handlers: a submitted or revised bid
 * reaches the table, and its audit entry, with its price and proposal sealed under its own data key (bound to
 * { projectId, contractorId }), never in clear; the contractor's own read shows its price before the deadline;
 * readers of all bids are told the bids are being opened until CloseBidding opens them; CloseBidding opens every
 * sealed bid after the deadline (a clear item and a `bid.opened` entry), and never before it. Unit tests run with
 * the local key that plays KMS's part (test/unit-env.setup.ts).
 */
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as disqualifyBid } from '#functions/bids/disqualify-bid';
import { handler as getOwnBid } from '#functions/bids/get-own-bid';
import { handler as listBids } from '#functions/bids/list-bids';
import { handler as submitBid } from '#functions/bids/submit-bid';
import { handler as closeBiddingTask } from '#functions/procurement/close-bidding';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { bidSeal } from '#shared/adapters/kms/bid-seal';
import { clock, store } from '#shared/adapters/store';
import type { Contractor } from '#shared/domain/contractor';
import { CONDITIONS } from '#shared/domain/contractor';
import type { BidRecord } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import type { SealedBid } from '#shared/use-cases/bid-seal';
import { bidSealContext, openSealedBids, sealBid } from '#shared/use-cases/bid-seal';
import {
  CONTRACTOR_ID,
  apiEvent,
  claims,
  contractor,
  contractorItem,
  head,
  json,
  lambdaContext,
  problem,
  putItem,
  transactItems,
} from './support';
import { PROJECT_ID, project, projectItem } from './procurement-fixtures';
import {
  DEADLINE,
  EXECUTION,
  WORKFLOW_ACTOR,
  bid,
  executionInput,
  taskEvent,
} from './procurement-task-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);

const BEFORE = new Date('2025-03-15T02:00:00.000Z');
/** 15 s after the deadline (09:30 Shanghai), when CloseBidding runs. */
const AFTER = new Date('2025-03-20T01:30:15.000Z');
const PRICE = 8_765_432;
const SUMMARY = '密封的服务方案：助餐与上门照料';

const published = (overrides: Partial<Project> = {}): Project =>
  project({
    status: 'published',
    version: 4,
    tender: { publishedAt: '2025-03-10T10:00:00.000+08:00', bidDeadline: DEADLINE, minimumBids: 1 },
    workflow: {
      executionArn: EXECUTION,
      startedAt: '2025-03-10T10:00:00.000+08:00',
      waitingFor: 'bid_deadline',
    },
    ...overrides,
  });

function eligible(): Contractor {
  return contractor({
    decisions: Object.fromEntries(
      CONDITIONS.map((n) => [
        n,
        {
          status: 'approved' as const,
          documentId: `doc_${n}`,
          decidedBy: 'u-bureau',
          decidedAt: '2025-01-05T09:00:00.000+08:00',
          reason: '符合',
        },
      ]),
    ),
    evidence: Object.fromEntries(
      CONDITIONS.map((n) => [n, { latestRevision: 1, latestDocumentId: `doc_${n}` }]),
    ),
    version: 9,
  });
}

const itemOf = (b: BidRecord | SealedBid, seq = b.version) => ({
  ...keys.bid(b.projectId, b.contractorId),
  recordType: 'bid',
  ...b,
  ...head(seq),
});

const ownBid = (overrides: Partial<BidRecord> = {}) =>
  bid(1, PRICE, { contractorId: CONTRACTOR_ID, proposal: { summary: SUMMARY }, ...overrides });

const bidsQuery = { ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'BID#' } };

function arrange(options: {
  project?: Project;
  bid?: BidRecord | SealedBid;
  bids?: (BidRecord | SealedBid)[];
}) {
  ddbMock
    .on(GetCommand, { Key: keys.project(PROJECT_ID) })
    .resolves({ Item: projectItem(options.project ?? published()) });
  ddbMock
    .on(GetCommand, { Key: keys.contractor(CONTRACTOR_ID) })
    .resolves({ Item: contractorItem(eligible()) });
  if (options.bid)
    ddbMock
      .on(GetCommand, { Key: keys.bid(PROJECT_ID, CONTRACTOR_ID) })
      .resolves({ Item: itemOf(options.bid) });
  ddbMock.on(QueryCommand, bidsQuery).resolves({ Items: (options.bids ?? []).map((b) => itemOf(b)) });
}

/** A first bid (If-None-Match: *), or a revision of the bid at `version` (If-Match), issue 12 §3. */
const put = (
  body: { price: number; proposal: { summary: string } } = { price: PRICE, proposal: { summary: SUMMARY } },
  version?: number,
) =>
  submitBid(
    apiEvent(routes.submitBid, {
      claims: claims.contractor(CONTRACTOR_ID),
      params: { id: PROJECT_ID },
      headers: version === undefined ? { 'if-none-match': '*' } : { 'if-match': `"${version}"` },
      body,
    }),
    lambdaContext(),
  );

/** Nothing of the price or the proposal in clear, in any encoding a reader of the item would see. */
function expectNoContents(item: unknown, price = PRICE, summary = SUMMARY) {
  const text = JSON.stringify(item);
  expect(text).not.toContain(String(price));
  expect(text).not.toContain(summary);
  expect(text).not.toContain(JSON.stringify(summary).slice(1, -1));
}

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: BEFORE, toFake: ['Date'] });
});
afterEach(() => vi.useRealTimers());

describe('a bid is stored sealed (R-PROC-5, issue 11 §1)', () => {
  it('the bid item and its audit entry hold the price and proposal sealed under the bid’s context, not in clear', async () => {
    arrange({});
    const result = await put();

    // The submitter is answered with its own bid in clear.
    expect(result.statusCode).toBe(201);
    expect(json<BidRecord>(result)).toMatchObject({ price: PRICE, proposal: { summary: SUMMARY } });
    const items = transactItems(ddbMock);
    const stored = putItem(items, 0);
    const audit = putItem(items, 1);
    expect(stored).not.toHaveProperty('price');
    expect(stored).not.toHaveProperty('proposal');
    expectNoContents(stored);
    expect(audit).toMatchObject({ action: 'bid.submitted' });
    expectNoContents(audit);
    // What is stored opens under the bid's own context only.
    const sealed = stored.sealed as SealedBid['sealed'];
    const context = bidSealContext({ projectId: PROJECT_ID, contractorId: CONTRACTOR_ID });
    expect(JSON.parse(await bidSeal.open(sealed, context))).toEqual({
      price: PRICE,
      proposal: { summary: SUMMARY },
    });
    await expect(bidSeal.open(sealed, { ...context, contractorId: 'ctr_00000002' })).rejects.toThrow();
    expect((audit.data as { sealed?: unknown }).sealed).toEqual(sealed);
  });

  it('a revision seals the new contents under a fresh data key and keeps nothing of the old ones', async () => {
    const first = await sealBid({ seal: bidSeal }, ownBid({ version: 2 }));
    arrange({ bid: first });

    const result = await put({ price: 7_654_321, proposal: { summary: '修订后的方案' } }, 2);

    expect(result.statusCode).toBe(200);
    const stored = putItem(transactItems(ddbMock), 0);
    expectNoContents(stored, 7_654_321, '修订后的方案');
    expect((stored.sealed as SealedBid['sealed']).key).not.toBe(first.sealed.key);
    expect(
      JSON.parse(await bidSeal.open(stored.sealed as SealedBid['sealed'], bidSealContext(first))),
    ).toEqual({
      price: 7_654_321,
      proposal: { summary: '修订后的方案' },
    });
  });

  it('the contractor reads its own sealed bid without its contents, with the receipt of the sealed content: nothing is opened before the close (issue 11 §1)', async () => {
    const sealed = await sealBid({ seal: bidSeal }, ownBid());
    arrange({ bid: sealed });
    const opens = vi.spyOn(bidSeal, 'open');

    const result = await getOwnBid(
      apiEvent(routes.getOwnBid, { claims: claims.contractor(CONTRACTOR_ID), params: { id: PROJECT_ID } }),
      lambdaContext(),
    );

    expect(result.statusCode).toBe(200);
    const body = json<Record<string, unknown>>(result);
    expect(body).toMatchObject({
      version: 1,
      sealed: { sha256: createHash('sha256').update(sealed.sealed.data).digest('hex') },
    });
    expect(body).not.toHaveProperty('price');
    expect(body).not.toHaveProperty('proposal');
    expect(JSON.stringify(body)).not.toContain(String(PRICE));
    expect(opens).not.toHaveBeenCalled();
  });
});

describe('between the deadline and the opening (R-PROC-5)', () => {
  it('a reader of all bids and the compliance review are told the bids are being opened (409), nothing written', async () => {
    vi.setSystemTime(AFTER);
    const sealed = await sealBid({ seal: bidSeal }, ownBid());
    arrange({ project: published({ status: 'bidding_closed', scoringRound: 1 }), bids: [sealed] });

    const listed = await listBids(
      apiEvent(routes.listBids, { claims: claims.bureau, params: { id: PROJECT_ID } }),
      lambdaContext(),
    );
    expect(problem(listed, 409)).toMatchObject({ rule: 'R-PROC-5' });

    const disqualified = await disqualifyBid(
      apiEvent(routes.disqualifyBid, {
        claims: claims.bureau,
        params: { id: PROJECT_ID, contractorId: CONTRACTOR_ID },
        headers: { 'If-Match': '"1"' },
        body: { reason: '未提供服务承诺书' },
      }),
      lambdaContext(),
    );
    expect(problem(disqualified, 409)).toMatchObject({ rule: 'R-PROC-5' });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('CloseBidding opens the bids at the deadline (R-PROC-5)', () => {
  it('closes bidding, then writes every sealed bid back in clear with a bid.opened entry, on the version read', async () => {
    vi.setSystemTime(AFTER);
    const mine = await sealBid({ seal: bidSeal }, ownBid());
    const other = await sealBid({ seal: bidSeal }, bid(2, 9_100_000, { version: 3 }));
    const already = bid(3, 9_200_000);
    arrange({ bids: [mine, other, already] });
    // The table as the task leaves it: each bid item written replaces the one the bid query answers.
    const table = new Map(
      [mine, other, already].map((b) => [b.contractorId, itemOf(b) as Record<string, unknown>]),
    );
    ddbMock.on(QueryCommand, bidsQuery).callsFake(() => ({ Items: [...table.values()] }));
    ddbMock
      .on(TransactWriteCommand)
      .callsFake((input: { TransactItems: { Put?: { Item: Record<string, unknown> } }[] }) => {
        const item = input.TransactItems[0]?.Put?.Item;
        if (item?.recordType === 'bid') table.set(item.contractorId as string, item);
        return {};
      });

    const result = await closeBiddingTask(taskEvent('CloseBidding', executionInput));

    expect(result).toEqual({ outcome: 'closed', bids: 3 });
    // One transaction per sealed bid, then the close: whoever sees bidding_closed reads every bid in clear. The bid
    // opened already is left alone, and the pass after the close finds nothing left to open.
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
    expect(putItem(transactItems(ddbMock, 2), 1)).toMatchObject({ action: 'project.bidding_closed' });
    const openings = [transactItems(ddbMock, 0), transactItems(ddbMock, 1)];
    const byContractor = Object.fromEntries(openings.map((items) => [putItem(items, 0).contractorId, items]));
    for (const [sealedBid, price, summary] of [
      [mine, PRICE, SUMMARY],
      [other, 9_100_000, '服务方案'],
    ] as const) {
      const items = byContractor[sealedBid.contractorId];
      expect(items, sealedBid.contractorId).toBeDefined();
      expect(items?.[0]?.Put).toMatchObject({
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': sealedBid.version },
      });
      const opened = putItem(items ?? [], 0);
      expect(opened).toMatchObject({ price, proposal: { summary }, version: sealedBid.version + 1 });
      expect(opened).not.toHaveProperty('sealed');
      expect(putItem(items ?? [], 1)).toMatchObject({ action: 'bid.opened', actor: WORKFLOW_ACTOR });
    }
  });

  it('never opens a bid before the deadline: the task is retried', async () => {
    const sealed = await sealBid({ seal: bidSeal }, ownBid());
    arrange({ bids: [sealed] });
    vi.setSystemTime(new Date(Date.parse(DEADLINE) - 1));

    await expect(
      openSealedBids({ store, clock, open: bidSeal }, PROJECT_ID, WORKFLOW_ACTOR),
    ).rejects.toMatchObject({
      name: 'TransientTaskError',
    });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('never opens a bid inside the grace after the deadline, when a revision judged on time may still land (issue 11 §3)', async () => {
    const sealed = await sealBid({ seal: bidSeal }, ownBid());
    arrange({ bids: [sealed] });
    // 14.999 s after the deadline: the bid functions' 10 s timeout and the 5 s margin are not over.
    vi.setSystemTime(new Date(Date.parse(DEADLINE) + 14_999));

    await expect(
      openSealedBids({ store, clock, open: bidSeal }, PROJECT_ID, WORKFLOW_ACTOR),
    ).rejects.toMatchObject({ name: 'TransientTaskError' });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});
