import { SFNClient, SendTaskFailureCommand } from '@aws-sdk/client-sfn';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as approveProject } from '#functions/projects/approve-project';
import { handler as cancelProject } from '#functions/projects/cancel-project';
import { handler as createProject } from '#functions/projects/create-project';
import { handler as getProject } from '#functions/projects/get-project';
import { handler as listProjects } from '#functions/projects/list-projects';
import { handler as submitProject } from '#functions/projects/submit-project';
import { handler as updateProject } from '#functions/projects/update-project';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Contractor } from '#shared/domain/contractor';
import { CONDITIONS } from '#shared/domain/contractor';
import type { Project } from '#shared/domain/project';
import type { RequestOptions } from './support';
import {
  apiEvent,
  canceled,
  claims,
  contractor,
  contractorItem,
  expectInternalError,
  head,
  json,
  lambdaContext,
  problem,
  transactItems,
} from './support';
import {
  LINE_ID,
  PROJECT_ID,
  budgetLine,
  budgetLineItem,
  catalogRows,
  caregiving,
  otherTownClaims,
  project,
  projectBody,
  projectItem,
  purchaserItem,
  secondBureauClaims,
} from './procurement-fixtures';
import { expectValidReleasePackage } from '../support/ocds-schema';

const ddbMock = mockClient(DynamoDBDocumentClient);
const sfnMock = mockClient(SFNClient);
const NOW = new Date('2025-03-10T02:00:00.000Z');
const NOW_ISO = '2025-03-10T10:00:00.000+08:00';
const projectKey = keys.project(PROJECT_ID);
const lineKey = keys.budgetLine(LINE_ID);

const fundsCheck = (amount: number) => ({
  ConditionCheck: {
    TableName: 'assistance',
    Key: lineKey,
    ConditionExpression: 'purchaserId = :purchaser AND fiscalYear = :year AND available >= :x',
    ExpressionAttributeValues: { ':purchaser': 'pur-town-1', ':year': 2025, ':x': amount },
  },
});

function eligibleContractor(id: string, overrides: Partial<Contractor> = {}): Contractor {
  const decision = (n: number) => ({
    status: 'approved' as const,
    documentId: `doc_${n}`,
    decidedBy: 'u-bureau',
    decidedAt: '2025-01-05T09:00:00.000+08:00',
    reason: '符合',
  });
  return contractor({
    id,
    decisions: Object.fromEntries(CONDITIONS.map((n) => [n, decision(n)])),
    evidence: Object.fromEntries(
      CONDITIONS.map((n) => [n, { latestRevision: 1, latestDocumentId: `doc_${n}` }]),
    ),
    version: 9,
    ...overrides,
  });
}

function arrange(stored: Project | null = project(), line = budgetLine()): void {
  ddbMock.on(GetCommand, { Key: projectKey }).resolves(stored ? { Item: projectItem(stored) } : {});
  ddbMock.on(GetCommand, { Key: lineKey }).resolves({ Item: budgetLineItem(line) });
  ddbMock
    .on(GetCommand, { Key: keys.purchaser('pur-town-1') })
    .resolves({ Item: purchaserItem('pur-town-1') });
}

const create = (options: RequestOptions = {}) =>
  createProject(
    apiEvent(routes.createProject, { claims: claims.town, body: projectBody(), ...options }),
    lambdaContext(),
  );
const update = (options: RequestOptions = {}) =>
  updateProject(
    apiEvent(routes.updateProject, {
      claims: claims.town,
      params: { id: PROJECT_ID },
      headers: { 'If-Match': '"1"' },
      body: { ...projectBody({ title: '东山镇照料护理服务（调整）' }), purchaserId: undefined },
      ...options,
    }),
    lambdaContext(),
  );
const submit = (options: RequestOptions = {}) =>
  submitProject(
    apiEvent(routes.submitProject, {
      claims: claims.town,
      params: { id: PROJECT_ID },
      headers: { 'If-Match': '"1"' },
      ...options,
    }),
    lambdaContext(),
  );
