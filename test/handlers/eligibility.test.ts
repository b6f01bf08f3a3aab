import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/contractors/get-eligibility';
import { routes } from '#functions/routes';
import type { ConditionDecision, Contractor } from '#shared/domain/contractor';
import { CONDITIONS } from '#shared/domain/contractor';
import type { RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  DOCUMENT_ID,
  OTHER_CONTRACTOR_ID,
  apiEvent,
  claims,
  contractor,
  contractorItem,
  documentItem,
  evidenceDocument,
  expectInternalError,
  json,
  lambdaContext,
  problem,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
// 2025-07-01 00:30 in Asia/Shanghai, still 2025-06-30 in UTC.
const NOW = new Date('2025-06-30T16:30:00.000Z');

const approved = (validUntil?: string): ConditionDecision => ({
  status: 'approved',
  documentId: DOCUMENT_ID,
  decidedBy: 'u-bureau',
  decidedAt: '2025-01-05T09:00:00.000+08:00',
  reason: '材料齐全',
  ...(validUntil ? { validUntil } : {}),
});
const allApproved = Object.fromEntries(CONDITIONS.map((c) => [c, approved()])) as Contractor['decisions'];

interface EligibilityBody {
  contractorId: string;
  eligible: boolean;
  asOf: string;
  conditions: { condition: number; status: string }[];
  reasons: {
    code: string;
    condition?: number;
    message: string;
    documentId?: string;
    rejectionReason?: string;
  }[];
}

function arrange(c: Contractor): void {
  ddbMock.on(GetCommand).resolves({ Item: contractorItem(c) });
}

const eligibility = async (options: RequestOptions = {}) => {
  const result = await handler(
    apiEvent(routes.getEligibility, { claims: claims.bureau, params: { id: CONTRACTOR_ID }, ...options }),
    lambdaContext(),
  );
  return result;
};

beforeEach(() => {
  ddbMock.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('GET /v1/contractors/{id}/eligibility', () => {
  it('issue 12 §3: a file the verifier rejected says why and to upload again, read from the document record', async () => {
    // Arrange: condition 3's latest evidence has no decision; its document was refused by the verifier.
    const c = contractor({ evidence: { 3: { latestRevision: 1, latestDocumentId: DOCUMENT_ID } } });
    const refused = evidenceDocument({
      condition: 3,
      status: 'rejected',
      reason: 'size is 9 bytes, 10 were declared',
    });
    ddbMock.on(GetCommand).callsFake((input: { Key: { SK: string } }) => ({
      Item: input.Key.SK.startsWith('DOC#') ? documentItem(refused) : contractorItem(c),
    }));

    // Act
    const body = json<EligibilityBody>(await eligibility());

    // Assert
    expect(body.conditions.find((x) => x.condition === 3)?.status).not.toBe('approved');
    expect(body.reasons.find((r) => r.condition === 3)).toMatchObject({
      code: 'evidence_rejected',
      documentId: DOCUMENT_ID,
      rejectionReason: 'size is 9 bytes, 10 were declared',
      message: expect.stringMatching(/upload/),
    });
    expect(ddbMock.commandCalls(GetCommand).map((call) => call.args[0].input.Key)).toContainEqual(
      expect.objectContaining({ SK: expect.stringContaining(DOCUMENT_ID) }),
    );
  });

  it('is eligible with all eight conditions approved and no flags, after one GetItem (R-QUAL-2)', async () => {
    // Arrange
    arrange(contractor({ decisions: allApproved }));

    // Act
    const result = await eligibility();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json<EligibilityBody>(result)).toMatchObject({
      contractorId: CONTRACTOR_ID,
      eligible: true,
      asOf: '2025-07-01',
      reasons: [],
    });
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      Key: { PK: `CONTRACTOR#${CONTRACTOR_ID}`, SK: 'PROFILE' },
    });
  });

  it('names each condition that is missing or awaiting review (R-QUAL-2)', async () => {
    // Arrange
    const { 7: _seven, 8: _eight, ...sixApproved } = allApproved;
    arrange(
      contractor({
        decisions: sixApproved,
        evidence: { 8: { latestRevision: 1, latestDocumentId: DOCUMENT_ID } },
      }),
    );

    // Act
    const body = json<EligibilityBody>(await eligibility());

    // Assert
    expect(body.eligible).toBe(false);
    expect(body.reasons).toEqual([
      expect.objectContaining({ code: 'condition_missing', condition: 7 }),
      expect.objectContaining({ code: 'condition_pending_review', condition: 8 }),
    ]);
  });

  it('a condition the reviewer rejected says why, from the decision record, and what to do next: upload again (issue 12 §3)', async () => {
    // Arrange: condition 3's only evidence was rejected on review
    const reason = '财务制度缺少资产管理部分，请补充后重新上传';
    arrange(
      contractor({
        decisions: { ...allApproved, 3: { ...approved(), status: 'rejected', reason } },
        evidence: { 3: { latestRevision: 1, latestDocumentId: DOCUMENT_ID } },
      }),
    );

    // Act
    const result = await eligibility({ claims: claims.contractor(CONTRACTOR_ID) });

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<EligibilityBody>(result);
    expect(body.conditions[2]).toEqual({ condition: 3, status: 'rejected' });
    expect(body.reasons).toEqual([
      {
        code: 'condition_rejected',
        condition: 3,
        documentId: DOCUMENT_ID,
        rejectionReason: reason,
        message: expect.stringContaining(
          `evidence was rejected by the reviewer: ${reason}; upload a new document for this condition (POST /v1/contractors/{id}/documents) for re-review: `,
        ) as string,
      },
    ]);
    expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 1);
  });

  it('lapses when approved evidence expired before today in Asia/Shanghai (R-QUAL-5)', async () => {
    // Arrange: valid until 2025-06-30; it is already 2025-07-01 in Shanghai
    arrange(contractor({ decisions: { ...allApproved, 5: approved('2025-06-30') } }));

    // Act
    const body = json<EligibilityBody>(await eligibility());

    // Assert
    expect(body.eligible).toBe(false);
    expect(body.conditions[4]).toEqual({ condition: 5, status: 'expired', validUntil: '2025-06-30' });
    expect(body.reasons).toEqual([expect.objectContaining({ code: 'evidence_expired', condition: 5 })]);
  });

  it('stays eligible on the last day of validity (R-QUAL-5)', async () => {
    // Arrange
    arrange(contractor({ decisions: { ...allApproved, 5: approved('2025-07-01') } }));

    // Act
    const body = json<EligibilityBody>(await eligibility());

    // Assert
    expect(body.eligible).toBe(true);
  });

  it('is suspended by a credit-list hit and a failed annual report (R-QUAL-5)', async () => {
    // Arrange
    arrange(
      contractor({
        decisions: allApproved,
        flags: { creditListHit: true, annualReportFailed: true, note: '列入经营异常名录' },
      }),
    );

    // Act
    const body = json<EligibilityBody>(await eligibility());

    // Assert
    expect(body.eligible).toBe(false);
    expect(body.reasons.map((r) => r.code)).toEqual(['credit_list_hit', 'annual_report_failed']);
  });

  it('lets a contractor check itself, and answers 404 for another contractor without any DynamoDB call', async () => {
    // Arrange
    arrange(contractor({ decisions: allApproved }));

    // Act
    const own = await eligibility({ claims: claims.contractor(CONTRACTOR_ID) });
    const other = await eligibility({ claims: claims.contractor(OTHER_CONTRACTOR_ID) });

    // Assert
    expect(own.statusCode).toBe(200);
    problem(other, 404);
    expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 1);
  });

  it('answers 403 to a partner portal', async () => {
    // Act
    const result = await eligibility({ claims: claims.portal });

    // Assert
    problem(result, 403);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 404 when there is no such contractor', async () => {
    // Arrange
    ddbMock.on(GetCommand).resolves({});

    // Act
    const result = await eligibility();

    // Assert
    problem(result, 404);
  });

  it('answers a bare 500 when the read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand).rejects(new Error('connect ETIMEDOUT 52.82.0.1:443'));

    // Act
    const result = await eligibility();

    // Assert
    expectInternalError(result, 'ETIMEDOUT');
  });
});
