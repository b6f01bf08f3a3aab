/**
 * The deadline rush (issue 11 §3, R-PROC-1): no bid transaction names the project item, so concurrent bidders
 * never cancel each other. DynamoDB's conflict rule is emulated on the mocked client
 * (test/support/transaction-conflicts.ts): a transaction naming an item another one holds is cancelled with
 * TransactionConflict, as on AWS (DynamoDB Local never does).
 */
import { S3Client } from '@aws-sdk/client-s3';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { GetCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as requestBidDocumentUpload } from '#functions/bids/request-bid-document-upload';
import { handler as submitBid } from '#functions/bids/submit-bid';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Contractor } from '#shared/domain/contractor';
import { CONDITIONS } from '#shared/domain/contractor';
import type { Project } from '#shared/domain/project';
import { withTransactionConflicts } from '../support/transaction-conflicts';
import type { Result } from './support';
import {
  CONTRACTOR_ID,
  apiEvent,
  claims,
  contractor,
  contractorItem,
  lambdaContext,
  sha256,
  transactItems,
} from './support';
import { PROJECT_ID, project, projectItem } from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
mockClient(S3Client);

const DEADLINE = '2025-03-20T10:00:00.000+08:00';
/** A second before the deadline: the rush. */
const RUSH = new Date('2025-03-20T01:59:59.000Z');
const BIDDERS = 50;

const published = (): Project =>
  project({
    status: 'published',
    version: 4,
    tender: { publishedAt: '2025-03-10T10:00:00.000+08:00', bidDeadline: DEADLINE, minimumBids: 3 },
  });

const eligible = (id: string): Contractor =>
  contractor({
    id,
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

const contractorIds = Array.from({ length: BIDDERS }, (_, i) => `ctr_01jrush${String(i).padStart(13, '0')}`);

/** The project published, every contractor eligible, no bid yet. */
function arrangeTable(): void {
  ddbMock.on(GetCommand).callsFake((input: GetCommandInput) => {
    const key = input.Key as { PK: string; SK: string };
    if (key.PK === keys.project(PROJECT_ID).PK && key.SK === keys.project(PROJECT_ID).SK)
      return { Item: projectItem(published()) };
    const id = [CONTRACTOR_ID, ...contractorIds].find(
      (c) => keys.contractor(c).PK === key.PK && keys.contractor(c).SK === key.SK,
    );
    return id ? { Item: contractorItem(eligible(id)) } : {};
  });
  ddbMock.on(QueryCommand).resolves({ Items: [] });
}

const put = (contractorId: string, price: number): Promise<Result> =>
  submitBid(
    apiEvent(routes.submitBid, {
      claims: { ...claims.contractor(contractorId), sub: `u-${contractorId}` },
      params: { id: PROJECT_ID },
      headers: { 'if-none-match': '*' },
      body: { price, proposal: { summary: '照料护理服务方案' } },
    }),
    lambdaContext(),
  ) as Promise<Result>;

const projectKey = `${keys.project(PROJECT_ID).PK}|${keys.project(PROJECT_ID).SK}`;
const keysOf = (items: ReturnType<typeof transactItems>) =>
  items.map((item) => {
    const key = (item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key) as {
      PK: string;
      SK: string;
    };
    return `${key.PK}|${key.SK}`;
  });

beforeAll(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  // Bid objects are sealed under a customer key (issue 11 §1): the upload form names it.
  vi.stubEnv('BID_SEAL_KEY_ID', 'arn:aws-cn:kms:cn-north-1:000000000000:key/bid-seal');
});

beforeEach(() => {
  ddbMock.reset();
  arrangeTable();
  vi.useFakeTimers({ now: RUSH, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the deadline rush (issue 11 §3, R-PROC-1)', () => {
  it('a bid’s transaction names no project item: only the bid, its audit entry and the contractor as judged', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).resolves({});

    // Act
    const result = await put(CONTRACTOR_ID, 28_000_000);

    // Assert
    expect(result.statusCode).toBe(201);
    const named = keysOf(transactItems(ddbMock));
    expect(named).not.toContain(projectKey);
    expect(named.filter((key) => key.startsWith(`${keys.project(PROJECT_ID).PK}|`))).toEqual([
      `${keys.bid(PROJECT_ID, CONTRACTOR_ID).PK}|${keys.bid(PROJECT_ID, CONTRACTOR_ID).SK}`,
    ]);
  });

  it('a bid document’s declaration names no project item either', async () => {
    // Arrange: the contractor has bid already
    ddbMock.on(TransactWriteCommand).resolves({});
    await put(CONTRACTOR_ID, 28_000_000);
    const bid = transactItems(ddbMock)[0]?.Put?.Item;
    ddbMock.on(GetCommand, { Key: keys.bid(PROJECT_ID, CONTRACTOR_ID) }).resolves({ Item: bid });
    ddbMock.resetHistory();

    // Act
    const result = (await requestBidDocumentUpload(
      apiEvent(routes.requestBidDocumentUpload, {
        claims: claims.contractor(CONTRACTOR_ID),
        params: { id: PROJECT_ID },
        body: { fileName: '技术方案.pdf', contentType: 'application/pdf', size: 2048, sha256: sha256('x') },
      }),
      lambdaContext(),
    )) as Result;

    // Assert
    expect(result.statusCode).toBe(201);
    const declaration = ddbMock
      .commandCalls(TransactWriteCommand)
      .map((call) => call.args[0].input.TransactItems ?? [])
      .find((items) => items.some((item) => item.Put?.Item?.recordType === 'bidDocument'));
    if (!declaration) throw new Error('no declaration transaction');
    expect(keysOf(declaration)).not.toContain(projectKey);
  });

  it(`${BIDDERS} contractors bidding at once all land at the first try: no TransactionConflict, no 409`, async () => {
    // Arrange: DynamoDB's conflict rule on the mocked client, each transaction held a few milliseconds
    const dynamo = withTransactionConflicts(async () => ({}), { holdMs: 5 });
    ddbMock.on(TransactWriteCommand).callsFake(dynamo.send);

    // Act
    const results = await Promise.all(contractorIds.map((id, i) => put(id, 28_000_000 - i)));

    // Assert
    expect(results.map((r) => r.statusCode)).toEqual(contractorIds.map(() => 201));
    expect(dynamo.tally).toEqual({ sent: BIDDERS, conflicts: 0 });
  });
});