const approve = (options: RequestOptions = {}) =>
  approveProject(
    apiEvent(routes.approveProject, {
      claims: claims.bureau,
      params: { id: PROJECT_ID },
      headers: { 'If-Match': '"2"' },
      ...options,
    }),
    lambdaContext(),
  );
const cancel = (options: RequestOptions = {}) =>
  cancelProject(
    apiEvent(routes.cancelProject, {
      claims: claims.town,
      params: { id: PROJECT_ID },
      headers: { 'If-Match': '"1"' },
      body: { reason: 'budget_withdrawn', note: '年度预算调减' },
      ...options,
    }),
    lambdaContext(),
  );
const get = (options: RequestOptions = {}) =>
  getProject(
    apiEvent(routes.getProject, { claims: claims.town, params: { id: PROJECT_ID }, ...options }),
    lambdaContext(),
  );
const list = (options: RequestOptions = {}) =>
  listProjects(apiEvent(routes.listProjects, { claims: claims.town, ...options }), lambdaContext());

const submitted = () =>
  project({
    status: 'submitted',
    version: 2,
    timeline: [
      ...project().timeline,
      {
        at: '2025-03-05T09:00:00.000+08:00',
        status: 'submitted',
        event: 'submit',
        by: { sub: 'u-town', role: 'town' },
      },
    ],
  });

/**
 * Issue 10 §1: numbers JSON allows but DynamoDB (1e308, -1e308, 5e-324) or the SDK's marshaller (integers above
 * 2^53) refuses, written into the body as a client would send them, at every number of a project's body.
 */
const UNSTORABLE = ['1e308', '-1e308', '5e-324', '9007199254740993'] as const;
const NUMERIC_FIELDS = [
  ['estimatedAmount'],
  ['quantity', 'value'],
  ['serviceStandard', 'indicators', 0, 'target'],
  ['evaluationCriteria', 'quality', 0, 'weight'],
  ['evaluationCriteria', 'priceWeight'],
  ['paymentMilestones', 1, 'percent'],
] as const;
const hostileCases = UNSTORABLE.flatMap((literal) =>
  NUMERIC_FIELDS.map((path) => ({ literal, path, field: path.join('.') })),
);
const fullBody = () =>
  projectBody({
    serviceStandard: caregiving.standard,
    paymentMilestones: [
      { event: 'signing', percent: 30 },
      { event: 'mid_term_review', percent: 40 },
      { event: 'acceptance_passed', percent: 30 },
    ],
  });
