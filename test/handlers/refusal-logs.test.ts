/**
 * R-PROC-5: a refused request is logged by its status, problem type and rule, never by its detail text or a
 * field's value. A bid refused for its price carries that price in its domain message (R-FUND-2); the caller
 * reads it in its own answer, and no log line may hold it. Every line the logger writes is captured here at
 * DEBUG, whatever level the test run sets.
 */
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as submitBid } from '#functions/bids/submit-bid';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { CONDITIONS } from '#shared/domain/contractor';
import { logger } from '#shared/http/logger';
import {
  CONTRACTOR_ID,
  apiEvent,
  claims,
  contractor,
  contractorItem,
  lambdaContext,
  problem,
} from './support';
import { PROJECT_ID, project, projectItem } from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);

/** A price no id, date or other field of the request contains: above the project's estimate. */
const PRICE = 987_654_321;

const eligible = contractor({
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
const published = project({
  status: 'published',
  version: 4,
  tender: {
    publishedAt: '2025-03-10T10:00:00.000+08:00',
    bidDeadline: '2025-03-20T10:00:00.000+08:00',
    minimumBids: 3,
  },
});

let lines: string[] = [];
const capture = (chunk: string | Uint8Array): boolean => {
  lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  return true;
};

beforeAll(() => {
  logger.setLogLevel('DEBUG');
});
afterAll(() => {
  logger.setLogLevel((process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT') as 'SILENT');
});

beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  for (const level of ['log', 'debug', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
  }
  ddbMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(GetCommand, { Key: keys.project(PROJECT_ID) }).resolves({ Item: projectItem(published) });
  ddbMock
    .on(GetCommand, { Key: keys.contractor(CONTRACTOR_ID) })
    .resolves({ Item: contractorItem(eligible) });
  vi.useFakeTimers({ now: new Date('2025-03-15T02:00:00.000Z'), toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('what a refused request leaves in the logs (R-PROC-5)', () => {
  it('a bid refused for its price: the caller reads the price, no log line holds it; the line has status, type and rule only', async () => {
    // Act
    const result = await submitBid(
      apiEvent(routes.submitBid, {
        claims: claims.contractor(CONTRACTOR_ID),
        params: { id: PROJECT_ID },
        headers: { 'if-none-match': '*' },
        body: { price: PRICE, proposal: { summary: '照料护理服务方案' } },
      }),
      lambdaContext(),
    );

    // Assert: the answer is the caller's own and names its price
    const body = problem(result, 422);
    expect(body.rule).toBe('R-FUND-2');
    expect(body.detail).toContain(String(PRICE));
    // The refusal was logged (so this test sees the logger's output) ...
    const refused = lines.filter((l) => l.includes('request refused'));
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0] ?? '{}')).toMatchObject({
      level: 'INFO',
      message: 'request refused',
      status: 422,
      type: 'urn:assistance:problem:refused',
      rule: 'R-FUND-2',
    });
    // ... with no detail, no field values, and the price in no line at all
    expect(refused[0]).not.toContain('detail');
    expect(refused[0]).not.toContain(body.detail);
    for (const line of lines) expect(line).not.toContain(String(PRICE));
  });
});
