/**
 * Per-caller limits (issue 11 §3): a token bucket per token `sub` (shared/http/rate-limit.ts, kept as GCRA by
 * shared/adapters/dynamodb/rate-buckets.ts) in front of every write route. The table's conditional updates are
 * evaluated by a fake that applies the two condition expressions to an in-memory item, as DynamoDB would.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { GetCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as submitBid } from '#functions/bids/submit-bid';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { CONDITIONS } from '#shared/domain/contractor';
import { logger } from '#shared/http/logger';
import { CONTRACTOR_WRITES, PORTAL_WRITES, rateLimitOf } from '#shared/http/rate-limit';
import { api, ok } from '#shared/http/api-handler';
import type { Result } from './support';
import { apiEvent, claims, contractor, contractorItem, lambdaContext, problem } from './support';
import { PROJECT_ID, project, projectItem } from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);

const NOW = new Date('2025-03-20T01:59:50.000Z');
const HOSTILE = 'ctr_01jhostile00000000000';
const HONEST = 'ctr_01jhonest000000000000';

const eligible = (id: string) =>
  contractorItem(
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
    }),
  );

/** The buckets as DynamoDB would keep them: `tat` per key, the conditions of rate-buckets.ts evaluated. */
function fakeBuckets() {
  const tat = new Map<string, number>();
  ddbMock.on(UpdateCommand).callsFake((input: UpdateCommandInput) => {
    const key = input.Key as { PK: string; SK: string };
    const id = `${key.PK}|${key.SK}`;
    const values = input.ExpressionAttributeValues as Record<string, number>;
    const current = tat.get(id);
    const refused = () =>
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        ...(current === undefined ? {} : { Item: { tat: { N: String(current) } } }),
      });
    if (input.ConditionExpression === 'attribute_not_exists(tat) OR tat <= :now') {
      if (current !== undefined && current > values[':now']!) throw refused();
      tat.set(id, values[':next']!);
    } else if (input.ConditionExpression === 'tat > :now AND tat <= :ceiling') {
      if (current === undefined || current <= values[':now']! || current > values[':ceiling']!)
        throw refused();
      tat.set(id, current + values[':interval']!);
    } else throw new Error(`unexpected condition ${input.ConditionExpression}`);
    return {};
  });
  return tat;
}

const put = (contractorId: string, price = 28_000_000): Promise<Result> =>
  submitBid(
    apiEvent(routes.submitBid, {
      claims: { ...claims.contractor(contractorId), sub: `u-${contractorId}` },
      params: { id: PROJECT_ID },
      headers: { 'if-none-match': '*' },
      body: { price, proposal: { summary: '照料护理服务方案' } },
    }),
    lambdaContext(),
  ) as Promise<Result>;

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(GetCommand).callsFake((input: GetCommandInput) => {
    const key = input.Key as { PK: string; SK: string };
    if (key.PK === keys.project(PROJECT_ID).PK && key.SK === keys.project(PROJECT_ID).SK)
      return {
        Item: projectItem(
          project({
            status: 'published',
            version: 4,
            tender: {
              publishedAt: '2025-03-10T10:00:00.000+08:00',
              bidDeadline: '2025-03-20T10:00:00.000+08:00',
              minimumBids: 3,
            },
          }),
        ),
      };
    const id = [HOSTILE, HONEST].find((c) => keys.contractor(c).PK === key.PK);
    return id ? { Item: eligible(id) } : {};
  });
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('per-caller limits (issue 11 §3)', () => {
  it('a contractor past its burst gets 429 problem+json with Retry-After, and its bid is not written', async () => {
    // Arrange
    fakeBuckets();

    // Act: the burst at one instant, then one more
    const within = [];
    for (let i = 0; i < CONTRACTOR_WRITES.burst; i++) within.push((await put(HOSTILE)).statusCode);
    const writes = ddbMock.commandCalls(TransactWriteCommand).length;
    const over = await put(HOSTILE);

    // Assert
    expect(within).toEqual(within.map(() => 201));
    const body = problem(over, 429);
    expect(body).toMatchObject({ type: 'urn:assistance:problem:rate_limited', title: 'Too Many Requests' });
    expect(over.headers?.['retry-after']).toBe('1');
    expect(over.headers?.['content-type']).toBe('application/problem+json');
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(writes);
  });

  it('the bucket is the caller’s own: another contractor is unaffected by the first one’s loop', async () => {
    // Arrange
    const buckets = fakeBuckets();
    for (let i = 0; i <= CONTRACTOR_WRITES.burst; i++) await put(HOSTILE);

    // Act
    const honest = await put(HONEST);

    // Assert
    expect(honest.statusCode).toBe(201);
    expect([...buckets.keys()].sort()).toEqual(
      [HONEST, HOSTILE].map((c) => `RATE#u-${c}|BUCKET#${CONTRACTOR_WRITES.bucket}`).sort(),
    );
  });

  it('refills at its rate: after Retry-After the caller may write again, and only at that pace', async () => {
    // Arrange
    fakeBuckets();
    for (let i = 0; i <= CONTRACTOR_WRITES.burst; i++) await put(HOSTILE);

    // Act
    vi.setSystemTime(new Date(NOW.getTime() + 1000));
    // (The mocked table keeps no bid, so each write lands as a first submission.)
    const afterASecond = [(await put(HOSTILE)).statusCode, (await put(HOSTILE)).statusCode];
    const third = (await put(HOSTILE)).statusCode;

    // Assert: 2 per second
    expect(afterASecond).toEqual([201, 201]);
    expect(third).toBe(429);
  });

  it('a failing bucket store lets the request through (a bid is worth more than a limit)', async () => {
    // Arrange
    ddbMock.on(UpdateCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    const errors = vi.spyOn(logger, 'error');

    // Act
    const result = await put(HONEST);

    // Assert: through, and the operator is told the limiter is down
    expect(result.statusCode).toBe(201);
    expect(ddbMock).toHaveReceivedCommand(UpdateCommand);
    expect(errors).toHaveBeenCalledWith('rate limiter unavailable; request let through', expect.any(Error));
  });

  it('a refused bucket write (a route missing its RATE# right) fails the request instead of switching the limit off', async () => {
    // Arrange: what IAM answers to an undeclared key prefix
    ddbMock.on(UpdateCommand).rejects(
      Object.assign(new Error('not authorized to perform dynamodb:UpdateItem'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 400 },
      }),
    );

    // Act
    const result = await put(HONEST);

    // Assert: a 5xx the API's 5xx alarm counts, and no bid written unlimited
    expect(result.statusCode).toBe(500);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('a route limited per caller cannot be built without its limiter, and no other route takes one (bundle sizes, issue 9 §3)', () => {
    expect(() => api(routes.submitBid, () => Promise.resolve(ok({})))).toThrow(/limited per caller/);
    expect(() => api(routes.listBids, () => Promise.resolve(ok({})))).not.toThrow();
  });

  it('the writes of callers from outside are limited per caller; reads and the district’s staff are not', () => {
    expect(rateLimitOf(routes.submitBid, 'contractor')).toBe(CONTRACTOR_WRITES);
    expect(rateLimitOf(routes.requestBidDocumentUpload, 'contractor')).toBe(CONTRACTOR_WRITES);
    expect(rateLimitOf(routes.submitBid, 'portal')).toBe(PORTAL_WRITES);
    expect(rateLimitOf(routes.disqualifyBid, 'bureau')).toBeUndefined();
    expect(rateLimitOf(routes.getOwnBid, 'contractor')).toBeUndefined();
  });
});
