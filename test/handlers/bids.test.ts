import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as disqualifyBid } from '#functions/bids/disqualify-bid';
import { handler as getBidDocument } from '#functions/bids/get-bid-document';
import { handler as getOwnBid } from '#functions/bids/get-own-bid';
import { handler as listBids } from '#functions/bids/list-bids';
import { handler as requestBidDocumentUpload } from '#functions/bids/request-bid-document-upload';
import { handler as submitBid } from '#functions/bids/submit-bid';
import { routes } from '#functions/routes';
import { bidSeal } from '#shared/adapters/kms/bid-seal';
import { clock, store } from '#shared/adapters/store';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Contractor } from '#shared/domain/contractor';
import { CONDITIONS } from '#shared/domain/contractor';
import { findBidDocumentByObjectKey, submitOrReviseBid } from '#shared/use-cases/bids';
import type { BidDocument, BidRecord } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import { captureEmf } from './emf-capture';
import type { RequestOptions, TransactItems } from './support';
import {
  CONTRACTOR_ID,
  OTHER_CONTRACTOR_ID,
  apiEvent,
  canceled,
  claims,
  contractor,
  contractorItem,
  head,
  json,
  lambdaContext,
  problem,
  putItem,
  sha256,
  transactItems,
} from './support';
import { PROJECT_ID, otherTownClaims, project, projectItem } from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);
const sfnMock = mockClient(SFNClient);
const emf = captureEmf();

const DEADLINE = '2025-03-20T10:00:00.000+08:00';
const BEFORE = new Date('2025-03-15T02:00:00.000Z');
const BEFORE_ISO = '2025-03-15T10:00:00.000+08:00';
const AT_DEADLINE = new Date('2025-03-20T02:00:00.000Z');
const BID_ID = 'bid_01jabcdefg0123456789';
const BID_DOCUMENT_ID = 'bdoc_01jabcdefg012345678';
const unassignedEvaluatorClaims = { sub: 'u-evaluator-2', 'cognito:groups': '[evaluator]' };

const published = (overrides: Partial<Project> = {}): Project =>
  project({
    status: 'published',
    version: 4,
    tender: { publishedAt: '2025-03-10T10:00:00.000+08:00', bidDeadline: DEADLINE, minimumBids: 3 },
    evaluatorIds: ['u-evaluator'],
    ...overrides,
  });

function eligible(overrides: Partial<Contractor> = {}): Contractor {
  const decision = (n: number) => ({
    status: 'approved' as const,
    documentId: `doc_${n}`,
    decidedBy: 'u-bureau',
    decidedAt: '2025-01-05T09:00:00.000+08:00',
    reason: '符合',
  });
  return contractor({
    decisions: Object.fromEntries(CONDITIONS.map((n) => [n, decision(n)])),
    evidence: Object.fromEntries(
      CONDITIONS.map((n) => [n, { latestRevision: 1, latestDocumentId: `doc_${n}` }]),
    ),
    version: 9,
    ...overrides,
  });
}

const storedBid = (overrides: Partial<BidRecord> = {}): BidRecord => ({
  id: BID_ID,
  projectId: PROJECT_ID,
  contractorId: CONTRACTOR_ID,
  contractorKind: 'social_organization',
  contractorName: '示范社会工作服务中心',
  nonProfit: true,
  price: 28_000_000,
  proposal: { summary: '照料护理服务方案' },
  documentIds: [],
  revision: 1,
  submittedAt: '2025-03-12T09:00:00.000+08:00',
  submittedBy: { sub: 'u-c', role: 'contractor' },
  version: 1,
  ...overrides,
});

const bidItem = (b: BidRecord, seq = b.version) => ({
  ...keys.bid(b.projectId, b.contractorId),
  recordType: 'bid',
  ...b,
  ...head(seq),
});

const storedBidDocument = (overrides: Partial<BidDocument> = {}): BidDocument => ({
  documentId: BID_DOCUMENT_ID,
  projectId: PROJECT_ID,
  contractorId: CONTRACTOR_ID,
  fileName: '技术方案.pdf',
  contentType: 'application/pdf',
  size: 2048,
  objectKey: `contractors/${CONTRACTOR_ID}/bids/${PROJECT_ID}/${BID_DOCUMENT_ID}`,
  status: 'verified',
  requestedAt: '2025-03-12T09:05:00.000+08:00',
  uploadedAt: '2025-03-12T09:06:00.000+08:00',
  verifiedAt: '2025-03-12T09:06:01.000+08:00',
  version: 2,
  ...overrides,
});

const bidDocumentItem = (d: BidDocument, seq = d.version) => ({
  ...keys.bidDocument(d.projectId, d.contractorId, d.documentId),
  recordType: 'bidDocument',
  ...d,
  ...head(seq),
});

function arrange(
  options: { project?: Project; contractor?: Contractor; bid?: BidRecord; bids?: BidRecord[] } = {},
): void {
  ddbMock
    .on(GetCommand, { Key: keys.project(PROJECT_ID) })
    .resolves({ Item: projectItem(options.project ?? published()) });
  ddbMock
    .on(GetCommand, { Key: keys.contractor(CONTRACTOR_ID) })
    .resolves({ Item: contractorItem(options.contractor ?? eligible()) });
  if (options.bid) {
    ddbMock
      .on(GetCommand, { Key: keys.bid(PROJECT_ID, CONTRACTOR_ID) })
      .resolves({ Item: bidItem(options.bid) });
  }
  ddbMock
    .on(QueryCommand, { ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'BID#' } })
    .resolves({ Items: (options.bids ?? []).map((b) => bidItem(b)) });
}

const bidBody = { price: 28_000_000, proposal: { summary: '照料护理服务方案' } };

/** A first bid unless `headers` say otherwise (If-None-Match: *, issue 12 §3). */
const put = (options: RequestOptions = {}) =>
  submitBid(
    apiEvent(routes.submitBid, {
      claims: claims.contractor(CONTRACTOR_ID),
      params: { id: PROJECT_ID },
      headers: { 'If-None-Match': '*' },
      body: bidBody,
      ...options,
    }),
    lambdaContext(),
  );
const getOwn = (options: RequestOptions = {}) =>
  getOwnBid(
    apiEvent(routes.getOwnBid, {
      claims: claims.contractor(CONTRACTOR_ID),
      params: { id: PROJECT_ID },
      ...options,
    }),
    lambdaContext(),
  );
const list = (options: RequestOptions = {}) =>
  listBids(
    apiEvent(routes.listBids, { claims: claims.bureau, params: { id: PROJECT_ID }, ...options }),
    lambdaContext(),
  );