function withNumberAt(body: unknown, path: readonly (string | number)[], literal: string): string {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = '__NUMBER__';
  return JSON.stringify(copy).replace('"__NUMBER__"', literal);
}

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock
    .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CATALOG' } })
    .resolves({ Items: catalogRows });
  ddbMock.on(TransactWriteCommand).resolves({});
  arrange();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /v1/projects', () => {
  it.each(hostileCases)(
    'answers 400 naming $field for $literal, writing nothing (issue 10 §1)',
    async ({ literal, path, field }) => {
      // Act
      const result = await create({ body: withNumberAt(fullBody(), path, literal) });

      // Assert
      expect(problem(result, 400).errors?.map((e) => e.field)).toEqual([field]);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    },
  );

  it('accepts the same body with storable numbers (the hostile cases change one number only)', async () => {
    expect((await create({ body: fullBody() })).statusCode).toBe(201);
  });

  it('drafts a project with the catalog standard, checking the line still covers the estimate when it lands (R-PROC-4, R-FUND-2)', async () => {
    // Act
    const result = await create();

    // Assert
    expect(result.statusCode).toBe(201);
    const body = json<Project>(result);
    expect(body).toMatchObject({
      purchaserId: 'pur-town-1',
      fiscalYear: 2025,
      status: 'draft',
      serviceStandard: caregiving.standard,
      serviceStandardRefined: false,
      currency: 'CNY',
      version: 1,
      timeline: [{ at: NOW_ISO, status: 'draft', event: 'created', by: { sub: 'u-town', role: 'town' } }],
    });
    expect(body.id).toMatch(/^prj_[0-9a-z]{20}$/);
    expect(ddbMock).toHaveReceivedCommandWith(GetCommand, { Key: keys.procurementRules('pur-town-1') });
    expect(ddbMock).toHaveReceivedCommandWith(GetCommand, { Key: lineKey });
    expect(ddbMock).toHaveReceivedCommandTimes(QueryCommand, 1);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(3);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        PK: `PROJECT#${body.id}`,
        SK: 'PROJECT',
        GSI1PK: 'PROJECTS#pur-town-1',
        GSI1SK: `draft#${NOW_ISO}#${body.id}`,
        recordType: 'project',
      },
    });
    expect(items[1]?.Put?.Item).toMatchObject({ PK: `AUDIT#project#${body.id}`, action: 'project.created' });
    expect(items[2]).toEqual(fundsCheck(30_000_000));
  });

  it('R-CAT-3: answers 422 with the reason naming catalogCode for a negative-list item, writing nothing', async () => {
    // Act
    const result = await create({ body: projectBody({ catalogCode: 'NEG-ELIGIBILITY-DECISION' }) });

    // Assert
    const p = problem(result, 422);
    expect(p).toMatchObject({ rule: 'R-CAT-3' });
    expect(p.detail).toContain('administrative decision');
    expect(p.errors?.map((e) => e.field)).toEqual(['catalogCode']);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-CAT-3: answers 422 naming title for a title on the negative list', async () => {
    const p = problem(await create({ body: projectBody({ title: '低保资格认定辅助服务' }) }), 422);
    expect(p.rule).toBe('R-CAT-3');
    expect(p.errors?.map((e) => e.field)).toEqual(['title']);
  });

  it('R-FUND-2: answers 422 naming estimatedAmount above what the line has available', async () => {
    // Arrange
    arrange(project(), budgetLine({ committed: 25_000_000, available: 25_000_000, unpaid: 25_000_000 }));

    // Act
    const p = problem(await create(), 422);

    // Assert
    expect(p).toMatchObject({ rule: 'R-FUND-2' });
    expect(p.errors?.map((e) => e.field)).toEqual(['estimatedAmount']);
  });

  it('R-FUND-2: answers 422 naming estimatedAmount when a commitment landed between the read and the write', async () => {
    // Arrange: index 2 is the budget ConditionCheck
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed'));

    // Act / Assert
    expect(problem(await create(), 422).errors?.map((e) => e.field)).toEqual(['estimatedAmount']);
  });

  it('R-PROC-3: answers 422 naming evaluationCriteria.priceWeight above the purchaser’s cap', async () => {
    const body = projectBody({
      evaluationCriteria: {
        quality: [{ code: 'plan', description: '服务方案', weight: 60 }],
        priceWeight: 40,
      },
    });
    expect(problem(await create({ body }), 422).errors?.map((e) => e.field)).toEqual([
      'evaluationCriteria.priceWeight',
    ]);
  });

  it.each([
    ['estimatedAmount', projectBody({ estimatedAmount: -1 })],
    ['procurementMethod', projectBody({ procurementMethod: 'lowest_price' })],
    ['term.start', projectBody({ term: { start: '2025-02-30', end: '2025-12-31' } })],
    [
      'evaluationCriteria.quality.0.weight',
      projectBody({
        evaluationCriteria: { quality: [{ code: 'plan', description: '方案', weight: 0 }], priceWeight: 30 },
      }),
    ],
    [
      'evaluationCriteria',
      projectBody({
        evaluationCriteria: { quality: [{ code: 'plan', description: '方案', weight: 50 }], priceWeight: 30 },
      }),
    ],
    ['term.end', projectBody({ term: { start: '2025-06-01', end: '2025-05-01' } })],
  ])('answers 400 naming %s', async (field, body) => {
    expect(problem(await create({ body }), 400).errors?.map((e) => e.field)).toEqual([field]);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-BUY-1: answers 404 naming purchaserId when a town drafts for another purchaser, without a read', async () => {
    expect(problem(await create({ claims: otherTownClaims }), 404).errors?.map((e) => e.field)).toEqual([
      'purchaserId',
    ]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 403 to finance and auditors', async () => {
    problem(await create({ claims: { sub: 'u-f', 'cognito:groups': '[finance]' } }), 403);
    problem(await create({ claims: claims.auditor }), 403);
  });

  it('answers a plain 500 when the catalog query fails', async () => {
    // Arrange
    ddbMock.on(QueryCommand).rejects(new Error('throttled reading CATALOG'));

    // Act / Assert
    expectInternalError(await create(), 'CATALOG');
  });

  it('answers a plain 500 when the line read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand, { Key: lineKey }).rejects(new Error('timeout on BUDGET#'));

    // Act / Assert
    expectInternalError(await create(), 'BUDGET#');
  });

  it('answers a plain 500 when the rules read fails', async () => {
    // Arrange
    ddbMock
      .on(GetCommand, { Key: keys.procurementRules('pur-town-1') })
      .rejects(new Error('RULES unreadable'));

    // Act / Assert
    expectInternalError(await create(), 'RULES');
  });

  it('answers a plain 500 when the transaction fails', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(new Error('InternalServerError PROJECT#'));

    // Act / Assert
    expectInternalError(await create(), 'PROJECT#');
  });
});

describe('PUT /v1/projects/{id}', () => {
  it.each(hostileCases)(
    'answers 400 naming $field for $literal, writing nothing (issue 10 §1)',
    async ({ literal, path, field }) => {
      // Arrange
      const { purchaserId: _, ...body } = fullBody();

      // Act
      const result = await update({ body: withNumberAt(body, path, literal) });

      // Assert
      expect(problem(result, 400).errors?.map((e) => e.field)).toEqual([field]);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    },
  );

  it('accepts the same body with storable numbers (the hostile cases change one number only)', async () => {
    // Arrange
    const { purchaserId: _, ...body } = fullBody();

    // Act / Assert
    expect((await update({ body })).statusCode).toBe(200);
  });

  it('replaces a draft conditional on its version and records the edit', async () => {
    // Act
    const result = await update();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"2"');
    expect(json<Project>(result)).toMatchObject({ title: '东山镇照料护理服务（调整）', status: 'draft' });
    const items = transactItems(ddbMock);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 1 },
    });
    expect(items[1]?.Put?.Item).toMatchObject({ action: 'project.edited', prevHash: head(1).auditHash });
    expect(items[2]).toEqual(fundsCheck(30_000_000));
  });

  it('answers 409 for a project that is no longer a draft', async () => {
    // Arrange
    arrange(submitted());

    // Act / Assert
    problem(await update({ headers: { 'If-Match': '"2"' } }), 409);
  });

  it('answers 412 for a stale If-Match before reading anything else', async () => {
    // Act
    problem(await update({ headers: { 'If-Match': '"7"' } }), 412);

    // Assert
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, { Key: projectKey });
  });

  it('R-BUY-1: answers 404 to another town', async () => {
    problem(await update({ claims: otherTownClaims }), 404);
  });

  it('answers a plain 500 when the project read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand, { Key: projectKey }).rejects(new Error('PROJECT# read failed'));

    // Act / Assert
    expectInternalError(await update(), 'PROJECT#');
  });
});