const declareDocument = (options: RequestOptions = {}) =>
  requestBidDocumentUpload(
    apiEvent(routes.requestBidDocumentUpload, {
      claims: claims.contractor(CONTRACTOR_ID),
      params: { id: PROJECT_ID },
      body: { fileName: '技术方案.pdf', contentType: 'application/pdf', size: 2048, sha256: sha256('x') },
      ...options,
    }),
    lambdaContext(),
  );
const readDocument = (options: RequestOptions = {}) =>
  getBidDocument(
    apiEvent(routes.getBidDocument, {
      claims: claims.bureau,
      params: { id: PROJECT_ID, contractorId: CONTRACTOR_ID, documentId: BID_DOCUMENT_ID },
      ...options,
    }),
    lambdaContext(),
  );
const disqualify = (options: RequestOptions = {}) =>
  disqualifyBid(
    apiEvent(routes.disqualifyBid, {
      claims: claims.bureau,
      params: { id: PROJECT_ID, contractorId: CONTRACTOR_ID },
      headers: { 'If-Match': '"1"' },
      body: { reason: '未提供服务承诺书' },
      ...options,
    }),
    lambdaContext(),
  );

beforeAll(() => {
  // Presigning signs locally with whatever credentials the client resolves; no request is sent.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
});

beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  sfnMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(TransactWriteCommand).resolves({});
  arrange();
  vi.useFakeTimers({ now: BEFORE, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PUT /v1/projects/{id}/bid', () => {
  it('R-PROC-1: submits a first bid (201) with its audit entry, landing only while the contractor is as judged (no condition on the project item: bidding closes by time, issue 11 §3)', async () => {
    // Act
    const result = await put();

    // Assert
    expect(result.statusCode).toBe(201);
    expect(result.headers?.etag).toBe('"1"');
    const body = json<BidRecord>(result);
    expect(body).toEqual({
      id: expect.stringMatching(/^bid_[0-9a-z]{20}$/),
      projectId: PROJECT_ID,
      contractorId: CONTRACTOR_ID,
      contractorKind: 'social_organization',
      contractorName: '示范社会工作服务中心',
      nonProfit: true,
      price: 28_000_000,
      proposal: { summary: '照料护理服务方案' },
      documentIds: [],
      revision: 1,
      submittedAt: BEFORE_ISO,
      version: 1,
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(4);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: { ...keys.bid(PROJECT_ID, CONTRACTOR_ID), recordType: 'bid', id: body.id, sealed: { v: 1 } },
    });
    // Sealed until the deadline (issue 11 §1): test/handlers/bid-seal.test.ts opens it.
    expect(items[0]?.Put?.Item).not.toHaveProperty('price');
    expect(putItem(items, 1)).toMatchObject({
      PK: `AUDIT#bid#${body.id}`,
      SK: '0000000001',
      action: 'bid.submitted',
      actor: { sub: 'u-c', role: 'contractor' },
    });
    expect(items[2]).toEqual({
      ConditionCheck: {
        TableName: 'assistance',
        Key: keys.contractor(CONTRACTOR_ID),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': 9 },
      },
    });
    // Issue 11 §6: the first bid lets the project's own town read the bidder's contacts from the deadline on.
    expect(putItem(items, 3)).toMatchObject({ PK: expect.stringMatching(/^TOWNCONTACT#/) });
    // Issue 9 §5: one EMF data point once the bid committed.
    expect(emf.metrics()).toEqual([
      {
        namespace: 'AssistanceProcurement',
        service: 'assistance-procurement',
        name: 'BidsReceived',
        value: 1,
      },
    ]);
  });

  it('R-PROC-1: a revision (200) keeps the bid id and documents, bumps revision, sets revisedAt, conditional on the version read', async () => {
    // Arrange
    arrange({ bid: storedBid({ documentIds: [BID_DOCUMENT_ID], version: 2 }) });

    // Act
    const result = await put({
      headers: { 'If-Match': '"2"' },
      body: { price: 27_000_000, proposal: { summary: '修订方案' } },
    });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"3"');
    expect(json(result)).toMatchObject({
      id: BID_ID,
      price: 27_000_000,
      proposal: { summary: '修订方案' },
      documentIds: [BID_DOCUMENT_ID],
      revision: 2,
      submittedAt: '2025-03-12T09:00:00.000+08:00',
      revisedAt: BEFORE_ISO,
      version: 3,
    });
    const items = transactItems(ddbMock);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 2 },
    });
    expect(putItem(items, 1)).toMatchObject({
      PK: `AUDIT#bid#${BID_ID}`,
      SK: '0000000003',
      action: 'bid.revised',
    });
    // Issue 9 §5: a revision is counted apart from bids received.
    expect(emf.metrics().map((m) => [m.name, m.value])).toEqual([['BidsRevised', 1]]);
  });

  it('R-PROC-1: a bid at the deadline is late: 409 naming the deadline, nothing written', async () => {
    // Arrange
    vi.setSystemTime(AT_DEADLINE);

    // Act
    const result = await put();

    // Assert
    const body = problem(result, 409);
    expect(body.detail).toContain(DEADLINE);
    expect(body.rule).toBe('R-PROC-1');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(emf.metrics()).toEqual([]);
  });

  it('R-QUAL-2: judges eligibility again on fresh reads when the contractor changed meanwhile', async () => {
    // Arrange
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(canceled('None', 'None', 'ConditionalCheckFailed'))
      .resolves({});

    // Act
    const result = await put();

    // Assert
    expect(result.statusCode).toBe(201);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    expect(ddbMock).toHaveReceivedCommandWith(GetCommand, { Key: keys.contractor(CONTRACTOR_ID) });
    expect(ddbMock.commandCalls(GetCommand, { Key: keys.contractor(CONTRACTOR_ID) })).toHaveLength(2);
  });

  it('R-QUAL-2: the second judgement reads the contractor afresh: rejected meanwhile, the retry is a 422', async () => {
    // Arrange: the first transaction fails on the contractor's version; by then a condition was rejected.
    const rejected = eligible();
    rejected.decisions[6] = { ...rejected.decisions[6]!, status: 'rejected' };
    ddbMock
      .on(GetCommand, { Key: keys.contractor(CONTRACTOR_ID) })
      .resolvesOnce({ Item: contractorItem(eligible()) })
      .resolves({ Item: contractorItem(rejected) });
    ddbMock.on(TransactWriteCommand).rejectsOnce(canceled('None', 'None', 'ConditionalCheckFailed'));

    // Act
    const result = await put();

    // Assert
    const body = problem(result, 422);
    expect(body.rule).toBe('R-QUAL-2');
    expect(body.detail).toContain('condition 6');
    expect(ddbMock.commandCalls(GetCommand, { Key: keys.contractor(CONTRACTOR_ID) })).toHaveLength(2);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(emf.metrics()).toEqual([]);
  });

  it('R-QUAL-2: 422 for a contractor not eligible today (a condition rejected)', async () => {
    // Arrange
    const rejected = eligible();
    rejected.decisions[6] = { ...rejected.decisions[6]!, status: 'rejected' };
    arrange({ contractor: rejected });

    // Act
    const result = await put();

    // Assert
    const body = problem(result, 422);
    expect(body.rule).toBe('R-QUAL-2');
    expect(body.detail).toContain('condition 6');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-2: 422 for a contractor an invited tender did not invite', async () => {
    // Arrange
    arrange({
      project: published({
        procurementMethod: 'invited_tender',
        invitedContractorIds: [OTHER_CONTRACTOR_ID, 'ctr_b', 'ctr_c'],
      }),
    });

    // Act
    const result = await put();

    // Assert
    expect(problem(result, 422).rule).toBe('R-PROC-2');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-QUAL-1: 422 for a natural person where the project does not allow natural persons', async () => {
    // Arrange
    arrange({ contractor: eligible({ kind: 'natural_person', nonProfit: false }) });

    // Act
    const result = await put();

    // Assert
    expect(problem(result, 422).rule).toBe('R-QUAL-1');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-FUND-2: 422 on price for a quotation above the budgeted estimate', async () => {
    // Act
    const result = await put({ body: { ...bidBody, price: 30_000_001 } });

    // Assert
    const body = problem(result, 422);
    expect(body.rule).toBe('R-FUND-2');
    expect(body.errors).toEqual([expect.objectContaining({ in: 'body', field: 'price' })]);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-FUND-2: 400 for a price that is not a positive integer in fen', async () => {
    // Act
    const result = await put({ body: { ...bidBody, price: 100.5 } });

    // Assert
    expect(problem(result, 400).errors).toEqual([expect.objectContaining({ field: 'price' })]);
  });

  it('R-PROC-5: an approved project is not found for a contractor before its notice is published', async () => {
    // Arrange
    const { tender: _none, ...approved } = published({ status: 'approved', version: 3 });
    arrange({ project: approved });

    // Act
    const result = await put();

    // Assert
    problem(result, 404);
    expect(ddbMock).not.toHaveReceivedCommandWith(GetCommand, { Key: keys.contractor(CONTRACTOR_ID) });
  });

  it('is not for the bureau (403): bids come from contractors only', async () => {
    // Act
    const result = await put({ claims: claims.bureau });

    // Assert
    problem(result, 403);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });
});