describe('POST /v1/projects/{id}/submit', () => {
  it('R-PROC-2: submits, conditional on the version and on the line still covering the estimate', async () => {
    // Act
    const result = await submit();

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<Project>(result);
    expect(body.status).toBe('submitted');
    expect(body.timeline.at(-1)).toEqual({
      at: NOW_ISO,
      status: 'submitted',
      event: 'submit',
      by: { sub: 'u-town', role: 'town' },
    });
    const items = transactItems(ddbMock);
    expect(items[0]?.Put?.Item).toMatchObject({
      GSI1SK: `submitted#${project().createdAt}#${PROJECT_ID}`,
      version: 2,
    });
    expect(items[1]?.Put?.Item).toMatchObject({ action: 'project.submitted' });
    expect(items[2]).toEqual(fundsCheck(30_000_000));
  });

  describe('an invited tender', () => {
    const ids = ['ctr_01jaaaaaaa0000000001', 'ctr_01jaaaaaaa0000000002', 'ctr_01jaaaaaaa0000000003'];
    const invited = () => project({ procurementMethod: 'invited_tender', invitedContractorIds: ids });

    beforeEach(() => {
      arrange(invited());
      for (const id of ids) {
        ddbMock
          .on(GetCommand, { Key: keys.contractor(id) })
          .resolves({ Item: contractorItem(eligibleContractor(id)) });
      }
    });

    it('reads each invitee once and checks each is unchanged when the submission lands (R-QUAL-2)', async () => {
      // Act
      const result = await submit();

      // Assert
      expect(result.statusCode).toBe(200);
      for (const id of ids)
        expect(ddbMock).toHaveReceivedCommandWith(GetCommand, { Key: keys.contractor(id) });
      const items = transactItems(ddbMock);
      expect(items).toHaveLength(6);
      expect(items.slice(3).map((i) => i.ConditionCheck)).toEqual(
        ids.map((id) => ({
          TableName: 'assistance',
          Key: keys.contractor(id),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': 9 },
        })),
      );
    });

    it('R-QUAL-2: answers 422 naming the index of an invitee that is not eligible', async () => {
      // Arrange
      ddbMock.on(GetCommand, { Key: keys.contractor(ids[1]!) }).resolves({
        Item: contractorItem(
          eligibleContractor(ids[1]!, { flags: { creditListHit: true, annualReportFailed: false } }),
        ),
      });

      // Act
      const p = problem(await submit(), 422);

      // Assert
      expect(p.rule).toBe('R-QUAL-2');
      expect(p.errors?.map((e) => e.field)).toEqual(['invitedContractorIds.1']);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    });

    it('R-PROC-2: answers 422 naming the index of an invitee that does not exist', async () => {
      // Arrange
      ddbMock.on(GetCommand, { Key: keys.contractor(ids[2]!) }).resolves({});

      // Act / Assert
      expect(problem(await submit(), 422).errors?.map((e) => e.field)).toEqual(['invitedContractorIds.2']);
    });

    it('answers 409 naming the invitee when it changed between the read and the write', async () => {
      // Arrange: indexes 3..5 are the contractor ConditionChecks
      ddbMock
        .on(TransactWriteCommand)
        .rejects(canceled('None', 'None', 'None', 'None', 'ConditionalCheckFailed', 'None'));

      // Act / Assert
      expect(problem(await submit(), 409).errors?.map((e) => e.field)).toEqual(['invitedContractorIds.1']);
    });

    it('answers a plain 500 when an invitee read fails', async () => {
      // Arrange
      ddbMock.on(GetCommand, { Key: keys.contractor(ids[0]!) }).rejects(new Error('CONTRACTOR# unavailable'));

      // Act / Assert
      expectInternalError(await submit(), 'CONTRACTOR#');
    });
  });

  it('R-PROC-2: answers 422 naming singleSourceRationale when it is too short', async () => {
    // Arrange
    arrange(project({ procurementMethod: 'single_source', singleSourceRationale: '只有一家机构' }));

    // Act
    const p = problem(await submit(), 422);

    // Assert
    expect(p).toMatchObject({ rule: 'R-PROC-2' });
    expect(p.errors?.map((e) => e.field)).toEqual(['singleSourceRationale']);
  });

  it('answers 409 for a project already submitted, before reading its context', async () => {
    // Arrange
    arrange(submitted());

    // Act
    problem(await submit({ headers: { 'If-Match': '"2"' } }), 409);

    // Assert
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
  });

  it('answers 412 when the project changed between the read and the write', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None', 'None'));

    // Act / Assert
    problem(await submit(), 412);
  });

  it('answers 428 without If-Match', async () => {
    problem(await submit({ headers: {} }), 428);
  });
});