describe('PUT /v1/projects/{id}/bid: If-None-Match: * submits, If-Match revises (issue 12 §3)', () => {
  const revise = (ifMatch: string, options: RequestOptions = {}) =>
    put({ headers: { 'If-Match': ifMatch }, ...options });

  it('428 without either header: nothing is read, nothing written', async () => {
    const p = problem(await put({ headers: {} }), 428);
    expect(p.errors).toEqual([expect.objectContaining({ in: 'header', field: 'If-Match' })]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('If-None-Match: * on a bid that exists: 412 naming its version, nothing written', async () => {
    arrange({ bid: storedBid({ version: 2 }) });
    const p = problem(await put(), 412);
    expect(p.detail).toContain('"2"');
    expect(p.detail).toContain('If-Match');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(emf.metrics()).toEqual([]);
  });

  it('If-Match with a version the bid no longer has: 412, nothing written', async () => {
    arrange({ bid: storedBid({ version: 3 }) });
    const p = problem(await revise('"2"'), 412);
    expect(p.detail).toContain('"3"');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('If-Match when there is no bid to revise: 412 pointing to If-None-Match, nothing written', async () => {
    const p = problem(await revise('"1"'), 412);
    expect(p.detail).toContain('If-None-Match: *');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5, issue 11 §1: access, notice, deadline and eligibility come before the version (404, 409, 422, never 412)', async () => {
    // A notice not yet published is not found, whatever version is named.
    const { tender: _none, ...approved } = published({ status: 'approved', version: 3 });
    arrange({ project: approved, bid: storedBid({ version: 2 }) });
    problem(await revise('"7"'), 404);
    // Past the deadline: late, not stale.
    arrange({ bid: storedBid({ version: 2 }) });
    vi.setSystemTime(AT_DEADLINE);
    expect(problem(await revise('"7"'), 409).rule).toBe('R-PROC-1');
    vi.setSystemTime(BEFORE);
    // Not eligible today: refused on the rule, not on the version.
    const rejected = eligible();
    rejected.decisions[6] = { ...rejected.decisions[6]!, status: 'rejected' };
    arrange({ contractor: rejected, bid: storedBid({ version: 2 }) });
    expect(problem(await put(), 422).rule).toBe('R-QUAL-2');
    // Only with every rule passed does the version answer.
    arrange({ bid: storedBid({ version: 2 }) });
    problem(await revise('"7"'), 412);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  /**
   * The bid item as a table would keep it: a read gives the bid as it is now, a write lands only on the version
   * (or the absence) its condition names, as DynamoDB's conditional Put does.
   */
  function tableOfOneBid(initial: BidRecord | undefined) {
    let current = initial;
    ddbMock
      .on(GetCommand, { Key: keys.bid(PROJECT_ID, CONTRACTOR_ID) })
      .callsFake(() => (current ? { Item: bidItem(current) } : {}));
    ddbMock.on(TransactWriteCommand).callsFake((input: { TransactItems: TransactItems }) => {
      const written = input.TransactItems[0]!.Put!;
      const expected = written.ExpressionAttributeValues?.[':expected'] as number | undefined;
      const holds = expected === undefined ? current === undefined : current?.version === expected;
      if (!holds) throw canceled('ConditionalCheckFailed', 'None', 'None', 'None');
      current = written.Item as BidRecord;
      return {};
    });
  }

  it('four revisions of one bid sent at once from the same read (staff of one contractor): exactly one lands, the others 412', async () => {
    // Arrange
    tableOfOneBid(storedBid({ version: 2 }));

    // Act
    const statuses = (await Promise.all([1, 2, 3, 4].map(() => revise('"2"')))).map((r) => r.statusCode);

    // Assert: one 200; the others were refused on their precondition (on the read, or on the write and then
    // the fresh read), never written over the first
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(3);
    expect(emf.metrics().map((m) => m.name)).toEqual(['BidsRevised']);
  });

  it('four first bids of one contractor sent at once: one is 201, the others 412 (the bid they would create exists)', async () => {
    // Arrange
    tableOfOneBid(undefined);

    // Act
    const statuses = (await Promise.all([1, 2, 3, 4].map(() => put()))).map((r) => r.statusCode);

    // Assert
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(3);
    expect(emf.metrics().map((m) => m.name)).toEqual(['BidsReceived']);
  });
});

describe('GET /v1/projects/{id}/bid', () => {
  it('R-PROC-5: the contractor reads its own bid with its ETag, from one GetItem on its own key', async () => {
    // Arrange
    arrange({ bid: storedBid() });

    // Act
    const result = await getOwn();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"1"');
    expect(json(result)).toMatchObject({ id: BID_ID, price: 28_000_000 });
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      Key: keys.bid(PROJECT_ID, CONTRACTOR_ID),
    });
  });

  it('R-PROC-5: another contractor reads only its own (absent) bid: 404', async () => {
    // Arrange
    arrange({ bid: storedBid() });

    // Act
    const result = await getOwn({ claims: claims.contractor(OTHER_CONTRACTOR_ID) });

    // Assert
    problem(result, 404);
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      Key: keys.bid(PROJECT_ID, OTHER_CONTRACTOR_ID),
    });
  });
});

describe('GET /v1/projects/{id}/bids', () => {
  const bids = [
    storedBid(),
    storedBid({
      id: 'bid_01jzzzzzzz9876543210',
      contractorId: OTHER_CONTRACTOR_ID,
      price: 26_500_000,
      submittedAt: '2025-03-11T09:00:00.000+08:00',
    }),
  ];

  it('R-PROC-5: sealed for the bureau before the deadline: 409 with the deadline, no count, no content, no query', async () => {
    // Arrange
    arrange({ bids });

    // Act
    const result = await list();

    // Assert
    const body = problem(result, 409);
    expect(body.detail).toBe(`bids are sealed until ${DEADLINE}`);
    expect(body.rule).toBe('R-PROC-5');
    expect(result.body).not.toMatch(/28000000|26500000|\b2\b bids/);
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
  });

  it('R-PROC-5: after the deadline the bureau reads every bid with its price, in submission order, strongly consistent', async () => {
    // Arrange
    arrange({ bids });
    vi.setSystemTime(AT_DEADLINE);

    // Act
    const result = await list();

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<{ items: BidRecord[] }>(result);
    expect(body.items.map((b) => [b.contractorId, b.price])).toEqual([
      [OTHER_CONTRACTOR_ID, 26_500_000],
      [CONTRACTOR_ID, 28_000_000],
    ]);
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'BID#' },
      ConsistentRead: true,
    });
  });

  it.each([
    ['the assigned evaluator', claims.evaluator],
    ['the project’s own town', claims.town],
    ['an auditor', claims.auditor],
  ])('R-PROC-5: %s reads the bids after the deadline', async (_name, who) => {
    // Arrange
    arrange({ bids });
    vi.setSystemTime(AT_DEADLINE);

    // Act
    const result = await list({ claims: who });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json<{ items: unknown[] }>(result).items).toHaveLength(2);
  });

  it.each([
    ['an evaluator not assigned to the project', unassignedEvaluatorClaims],
    ['a town of another purchaser', otherTownClaims],
  ])('R-PROC-5: %s gets 404 even after the deadline', async (_name, who) => {
    // Arrange
    arrange({ bids });
    vi.setSystemTime(AT_DEADLINE);

    // Act
    const result = await list({ claims: who });

    // Assert
    problem(result, 404);
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
  });

  it('R-PROC-5: a contractor may not list bids (403), before or after the deadline', async () => {
    // Arrange
    vi.setSystemTime(AT_DEADLINE);

    // Act
    const result = await list({ claims: claims.contractor(OTHER_CONTRACTOR_ID) });

    // Assert
    problem(result, 403);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('404 for a project that does not exist', async () => {
    // Arrange
    ddbMock.on(GetCommand, { Key: keys.project(PROJECT_ID) }).resolves({});

    // Act / Assert
    problem(await list(), 404);
  });
});

describe('POST /v1/projects/{id}/bid/documents', () => {
  interface UploadBody {
    documentId: string;
    document: Record<string, unknown>;
    upload: { url: string; fields: Record<string, string>; expiresAt: string };
  }

  it('R-PROC-5: two minutes before the deadline the form expires at the deadline, not 15 minutes later', async () => {
    // Arrange: the deadline is 2 minutes after the request
    const deadline = '2025-03-15T10:02:00.000+08:00';
    const project = published();
    arrange({
      project: { ...project, tender: { ...project.tender!, bidDeadline: deadline } },
      bid: storedBid(),
    });

    // Act
    const body = json<UploadBody>(await declareDocument());

    // Assert: the form and its signed policy both end at the deadline
    expect(Date.parse(body.upload.expiresAt)).toBe(Date.parse(deadline));
    const policy = JSON.parse(Buffer.from(body.upload.fields.Policy ?? '', 'base64').toString('utf8')) as {
      expiration: string;
    };
    expect(Date.parse(policy.expiration)).toBeLessThanOrEqual(Date.parse(deadline));
  });

  it('R-PROC-1, R-PROC-5: declares the document under an opaque key with its lookup row, adds it to the bid in the same transaction, and returns a bound presigned POST', async () => {
    // Arrange
    arrange({ bid: storedBid() });

    // Act
    const result = await declareDocument();

    // Assert
    expect(result.statusCode).toBe(201);
    const body = json<UploadBody>(result);
    expect(body.documentId).toMatch(/^bdoc_[0-9a-z]{20}$/);
    // R-PROC-5: the key S3, its logs and its events see names neither the bidder, nor the project, nor the document.
    const objectKey = body.upload.fields.key ?? '';
    expect(objectKey).toMatch(/^contractors\/bids\/[0-9a-f]{32}$/);
    for (const id of [CONTRACTOR_ID, PROJECT_ID, body.documentId]) expect(objectKey).not.toContain(id);
    const objectId = objectKey.slice('contractors/bids/'.length);
    expect(body.document).toEqual({
      documentId: body.documentId,
      projectId: PROJECT_ID,
      contractorId: CONTRACTOR_ID,
      fileName: '技术方案.pdf',
      contentType: 'application/pdf',
      size: 2048,
      sha256: sha256('x'),
      status: 'pending',
      requestedAt: BEFORE_ISO,
      version: 1,
    });
    expect(body.upload.fields).toMatchObject({ key: objectKey, 'Content-Type': 'application/pdf' });
    const policy = JSON.parse(Buffer.from(body.upload.fields.Policy ?? '', 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([['content-length-range', 2048, 2048], { key: objectKey }]),
    );
    expect(s3Mock).not.toHaveReceivedAnyCommand();

    const items = transactItems(ddbMock);
    expect(items).toHaveLength(6);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        ...keys.bidDocument(PROJECT_ID, CONTRACTOR_ID, body.documentId),
        recordType: 'bidDocument',
        objectKey,
        status: 'pending',
      },
    });
    expect(putItem(items, 1)).toMatchObject({ action: 'bidDocument.declared' });
    expect(items[2]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 1 },
      Item: { id: BID_ID, documentIds: [body.documentId], revision: 1, version: 2 },
    });
    expect(putItem(items, 3)).toMatchObject({ action: 'bid.document_added' });
    // No condition on the project item (issue 11 §3). The row the verifier resolves the opaque key through, never
    // overwriting another's.
    expect(items[4]?.Put).toEqual({
      TableName: 'assistance',
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        PK: `BIDOBJECT#${objectId}`,
        SK: 'BIDOBJECT',
        recordType: 'bidObject',
        objectId,
        projectId: PROJECT_ID,
        contractorId: CONTRACTOR_ID,
        documentId: body.documentId,
      },
    });
    // Issue 11 §4: the contractor's daily allowance of declared documents, counted in the same transaction.
    expect(items[5]?.Update).toMatchObject({
      Key: { PK: `QUOTA#${CONTRACTOR_ID}`, SK: 'DOCS#2025-03-15' },
      ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
    });
  });

  it('R-PROC-5: two declarations get unrelated object keys', async () => {
    // Arrange
    arrange({ bid: storedBid() });

    // Act
    const first = json<UploadBody>(await declareDocument()).upload.fields.key ?? '';
    const second = json<UploadBody>(await declareDocument()).upload.fields.key ?? '';

    // Assert: random, not time-ordered: no shared prefix beyond the folder
    expect(first).not.toBe(second);
    expect(first.slice(0, 'contractors/bids/'.length + 8)).not.toBe(
      second.slice(0, 'contractors/bids/'.length + 8),
    );
  });

  it('R-PROC-1: 409 for a contractor without a bid on the project', async () => {
    // Act
    const result = await declareDocument();

    // Assert
    expect(problem(result, 409).detail).toContain('submit a bid');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-1: 409 naming the deadline once it has passed', async () => {
    // Arrange
    arrange({ bid: storedBid() });
    vi.setSystemTime(AT_DEADLINE);

    // Act
    const result = await declareDocument();

    // Assert
    expect(problem(result, 409).detail).toContain(DEADLINE);
  });

  it('refuses a content type the verifier cannot check (400)', async () => {
    // Arrange
    arrange({ bid: storedBid() });

    // Act
    const result = await declareDocument({
      body: { fileName: 'plan.docx', contentType: 'application/msword', size: 10 },
    });

    // Assert
    expect(problem(result, 400).errors).toEqual([expect.objectContaining({ field: 'contentType' })]);
  });

  it('replays the first answer for the same Idempotency-Key with a fresh form, writing nothing again; the stored answer holds no form (issue 11 §4)', async () => {
    // Arrange
    arrange({ bid: storedBid() });
    const first = await declareDocument({ headers: { 'Idempotency-Key': 'bid-doc-0001' } });
    const items = transactItems(ddbMock);
    const remembered = items.map((item) => item.Put?.Item).find((item) => item?.recordType === 'idempotency');
    if (!remembered) throw new Error('no idempotency record in the transaction');
    // A presigned POST is a credential to write: it is never stored.
    expect(JSON.stringify(remembered)).not.toMatch(/Policy|X-Amz-Signature|"upload"/);
    const declared = putItem(items, 0);
    ddbMock.on(GetCommand, { Key: { PK: remembered.PK, SK: remembered.SK } }).resolves({ Item: remembered });
    ddbMock.on(GetCommand, { Key: { PK: declared.PK, SK: declared.SK } }).resolves({ Item: declared });
    vi.setSystemTime(new Date(BEFORE.getTime() + 60_000));

    // Act
    const again = await declareDocument({ headers: { 'Idempotency-Key': 'bid-doc-0001' } });

    // Assert
    expect(again.statusCode).toBe(201);
    expect(again.headers?.['idempotency-replayed']).toBe('true');
    const [before, after] = [
      json<{ upload: { fields: Record<string, string>; expiresAt: string } }>(first),
      json<{ upload: { fields: Record<string, string>; expiresAt: string } }>(again),
    ];
    expect({ ...after, upload: undefined }).toEqual({ ...before, upload: undefined });
    expect(after.upload.fields.key).toBe(before.upload.fields.key);
    expect(Date.parse(after.upload.expiresAt) - Date.parse(before.upload.expiresAt)).toBe(60_000);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('a replay gives no form once the file arrived, nor after the deadline (409, issue 11 §4, R-PROC-1)', async () => {
    // Arrange
    arrange({ bid: storedBid() });
    await declareDocument({ headers: { 'Idempotency-Key': 'bid-doc-0002' } });
    const items = transactItems(ddbMock);
    const remembered = items.map((item) => item.Put?.Item).find((item) => item?.recordType === 'idempotency');
    if (!remembered) throw new Error('no idempotency record in the transaction');
    const declared = putItem(items, 0);
    ddbMock.on(GetCommand, { Key: { PK: remembered.PK, SK: remembered.SK } }).resolves({ Item: remembered });
    ddbMock
      .on(GetCommand, { Key: { PK: declared.PK, SK: declared.SK } })
      .resolves({ Item: { ...declared, status: 'verified' } });

    // Act
    const uploaded = await declareDocument({ headers: { 'Idempotency-Key': 'bid-doc-0002' } });
    ddbMock.on(GetCommand, { Key: { PK: declared.PK, SK: declared.SK } }).resolves({ Item: declared });
    vi.setSystemTime(AT_DEADLINE);
    const late = await declareDocument({ headers: { 'Idempotency-Key': 'bid-doc-0002' } });

    // Assert
    expect(problem(uploaded, 409).detail).toMatch(/is verified/);
    expect(problem(late, 409)).toMatchObject({ rule: 'R-PROC-1' });
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });
});