describe('POST /v1/projects/{id}/approve', () => {
  beforeEach(() => arrange(submitted()));

  it('approves as a bureau user other than the submitter (four eyes)', async () => {
    // Act
    const result = await approve();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json<Project>(result)).toMatchObject({ status: 'approved', version: 3 });
    const items = transactItems(ddbMock);
    expect(items[1]?.Put?.Item).toMatchObject({
      action: 'project.approved',
      actor: { sub: 'u-bureau', role: 'bureau' },
    });
    expect(items[2]).toEqual(fundsCheck(30_000_000));
  });

  it('R-SUP-3: publishes the planning release and its announcement in the same transaction as the approval', async () => {
    // Act
    expect((await approve()).statusCode).toBe(200);

    // Assert: feed item, per-ocid item and announcement, each append-only, after the project's own items.
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(6);
    const releaseId = `${PROJECT_ID}-v3-planning`;
    const ocid = `ocds-xxxxxx-${PROJECT_ID}`;
    const [feed, perOcid, announcement] = items.slice(3).map((i) => i.Put);
    expect(feed).toMatchObject({
      Item: {
        PK: 'PUBLIC#RELEASES',
        SK: `2025-03-10T02:00:00.000Z#${releaseId}`,
        release: { ocid, tag: ['planning'] },
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expect(perOcid).toMatchObject({
      Item: { PK: `OCID#${ocid}`, SK: `RELEASE#2025-03-10T02:00:00.000Z#${releaseId}` },
    });
    expect(announcement).toMatchObject({
      Item: { PK: 'PUBLIC#ANNOUNCEMENTS', kind: 'procurement_intention', releaseId },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expectValidReleasePackage({
      uri: 'https://api.example.test/v1/public/ocds/releases',
      version: '1.1',
      publishedDate: NOW_ISO,
      publisher: { name: 'test' },
      releases: [feed?.Item?.release],
    });
  });

  it('answers 422 when the submitter approves their own project', async () => {
    // Arrange
    const bySecond = project({
      ...submitted(),
      timeline: [
        ...project().timeline,
        {
          at: '2025-03-05T09:00:00.000+08:00',
          status: 'submitted',
          event: 'submit',
          by: { sub: 'u-bureau-2', role: 'bureau' },
        },
      ],
    });
    arrange(bySecond);

    // Act
    const p = problem(await approve({ claims: secondBureauClaims }), 422);

    // Assert
    expect(p.detail).toContain('four eyes');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 403 to a town', async () => {
    problem(await approve({ claims: claims.town }), 403);
  });

  it('answers 409 for a draft', async () => {
    // Arrange
    arrange(project());

    // Act / Assert
    problem(await approve({ headers: { 'If-Match': '"1"' } }), 409);
  });

  it('answers 422 naming estimatedAmount when the line no longer covers the estimate at write time', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed'));

    // Act / Assert
    expect(problem(await approve(), 422).errors?.map((e) => e.field)).toEqual(['estimatedAmount']);
  });
});

describe('POST /v1/projects/{id}/cancel', () => {
  it('R-SUP-3: cancels with a public reason and note, on the record and its timeline', async () => {
    // Act
    const result = await cancel();

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<Project>(result);
    expect(body).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'budget_withdrawn', note: '年度预算调减', at: NOW_ISO },
    });
    expect(body.timeline.at(-1)).toMatchObject({
      status: 'cancelled',
      event: 'cancel',
      note: 'budget_withdrawn: 年度预算调减',
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put?.Item).toMatchObject({ GSI1SK: `cancelled#${project().createdAt}#${PROJECT_ID}` });
    expect(items[1]?.Put?.Item).toMatchObject({ action: 'project.cancelled' });
  });

  it('R-PROC-5: cancelling an approved project publishes tenderCancellation and a cancellation announcement atomically', async () => {
    // Arrange
    arrange(project({ status: 'approved', version: 3 }));

    // Act
    expect((await cancel({ headers: { 'If-Match': '"3"' } })).statusCode).toBe(200);

    // Assert
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(5);
    expect(items[2]?.Put?.Item).toMatchObject({
      PK: 'PUBLIC#RELEASES',
      release: { tag: ['tenderCancellation'], tender: { status: 'cancelled' } },
    });
    expect(items[4]?.Put?.Item).toMatchObject({ kind: 'cancellation', PK: 'PUBLIC#ANNOUNCEMENTS' });
    // The reason code is public; the clerk's note is not (it may name a person).
    expect(JSON.stringify(items.slice(2))).toContain('budget_withdrawn');
    expect(JSON.stringify(items.slice(2))).not.toContain('年度预算调减');
  });

  it('answers 409 for a contracted project', async () => {
    // Arrange
    arrange(project({ status: 'contracted' }));

    // Act / Assert
    problem(await cancel(), 409);
  });

  it('answers 400 naming reason for a code not on the list', async () => {
    expect(
      problem(await cancel({ body: { reason: 'whim', note: '无理由' } }), 400).errors?.map((e) => e.field),
    ).toEqual(['reason']);
  });

  it('answers a plain 500 when the transaction fails', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(new Error('InternalServerError AUDIT#'));

    // Act / Assert
    expectInternalError(await cancel(), 'AUDIT#');
  });
});

describe('GET /v1/projects/{id}', () => {
  it('answers the project with status and timeline and its version as ETag', async () => {
    // Act
    const result = await get({ claims: claims.auditor });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"1"');
    const body = json<Project>(result);
    expect(body).toMatchObject({ id: PROJECT_ID, status: 'draft', timeline: [{ event: 'created' }] });
    expect(body).not.toHaveProperty('GSI1SK');
    expect(body).not.toHaveProperty('auditHash');
  });

  it('R-BUY-1: answers 404 to another town, as for a missing project', async () => {
    // Act
    const theirs = await get({ claims: otherTownClaims });
    arrange(null);
    const missing = await get();

    // Assert
    expect(problem(theirs, 404).detail).toBe(problem(missing, 404).detail);
  });

  it('answers a plain 500 when the read fails', async () => {
    // Arrange
    ddbMock.on(GetCommand, { Key: projectKey }).rejects(new Error('PROJECT# read failed'));

    // Act / Assert
    expectInternalError(await get(), 'PROJECT#');
  });
});

describe('GET /v1/projects', () => {
  const item = projectItem(project());
  const lastKey = { PK: item.PK, SK: item.SK, GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK };

  beforeEach(() => {
    ddbMock.on(QueryCommand, { IndexName: 'GSI1' }).resolves({ Items: [item], LastEvaluatedKey: lastKey });
  });

  it('queries the purchaser’s projects of one status, newest first', async () => {
    // Act
    const result = await list({ query: { status: 'draft', limit: '5' } });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json<{ items: Project[]; cursor: string }>(result).items.map((p) => p.id)).toEqual([PROJECT_ID]);
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(QueryCommand, {
      TableName: 'assistance',
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
      ExpressionAttributeValues: { ':pk': 'PROJECTS#pur-town-1', ':prefix': 'draft#' },
      Limit: 5,
      ScanIndexForward: false,
    });
  });

  it('R-BUY-1: answers 404 to a town listing another purchaser', async () => {
    problem(await list({ query: { purchaserId: 'pur-town-2' } }), 404);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 400 naming status for an unknown status', async () => {
    expect(problem(await list({ query: { status: 'won' } }), 400).errors?.map((e) => e.field)).toEqual([
      'status',
    ]);
  });

  it('answers 400 naming cursor for a cursor of another status', async () => {
    const cursor = Buffer.from(JSON.stringify(lastKey)).toString('base64url');
    expect(
      problem(await list({ query: { status: 'approved', cursor } }), 400).errors?.map((e) => e.field),
    ).toEqual(['cursor']);
  });

  it('answers a plain 500 when the query fails', async () => {
    // Arrange
    ddbMock.on(QueryCommand, { IndexName: 'GSI1' }).rejects(new Error('GSI1 unavailable'));

    // Act / Assert
    expectInternalError(await list({ claims: claims.bureau, query: { purchaserId: 'pur-town-1' } }), 'GSI1');
  });
});