describe('GET /v1/projects/{id}/bids/{contractorId}/documents/{documentId}', () => {
  beforeEach(() => {
    ddbMock
      .on(GetCommand, { Key: keys.bidDocument(PROJECT_ID, CONTRACTOR_ID, BID_DOCUMENT_ID) })
      .resolves({ Item: bidDocumentItem(storedBidDocument()) });
  });

  it('R-PROC-5: its contractor reads it before the deadline, with a short download link, without reading the project', async () => {
    // Act
    const result = await readDocument({ claims: claims.contractor(CONTRACTOR_ID) });

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<{ status: string; download?: { url: string } }>(result);
    expect(body).not.toHaveProperty('objectKey');
    expect(new URL(body.download?.url ?? '').pathname).toContain(
      `contractors/${CONTRACTOR_ID}/bids/${PROJECT_ID}/${BID_DOCUMENT_ID}`,
    );
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      Key: keys.bidDocument(PROJECT_ID, CONTRACTOR_ID, BID_DOCUMENT_ID),
    });
  });

  it('R-PROC-5: another contractor gets 404 without any read', async () => {
    // Act
    const result = await readDocument({ claims: claims.contractor(OTHER_CONTRACTOR_ID) });

    // Assert
    problem(result, 404);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('R-PROC-5: sealed for the bureau before the deadline (409), the document never read', async () => {
    // Act
    const result = await readDocument();

    // Assert
    expect(problem(result, 409).detail).toBe(`bids are sealed until ${DEADLINE}`);
    expect(ddbMock).not.toHaveReceivedCommandWith(GetCommand, {
      Key: keys.bidDocument(PROJECT_ID, CONTRACTOR_ID, BID_DOCUMENT_ID),
    });
  });

  it('R-PROC-5: the assigned evaluator reads it after the deadline; an unassigned one and another town get 404', async () => {
    // Arrange
    vi.setSystemTime(AT_DEADLINE);

    // Act
    const assigned = await readDocument({ claims: claims.evaluator });
    const unassigned = await readDocument({ claims: unassignedEvaluatorClaims });
    const otherTown = await readDocument({ claims: otherTownClaims });

    // Assert
    expect(assigned.statusCode).toBe(200);
    problem(unassigned, 404);
    problem(otherTown, 404);
  });

  it('issue 11 §4: pins the download to the version the verifier checked', async () => {
    // Arrange
    ddbMock
      .on(GetCommand, { Key: keys.bidDocument(PROJECT_ID, CONTRACTOR_ID, BID_DOCUMENT_ID) })
      .resolves({ Item: bidDocumentItem({ ...storedBidDocument(), versionId: 'v-checked' }) });

    // Act
    const result = await readDocument({ claims: claims.contractor(CONTRACTOR_ID) });

    // Assert
    const body = json<{ download?: { url: string } }>(result);
    expect(new URL(body.download?.url ?? '').searchParams.get('versionId')).toBe('v-checked');
    expect(body).not.toHaveProperty('versionId');
  });

  it('offers no download for a rejected (late) document', async () => {
    // Arrange
    vi.setSystemTime(AT_DEADLINE);
    ddbMock
      .on(GetCommand, { Key: keys.bidDocument(PROJECT_ID, CONTRACTOR_ID, BID_DOCUMENT_ID) })
      .resolves({ Item: bidDocumentItem(storedBidDocument({ status: 'rejected', reason: 'late' })) });

    // Act
    const result = await readDocument();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json(result)).not.toHaveProperty('download');
  });
});