describe('what the project routes check before and while they write (issue 10 §2)', () => {
  beforeEach(() => {
    sfnMock.reset();
    sfnMock.on(SendTaskFailureCommand).resolves({});
    ddbMock.on(DeleteCommand).resolves({});
  });

  it('R-FUND-1: POST answers 422 naming budgetLineId for a budget line that does not exist, writing nothing', async () => {
    // Arrange
    ddbMock.on(GetCommand, { Key: lineKey }).resolves({});

    // Act
    const p = problem(await create(), 422);

    // Assert
    expect(p.rule).toBe('R-FUND-1');
    expect(p.errors?.map((e) => e.field)).toEqual(['budgetLineId']);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-BUY-1: POST for another purchaser names purchaserId in the body, as for a missing purchaser', async () => {
    const p = problem(await create({ claims: otherTownClaims }), 404);
    expect(p.errors).toEqual([expect.objectContaining({ in: 'body', field: 'purchaserId' })]);
    expect(p.detail).toContain('purchaserId');
  });

  it.each([
    ['submit', () => submit({ headers: { 'If-Match': '"7"' } })],
    ['approve', () => approve({ headers: { 'If-Match': '"7"' } })],
    ['cancel', () => cancel({ headers: { 'If-Match': '"7"' } })],
  ])('%s answers 412 for a stale If-Match, writing nothing', async (_, send) => {
    // Arrange: a submitted project (version 2) the approval could otherwise take
    arrange(submitted());

    // Act / Assert
    expect(problem(await send(), 412).detail).toContain('"7"');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-QUAL-2: an invitee that changed between the read and the write is a 409 under R-QUAL-2 naming it', async () => {
    // Arrange
    const ids = ['ctr_01jaaaaaaa0000000001', 'ctr_01jaaaaaaa0000000002', 'ctr_01jaaaaaaa0000000003'];
    arrange(project({ procurementMethod: 'invited_tender', invitedContractorIds: ids }));
    for (const id of ids) {
      ddbMock
        .on(GetCommand, { Key: keys.contractor(id) })
        .resolves({ Item: contractorItem(eligibleContractor(id)) });
    }
    ddbMock
      .on(TransactWriteCommand)
      .rejects(canceled('None', 'None', 'None', 'None', 'ConditionalCheckFailed', 'None'));

    // Act
    const p = problem(await submit(), 409);

    // Assert
    expect(p.rule).toBe('R-QUAL-2');
    expect(p.detail).toContain(ids[1]);
  });

  it('R-PROC-1: cancelling a project whose workflow is parked on a callback ends the workflow with the reason', async () => {
    // Arrange: published, its workflow parked on the bid deadline's callback
    const token = 'task-token-bid-deadline';
    arrange(
      project({
        status: 'published',
        version: 4,
        tender: {
          publishedAt: '2025-03-01T10:00:00.000+08:00',
          bidDeadline: '2025-03-21T10:00:00.000+08:00',
          minimumBids: 3,
        },
        workflow: {
          executionArn: 'arn:aws-cn:states:cn-north-1:123456789012:execution:procurement:x',
          startedAt: '2025-03-01T10:00:00.000+08:00',
          waitingFor: 'bid_deadline',
        },
      }),
    );
    ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves({
      Item: {
        ...keys.projectCallback(PROJECT_ID),
        recordType: 'callback',
        projectId: PROJECT_ID,
        waitingFor: 'bid_deadline',
        taskToken: token,
        parkedAt: '2025-03-01T10:00:01.000+08:00',
      },
    });

    // Act
    expect((await cancel({ headers: { 'If-Match': '"4"' } })).statusCode).toBe(200);

    // Assert
    expect(sfnMock).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      taskToken: token,
      error: 'ProjectCancelled',
      cause: 'project cancelled: budget_withdrawn',
    });
  });

  it('R-BUY-1: GET /v1/projects answers 400 naming purchaserId in the query when the caller has none and names none', async () => {
    const p = problem(await list({ claims: claims.auditor }), 400);
    expect(p.errors).toEqual([expect.objectContaining({ in: 'query', field: 'purchaserId' })]);
    expect(p.detail).toContain('name the purchaser');
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
  });
});