describe('POST /v1/projects/{id}/bids/{contractorId}/disqualify', () => {
  const closed = (minimumBids = 1) =>
    published({
      status: 'bidding_closed',
      scoringRound: 1,
      evaluatorIds: ['u-e1', 'u-e2'],
      tender: { publishedAt: '2025-03-10T10:00:00.000+08:00', bidDeadline: DEADLINE, minimumBids },
    });
  const other = storedBid({ id: 'bid_01jzzzzzzz9876543210', contractorId: OTHER_CONTRACTOR_ID });

  beforeEach(() => {
    vi.setSystemTime(AT_DEADLINE);
  });

  it('R-PROC-3: disqualifies the bid after the deadline, conditional on its version, the project still closed and no sheet of the round in', async () => {
    // Arrange
    arrange({ project: closed(), bids: [storedBid(), other] });

    // Act
    const result = await disqualify();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"2"');
    expect(json(result)).toMatchObject({
      id: BID_ID,
      disqualified: { reason: '未提供服务承诺书', by: { sub: 'u-bureau', role: 'bureau' } },
      version: 2,
    });
    const items = transactItems(ddbMock);
    expect(items[0]?.Put).toMatchObject({ ExpressionAttributeValues: { ':expected': 1 } });
    expect(putItem(items, 1)).toMatchObject({ action: 'bid.disqualified' });
    expect(items.slice(2)).toEqual([
      {
        // The project must still be in compliance review (bidding closed, not yet evaluated) when it lands.
        ConditionCheck: {
          TableName: expect.any(String),
          Key: keys.project(PROJECT_ID),
          ConditionExpression: '#s = :closed',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':closed': 'bidding_closed' },
        },
      },
      {
        ConditionCheck: expect.objectContaining({
          Key: keys.scoreSheet(PROJECT_ID, 1, 'u-e1'),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      },
      {
        ConditionCheck: expect.objectContaining({
          Key: keys.scoreSheet(PROJECT_ID, 1, 'u-e2'),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      },
    ]);
    // One valid bid remains, as many as the notice's minimum: the workflow still waits for its scores.
    expect(sfnMock).not.toHaveReceivedAnyCommand();
  });

  it('R-PROC-3: 409 once a score sheet of the round is in', async () => {
    // Arrange
    arrange({ project: closed(), bids: [storedBid(), other] });
    ddbMock
      .on(QueryCommand, {
        ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'SCORES#001#' },
      })
      .resolves({ Items: [{ ...keys.scoreSheet(PROJECT_ID, 1, 'u-e1'), projectId: PROJECT_ID, round: 1 }] });

    // Act
    const result = await disqualify();

    // Assert
    expect(problem(result, 409).detail).toContain('scoring');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: before the deadline the bureau gets the same sealed 409 for a contractor that bid and one that did not, whatever If-Match, no bid read', async () => {
    // Arrange: the contractor has bid (version 2: a revision or a document); the other has not
    vi.setSystemTime(BEFORE);
    arrange({ bids: [storedBid({ version: 2 })] });
    const ask = async (contractorId: string, ifMatch: string) => {
      const result = await disqualify({
        params: { id: PROJECT_ID, contractorId },
        headers: { 'If-Match': ifMatch },
      });
      return {
        status: result.statusCode,
        body: (result.body ?? '').replaceAll(contractorId, '<contractor>'),
      };
    };

    // Act
    const answers = [
      await ask(CONTRACTOR_ID, '"1"'),
      await ask(CONTRACTOR_ID, '"2"'),
      await ask(OTHER_CONTRACTOR_ID, '"1"'),
      await ask(OTHER_CONTRACTOR_ID, '"2"'),
    ];

    // Assert: one answer, the seal's, and the bids were never read
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.status).toBe(409);
    expect(JSON.parse(answers[0]?.body ?? '{}')).toMatchObject({
      detail: `bids are sealed until ${DEADLINE}`,
      rule: 'R-PROC-5',
    });
    expect(ddbMock).not.toHaveReceivedCommandWith(QueryCommand, {
      ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'BID#' },
    });
  });

  it('R-PROC-3: the project’s state is checked before the bid is looked up: scoring begun is the same 409 for a bid and no bid', async () => {
    // Arrange: a sheet of the round is in
    arrange({ project: closed(), bids: [storedBid({ version: 3 })] });
    ddbMock
      .on(QueryCommand, {
        ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'SCORES#001#' },
      })
      .resolves({ Items: [{ ...keys.scoreSheet(PROJECT_ID, 1, 'u-e1'), projectId: PROJECT_ID, round: 1 }] });

    // Act
    const bidder = await disqualify();
    const nobody = await disqualify({ params: { id: PROJECT_ID, contractorId: OTHER_CONTRACTOR_ID } });

    // Assert: neither 412 (version 3) nor 404 (no bid)
    expect(problem(bidder, 409).detail).toBe(problem(nobody, 409).detail);
  });

  it('R-PROC-3: 412 when If-Match is not the bid’s version', async () => {
    // Arrange
    arrange({ project: closed(), bids: [storedBid({ version: 3 })] });

    // Act / Assert
    problem(await disqualify(), 412);
  });

  it('R-PROC-3: with fewer valid bids left than the notice’s minimum, resumes the workflow waiting for scores, after the commit', async () => {
    // Arrange
    arrange({ project: closed(2), bids: [storedBid(), other] });
    ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves({
      Item: { projectId: PROJECT_ID, waitingFor: 'scores', taskToken: 'token-1', parkedAt: BEFORE_ISO },
    });
    ddbMock.on(DeleteCommand).resolves({});
    sfnMock.on(SendTaskSuccessCommand).resolves({});

    // Act
    const result = await disqualify();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: 'token-1',
      output: JSON.stringify({ waitingFor: 'scores', validBids: 1 }),
    });
    const [committed] = ddbMock.commandCalls(TransactWriteCommand);
    const [resumed] = sfnMock.commandCalls(SendTaskSuccessCommand);
    expect(committed?.calledBefore(resumed!)).toBe(true);
  });

  it('R-PROC-3: does not resume the workflow when the disqualification does not land', async () => {
    // Arrange
    arrange({ project: closed(2), bids: [storedBid(), other] });
    ddbMock
      .on(TransactWriteCommand)
      .rejects(canceled('None', 'None', 'ConditionalCheckFailed', 'None', 'None'));

    // Act
    const result = await disqualify();

    // Assert
    expect(problem(result, 409).detail).toContain('left compliance review');
    expect(sfnMock).not.toHaveReceivedAnyCommand();
  });
});

describe('bids: races retried, tokens and records that name nobody', () => {
  it('R-PROC-1: a bid cancelled only by a concurrent transaction (the same contractor’s other request) is resent and lands', async () => {
    // Arrange: another request of the same contractor held its record
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(canceled('None', 'None', 'TransactionConflict'))
      .resolves({});

    // Act
    const result = await put();

    // Assert
    expect(result.statusCode).toBe(201);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('R-PROC-1: a document declaration cancelled only by a concurrent transaction is resent and lands', async () => {
    // Arrange
    arrange({ bid: storedBid() });
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(canceled('None', 'None', 'TransactionConflict', 'None', 'None'))
      .resolves({});

    // Act / Assert
    expect((await declareDocument()).statusCode).toBe(201);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('R-PROC-5: an object id already taken is never overwritten: the declaration is tried again under a fresh one', async () => {
    // Arrange: index 4 is the lookup row of the opaque key
    arrange({ bid: storedBid() });
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(canceled('None', 'None', 'None', 'None', 'ConditionalCheckFailed'))
      .resolves({});

    // Act
    const result = await declareDocument();

    // Assert
    expect(result.statusCode).toBe(201);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    const lookup = (n: number) => transactItems(ddbMock, n)[4]?.Put?.Item?.PK as string;
    expect(lookup(0)).not.toBe(lookup(1));
  });

  it('R-QUAL-2: a contractor changing at every try ends in a 409 after three tries', async () => {
    // Arrange: index 2 is the contractor's version check, failed every time
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed'));

    // Act
    const p = problem(await put(), 409);

    // Assert
    expect(p.detail).toBe('the bid changed while it was being written; send it again');
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
    expect(emf.metrics()).toEqual([]);
  });

  it('R-QUAL-2: a contractor token that names no contractor may not bid or read a bid (422)', async () => {
    const nobody = { sub: 'u-new', 'cognito:groups': '[contractor]' };
    for (const result of [await put({ claims: nobody }), await getOwn({ claims: nobody })]) {
      const p = problem(result, 422);
      expect(p.rule).toBe('R-QUAL-2');
      expect(p.detail).toBe('the token names no registered contractor');
    }
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-QUAL-2: a token whose contractor is not registered may not bid (422)', async () => {
    // Arrange
    ddbMock.on(GetCommand, { Key: keys.contractor(CONTRACTOR_ID) }).resolves({});

    // Act
    const p = problem(await put(), 422);

    // Assert
    expect(p).toMatchObject({ rule: 'R-QUAL-2', detail: 'the token names no registered contractor' });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('a bid submitted without a metrics port still lands (the port is optional)', async () => {
    const outcome = await submitOrReviseBid(
      { store, clock, seal: bidSeal },
      PROJECT_ID,
      { price: bidBody.price, proposal: bidBody.proposal },
      {
        viewer: { sub: 'u-c', role: 'contractor', contractorId: CONTRACTOR_ID },
        actor: { sub: 'u-c', role: 'contractor' },
        ifMatch: null,
      },
    );
    expect(outcome.created).toBe(true);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('what was not found is named: the project, the bid, the document', async () => {
    // Arrange
    vi.setSystemTime(AT_DEADLINE);

    // Act / Assert
    expect(problem(await getOwn(), 404).detail).toBe('bid not found');
    expect(problem(await list({ claims: otherTownClaims }), 404).detail).toBe('project not found');
    expect(problem(await readDocument({ claims: unassignedEvaluatorClaims }), 404).detail).toBe(
      'project not found',
    );
    expect(problem(await readDocument({ claims: claims.contractor(OTHER_CONTRACTOR_ID) }), 404).detail).toBe(
      'document not found',
    );
    // No such document of the bid, for its contractor and for the bureau.
    expect(problem(await readDocument({ claims: claims.contractor(CONTRACTOR_ID) }), 404).detail).toBe(
      'document not found',
    );
    expect(problem(await readDocument(), 404).detail).toBe('document not found');
    ddbMock.on(GetCommand, { Key: keys.project(PROJECT_ID) }).resolves({});
    expect(problem(await list(), 404).detail).toBe('project not found');
  });

  it('R-PROC-5: a key that is not a bid document’s resolves to nothing, without a read', async () => {
    expect(
      await findBidDocumentByObjectKey({ store, clock }, `contractors/${CONTRACTOR_ID}/evidence/1/doc_1`),
    ).toBeUndefined();
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });
});

describe('compliance review: which bid, which round, how many left (R-PROC-3)', () => {
  const closed = (overrides: Partial<Project> = {}) =>
    published({
      status: 'bidding_closed',
      scoringRound: 1,
      evaluatorIds: ['u-e1', 'u-e2'],
      tender: { publishedAt: '2025-03-10T10:00:00.000+08:00', bidDeadline: DEADLINE, minimumBids: 1 },
      ...overrides,
    });
  const tender = (minimumBids: number) => ({
    publishedAt: '2025-03-10T10:00:00.000+08:00',
    bidDeadline: DEADLINE,
    minimumBids,
  });
  const other = storedBid({ id: 'bid_01jzzzzzzz9876543210', contractorId: OTHER_CONTRACTOR_ID });
  const third = storedBid({ id: 'bid_01jyyyyyyy9876543210', contractorId: 'ctr_01jthirdthird0123456' });
  const parkedOnScores = () => {
    ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves({
      Item: { projectId: PROJECT_ID, waitingFor: 'scores', taskToken: 'token-1', parkedAt: BEFORE_ISO },
    });
    ddbMock.on(DeleteCommand).resolves({});
    sfnMock.on(SendTaskSuccessCommand).resolves({});
  };

  beforeEach(() => {
    vi.setSystemTime(AT_DEADLINE);
  });

  it('R-PROC-3: disqualifies the bid of the contractor named, not another bidder’s', async () => {
    // Arrange
    arrange({ project: closed(), bids: [storedBid(), other] });

    // Act
    const result = await disqualify({ params: { id: PROJECT_ID, contractorId: OTHER_CONTRACTOR_ID } });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({ id: other.id, contractorId: OTHER_CONTRACTOR_ID });
    expect(transactItems(ddbMock)[0]?.Put?.Item).toMatchObject({
      ...keys.bid(PROJECT_ID, OTHER_CONTRACTOR_ID),
      id: other.id,
    });
  });

  it('R-PROC-3: a contractor that did not bid is 404 once the project is under review', async () => {
    arrange({ project: closed(), bids: [other] });
    expect(problem(await disqualify(), 404).detail).toBe('bid not found');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-3: in a rescore round the review reads and checks that round’s sheets', async () => {
    // Arrange
    arrange({ project: closed({ scoringRound: 2 }), bids: [storedBid(), other] });

    // Act
    expect((await disqualify()).statusCode).toBe(200);

    // Assert
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'SCORES#002#' },
    });
    expect(
      transactItems(ddbMock)
        .slice(3)
        .map((i) => i.ConditionCheck?.Key),
    ).toEqual([keys.scoreSheet(PROJECT_ID, 2, 'u-e1'), keys.scoreSheet(PROJECT_ID, 2, 'u-e2')]);
  });

  it('R-PROC-3: with no panel yet, only the project’s state is checked besides the bid', async () => {
    arrange({ project: closed({ evaluatorIds: undefined }), bids: [storedBid(), other] });
    expect((await disqualify()).statusCode).toBe(200);
    expect(transactItems(ddbMock)).toHaveLength(3);
  });

  it('R-PROC-3: 409 when a sheet of the round landed between the read and the write', async () => {
    // Arrange: index 3 is the first evaluator's sheet check
    arrange({ project: closed(), bids: [storedBid(), other] });
    ddbMock
      .on(TransactWriteCommand)
      .rejects(canceled('None', 'None', 'None', 'ConditionalCheckFailed', 'None'));

    // Act
    const p = problem(await disqualify(), 409);

    // Assert
    expect(p.rule).toBe('R-PROC-3');
    expect(p.detail).toContain('scoring of this round began meanwhile');
    expect(sfnMock).not.toHaveReceivedAnyCommand();
  });

  it('R-PROC-3: the project leaving review meanwhile is refused under R-PROC-3', async () => {
    arrange({ project: closed(), bids: [storedBid(), other] });
    ddbMock
      .on(TransactWriteCommand)
      .rejects(canceled('None', 'None', 'ConditionalCheckFailed', 'None', 'None'));
    expect(problem(await disqualify(), 409).rule).toBe('R-PROC-3');
  });

  it('R-PROC-3: the valid bids left are counted without the one disqualified', async () => {
    // Arrange: three bids, the notice asks for three
    arrange({ project: closed({ tender: tender(3) }), bids: [storedBid(), other, third] });
    parkedOnScores();

    // Act
    expect((await disqualify()).statusCode).toBe(200);

    // Assert
    expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: 'token-1',
      output: JSON.stringify({ waitingFor: 'scores', validBids: 2 }),
    });
  });

  it('R-PROC-3: with exactly the notice’s minimum left, the workflow keeps waiting for scores', async () => {
    // Arrange
    arrange({ project: closed({ tender: tender(2) }), bids: [storedBid(), other, third] });
    parkedOnScores();

    // Act
    expect((await disqualify()).statusCode).toBe(200);

    // Assert
    expect(sfnMock).not.toHaveReceivedAnyCommand();
  });
});
