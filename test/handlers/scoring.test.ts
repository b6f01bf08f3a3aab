/**
 * Evaluators, score sheets and draws (R-PROC-3, R-PROC-5, R-PROC-6): the handlers against a mocked table and
 * a mocked Step Functions, which the last sheet and the draw wake through the parked task token.
 */
import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as assignEvaluators } from '#functions/scoring/assign-evaluators';
import { handler as listEvaluatorProjects } from '#functions/scoring/list-evaluator-projects';
import { handler as listScoreSheets } from '#functions/scoring/list-score-sheets';
import { handler as recordDraw } from '#functions/scoring/record-draw';
import { handler as submitScores } from '#functions/scoring/submit-scores';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { WaitingFor } from '#shared/domain/project';
import type { BidRecord, ScoreSheet } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import { evaluateRound } from '#shared/domain/scoring';
import type { RequestOptions } from './support';
import { apiEvent, canceled, claims, head, json, lambdaContext, problem, transactItems } from './support';
import { PROJECT_ID, otherTownClaims, project, projectItem } from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const sfnMock = mockClient(SFNClient);
const NOW = new Date('2025-03-26T02:00:00.000Z');
const NOW_ISO = '2025-03-26T10:00:00.000+08:00';
const TOKEN = 'task-token-scores-1';
const ME = claims.evaluator.sub; // u-evaluator
const PANEL = [ME, 'ev-2', 'ev-3'];
const projectKey = keys.project(PROJECT_ID);

const tender = {
  publishedAt: '2025-03-12T10:00:00.000+08:00',
  bidDeadline: '2025-03-25T10:00:00.000+08:00',
  minimumBids: 2,
};
/** A notice whose bids are still open at NOW. */
const OPEN = { ...tender, bidDeadline: '2025-03-27T10:00:00.000+08:00' };
const scoring = (overrides: Partial<Project> = {}) =>
  project({
    status: 'bidding_closed',
    scoringRound: 1,
    evaluatorIds: PANEL,
    tender,
    version: 6,
    ...overrides,
  });

function bid(id: string, price: number): BidRecord {
  return {
    id,
    projectId: PROJECT_ID,
    contractorId: `ctr_${id}`,
    contractorKind: 'enterprise',
    contractorName: `公司 ${id}`,
    nonProfit: false,
    price,
    proposal: { summary: '服务方案' },
    documentIds: [],
    revision: 1,
    submittedAt: '2025-03-20T10:00:00.000+08:00',
    submittedBy: { sub: 'u-c', role: 'contractor' },
    version: 1,
  };
}
const BIDS = [bid('bid_00000001', 8_000_000), bid('bid_00000002', 8_000_000)];
const bidItem = (b: BidRecord) => ({
  ...keys.bid(PROJECT_ID, b.contractorId),
  recordType: 'bid',
  ...b,
  ...head(1),
});

/** A whole sheet: both bids on both criteria of the fixture project (service_plan, team). */
const WHOLE = BIDS.flatMap((b) => [
  { bidId: b.id, criterionCode: 'service_plan', score: 80 },
  { bidId: b.id, criterionCode: 'team', score: 70 },
]);
const sheet = (evaluatorId: string, version = 1, round = 1): ScoreSheet => ({
  projectId: PROJECT_ID,
  round,
  evaluatorId,
  scores: WHOLE,
  submittedAt: '2025-03-26T09:00:00.000+08:00',
  version,
});
const sheetItem = (s: ScoreSheet) => ({
  ...keys.scoreSheet(PROJECT_ID, s.round, s.evaluatorId),
  recordType: 'scoreSheet',
  ...s,
  ...head(s.version),
});

const parked = (waitingFor: WaitingFor) => ({
  Item: {
    ...keys.projectCallback(PROJECT_ID),
    recordType: 'callback',
    projectId: PROJECT_ID,
    waitingFor,
    taskToken: TOKEN,
    parkedAt: '2025-03-25T10:00:01.000+08:00',
  },
});

const sheetsQuery = (round = 1) => ({
  ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': keys.scoreSheetPrefix(round) },
});

function arrange(stored: Project, options: { sheets?: ScoreSheet[]; sheetsAfter?: ScoreSheet[] } = {}) {
  ddbMock.on(GetCommand, { Key: projectKey }).resolves({ Item: projectItem(stored) });
  ddbMock
    .on(QueryCommand, { ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'BID#' } })
    .resolves({ Items: BIDS.map(bidItem) });
  const before = (options.sheets ?? []).map(sheetItem);
  const after = (options.sheetsAfter ?? options.sheets ?? []).map(sheetItem);
  ddbMock.on(QueryCommand, sheetsQuery()).resolvesOnce({ Items: before }).resolves({ Items: after });
}

/** The evaluator pool holds these subs, active (R-PROC-3). */
function enrol(subs: readonly string[], status: 'active' | 'retired' = 'active') {
  for (const sub of subs) {
    ddbMock.on(GetCommand, { Key: keys.evaluatorPoolMember(sub) }).resolves({
      Item: {
        ...keys.evaluatorPoolMember(sub),
        recordType: 'evaluator',
        sub,
        name: `专家 ${sub}`,
        expertise: ['社会救助'],
        status,
        registeredAt: '2025-01-02T09:00:00.000+08:00',
        registeredBy: { sub: 'u-bureau', role: 'bureau' },
        version: 1,
        updatedAt: '2025-01-02T09:00:00.000+08:00',
        ...head(1),
      },
    });
  }
}

/** A first sheet unless `headers` say otherwise (If-None-Match: *, issue 12 §3). */
const submit = (options: RequestOptions = {}) =>
  submitScores(
    apiEvent(routes.submitScores, {
      claims: claims.evaluator,
      params: { id: PROJECT_ID },
      headers: { 'If-None-Match': '*' },
      body: { scores: WHOLE },
      ...options,
    }),
    lambdaContext(),
  );

beforeEach(() => {
  ddbMock.reset();
  sfnMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(DeleteCommand).resolves({});
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PUT /v1/projects/{id}/scores', () => {
  it('R-PROC-3: the last sheet of the round lands while the project is still scoring and sends SendTaskSuccess with the parked token', async () => {
    // Arrange: the two others have scored; after the commit all three are there
    arrange(scoring(), {
      sheets: [sheet('ev-2'), sheet('ev-3')],
      sheetsAfter: [sheet(ME), sheet('ev-2'), sheet('ev-3')],
    });
    ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves(parked('scores'));

    // Act
    const result = await submit();

    // Assert
    expect(result.statusCode).toBe(201);
    expect(result.headers?.etag).toBe('"1"');
    expect(json(result)).toEqual({
      projectId: PROJECT_ID,
      round: 1,
      evaluatorId: ME,
      scores: WHOLE,
      submittedAt: NOW_ISO,
      version: 1,
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(3);
    expect(items[0]?.Put).toMatchObject({
      Item: { PK: `PROJECT#${PROJECT_ID}`, SK: `SCORES#001#${ME}`, recordType: 'scoreSheet', version: 1 },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    // R-SUP-2: the sheet's audit trail is that of project, round and evaluator.
    expect(items[1]?.Put?.Item).toMatchObject({
      PK: `AUDIT#scoreSheet#${PROJECT_ID}.r1.${ME}`,
      action: 'scoreSheet.submitted',
      recordType: 'scoreSheet',
    });
    expect(items[2]?.ConditionCheck).toEqual({
      TableName: 'assistance',
      Key: projectKey,
      ConditionExpression: '#s = :closed AND scoringRound = :round AND contains(evaluatorIds, :evaluator)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':closed': 'bidding_closed', ':round': 1, ':evaluator': ME },
    });
    expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: TOKEN,
      output: JSON.stringify({ waitingFor: 'scores', round: 1 }),
    });
    expect(ddbMock).toHaveReceivedCommandWith(DeleteCommand, { Key: keys.projectCallback(PROJECT_ID) });
  });

  it('R-PROC-3: a sheet that leaves the round incomplete does not wake the workflow', async () => {
    // Arrange
    arrange(scoring(), { sheets: [sheet('ev-2')], sheetsAfter: [sheet(ME), sheet('ev-2')] });
    ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves(parked('scores'));

    // Act
    const result = await submit();

    // Assert
    expect(result.statusCode).toBe(201);
    expect(ddbMock).toHaveReceivedCommand(TransactWriteCommand);
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  it('R-PROC-3: two evaluators finishing at once: completeness is read again after the commit', async () => {
    // Arrange: before the commit the other sheet was missing; it landed meanwhile
    arrange(scoring(), {
      sheets: [sheet('ev-2')],
      sheetsAfter: [sheet(ME), sheet('ev-2'), sheet('ev-3')],
    });
    ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves(parked('scores'));

    // Act / Assert
    expect((await submit()).statusCode).toBe(201);
    expect(sfnMock).toHaveReceivedCommandTimes(SendTaskSuccessCommand, 1);
  });

  it('R-PROC-3: the evaluator replaces its own sheet conditional on its version until the round is complete', async () => {
    // Arrange
    arrange(scoring(), { sheets: [sheet(ME, 2)] });

    // Act
    const result = await submit({
      headers: { 'If-Match': '"2"' },
      body: { scores: WHOLE.map((s) => ({ ...s, score: 90.5 })) },
    });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"3"');
    const items = transactItems(ddbMock);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 2 },
    });
    expect(items[1]?.Put?.Item).toMatchObject({ action: 'scoreSheet.replaced', prevHash: head(2).auditHash });
  });

  it('R-PROC-3: sending the stored sheet again once the round is complete writes nothing and resumes the workflow', async () => {
    // Arrange: a first attempt committed but could not reach Step Functions
    arrange(scoring(), { sheets: [sheet(ME), sheet('ev-2'), sheet('ev-3')] });
    ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves(parked('scores'));

    // Act: sent again with the version the sheet has by then
    const result = await submit({ headers: { 'If-Match': '"1"' } });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, { taskToken: TOKEN });
  });

  it('R-PROC-3: a changed sheet once the round is complete is 409', async () => {
    arrange(scoring(), { sheets: [sheet(ME), sheet('ev-2'), sheet('ev-3')] });
    const p = problem(
      await submit({
        headers: { 'If-Match': '"1"' },
        body: { scores: WHOLE.map((s) => ({ ...s, score: 10 })) },
      }),
      409,
    );
    expect(p.detail).toContain('complete');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-3: an evaluator not on the panel gets 404 and nothing is read beyond the project', async () => {
    // Arrange
    arrange(scoring({ evaluatorIds: ['ev-2', 'ev-3', 'ev-4'] }));

    // Act
    expect(problem(await submit(), 404).detail).toBe('project not found');

    // Assert
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-1: scores before the bid deadline are 409, naming the deadline', async () => {
    // Arrange
    arrange(scoring({ status: 'published', scoringRound: undefined }));

    // Act
    const p = problem(await submit(), 409);

    // Assert
    expect(p.rule).toBe('R-PROC-1');
    expect(p.detail).toContain(tender.bidDeadline);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sfnMock).not.toHaveReceivedAnyCommand();
  });

  it('R-PROC-3: an incomplete sheet is 400 naming scores', async () => {
    // Arrange
    arrange(scoring());

    // Act
    const p = problem(await submit({ body: { scores: WHOLE.slice(0, 3) } }), 400);

    // Assert
    expect(p.rule).toBe('R-PROC-3');
    expect(p.errors?.map((e) => e.field)).toEqual(['scores']);
    expect(p.detail).toContain(`team of bid ${BIDS[1]!.id}`);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each([
    ['scores.0.score', { scores: [{ ...WHOLE[0], score: 101 }, ...WHOLE.slice(1)] }],
    ['scores.0.bidId', { scores: [{ ...WHOLE[0], bidId: 'x' }, ...WHOLE.slice(1)] }],
    ['scores', { scores: 'all 100' }],
  ])('answers 400 naming %s', async (field, body) => {
    arrange(scoring());
    expect(problem(await submit({ body }), 400).errors?.map((e) => e.field)).toEqual([field]);
  });

  it('R-PROC-3: 409 when scoring ended or the panel changed between the read and the write', async () => {
    // Arrange: index 2 is the project ConditionCheck
    arrange(scoring());
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed'));

    // Act
    const p = problem(await submit(), 409);

    // Assert
    expect(p.rule).toBe('R-PROC-3');
    expect(p.detail).toContain('scoring of round 1 ended');
    expect(sfnMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 403 to the bureau: only evaluators score', async () => {
    problem(await submit({ claims: claims.bureau }), 403);
  });
});

describe('PUT /v1/projects/{id}/scores: If-None-Match: * creates the sheet, If-Match replaces it (issue 12 §3)', () => {
  const replace = (ifMatch: string) => submit({ headers: { 'If-Match': ifMatch } });

  it('428 without either header: nothing is read', async () => {
    arrange(scoring());
    problem(await submit({ headers: {} }), 428);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('If-None-Match: * when the evaluator has a sheet in the round: 412 naming its version; nothing written, no resume', async () => {
    arrange(scoring(), { sheets: [sheet(ME, 2), sheet('ev-2'), sheet('ev-3')] });
    ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves(parked('scores'));
    const p = problem(await submit(), 412);
    expect(p.detail).toContain('round 1');
    expect(p.detail).toContain('"2"');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sfnMock).not.toHaveReceivedAnyCommand();
  });

  it('If-Match that is not the sheet’s version, or with no sheet to replace: 412, nothing written', async () => {
    arrange(scoring(), { sheets: [sheet(ME, 2)] });
    expect(problem(await replace('"1"'), 412).detail).toContain('"2"');
    arrange(scoring());
    expect(problem(await replace('"1"'), 412).detail).toContain('If-None-Match: *');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-3, R-PROC-5: panel, seal and round come before the version: 404, 409, never 412', async () => {
    // Not on the panel: not found, whatever version is named.
    arrange(scoring({ evaluatorIds: ['ev-2', 'ev-3', 'ev-4'] }), { sheets: [sheet(ME, 2)] });
    problem(await replace('"9"'), 404);
    // Before the deadline: refused on the state.
    arrange(scoring({ status: 'published', scoringRound: undefined }));
    expect(problem(await replace('"9"'), 409).rule).toBe('R-PROC-1');
    // Scoring, on the panel: the version answers.
    arrange(scoring(), { sheets: [sheet(ME, 2)] });
    problem(await replace('"9"'), 412);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('two first sheets of one evaluator from the same read: the one that loses the write is 412, not 409', async () => {
    // Arrange: index 0 is the sheet's attribute_not_exists; the other sheet landed between the read and the write
    arrange(scoring());
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None', 'None'));

    // Act
    const p = problem(await submit(), 412);

    // Assert
    expect(p.detail).toContain('created meanwhile');
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(sfnMock).not.toHaveReceivedAnyCommand();
  });
});

describe('GET /v1/projects/{id}/scores', () => {
  const read = (options: RequestOptions = {}) =>
    listScoreSheets(
      apiEvent(routes.listScoreSheets, { claims: claims.bureau, params: { id: PROJECT_ID }, ...options }),
      lambdaContext(),
    );
  const allSheets = { ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'SCORES#' } };
  const round1 = [sheet(ME), sheet('ev-2'), sheet('ev-3')];

  it.each(['bidding_closed', 'published'] as const)(
    'R-PROC-3: staff cannot read scores while the project is %s: evaluators score independently',
    async (status) => {
      // Arrange
      arrange(scoring({ status }));
      ddbMock.on(QueryCommand, allSheets).resolves({ Items: round1.map(sheetItem) });

      // Act
      const p = problem(await read(), 409);

      // Assert
      expect(p.rule).toBe('R-PROC-3');
      expect(p.detail).toContain(`this one is ${status}`);
      expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
      problem(await read({ claims: claims.auditor }), 409);
      problem(await read({ claims: claims.town }), 409);
    },
  );

  it('R-PROC-3: once evaluated, staff read every sheet of every round (consistently)', async () => {
    // Arrange
    arrange(scoring({ status: 'evaluated', scoringRound: 2 }));
    ddbMock.on(QueryCommand, allSheets).resolves({ Items: [...round1, sheet(ME, 1, 2)].map(sheetItem) });

    // Act
    const result = await read({ claims: claims.auditor });

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<{ projectId: string; sheets: ScoreSheet[] }>(result);
    expect(body.projectId).toBe(PROJECT_ID);
    expect(body.sheets.map((s) => [s.round, s.evaluatorId])).toEqual([
      [1, ME],
      [1, 'ev-2'],
      [1, 'ev-3'],
      [2, ME],
    ]);
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, { ...allSheets, ConsistentRead: true });
  });

  it('R-PROC-3: an evaluator reads only its own sheets, during scoring too', async () => {
    // Arrange
    arrange(scoring());
    ddbMock.on(QueryCommand, allSheets).resolves({ Items: round1.map(sheetItem) });

    // Act
    const result = await read({ claims: claims.evaluator });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json<{ sheets: ScoreSheet[] }>(result).sheets.map((s) => s.evaluatorId)).toEqual([ME]);
  });

  it('R-PROC-3: an evaluator neither on the panel nor with sheets gets 404', async () => {
    arrange(scoring({ evaluatorIds: ['ev-2', 'ev-3', 'ev-4'] }));
    ddbMock.on(QueryCommand, allSheets).resolves({ Items: [sheet('ev-2')].map(sheetItem) });
    expect(problem(await read({ claims: claims.evaluator }), 404).detail).toBe('project not found');
  });

  it('R-PROC-3: an evaluator asking for the sheets of a project that does not exist gets 404', async () => {
    ddbMock.on(GetCommand, { Key: projectKey }).resolves({});
    expect(problem(await read({ claims: claims.evaluator }), 404).detail).toBe('project not found');
  });

  it('R-PROC-3: a former member of the panel still reads its own sheets', async () => {
    arrange(scoring({ evaluatorIds: ['ev-2', 'ev-3', 'ev-4'] }));
    ddbMock.on(QueryCommand, allSheets).resolves({ Items: round1.map(sheetItem) });
    const result = await read({ claims: claims.evaluator });
    expect(result.statusCode).toBe(200);
    expect(json<{ sheets: ScoreSheet[] }>(result).sheets.map((s) => s.evaluatorId)).toEqual([ME]);
  });

  it('R-PROC-3: a member of the panel that has not scored yet reads an empty list', async () => {
    arrange(scoring());
    ddbMock.on(QueryCommand, allSheets).resolves({ Items: [sheet('ev-2')].map(sheetItem) });
    const result = await read({ claims: claims.evaluator });
    expect(result.statusCode).toBe(200);
    expect(json<{ sheets: ScoreSheet[] }>(result).sheets).toEqual([]);
  });

  it('R-BUY-1: another town gets 404', async () => {
    arrange(scoring({ status: 'evaluated' }));
    problem(await read({ claims: otherTownClaims }), 404);
  });
});

describe('PUT /v1/projects/{id}/evaluators', () => {
  const assign = (options: RequestOptions = {}) =>
    assignEvaluators(
      apiEvent(routes.assignEvaluators, {
        claims: claims.town,
        params: { id: PROJECT_ID },
        headers: { 'If-Match': '"6"' },
        body: { evaluatorIds: ['ev-2', 'ev-3', 'ev-4'] },
        ...options,
      }),
      lambdaContext(),
    );
  const assignmentKey = (e: string) => keys.evaluatorAssignment(e, PROJECT_ID);
  /** The closed project is past its deadline: the bureau changes its panel, with a reason (R-PROC-5). */
  const asBureau = (options: RequestOptions = {}) =>
    assign({
      claims: claims.bureau,
      body: { evaluatorIds: ['ev-2', 'ev-3', 'ev-4'], reason: '专家回避' },
      ...options,
    });
  beforeEach(() => enrol(['ev-1', 'ev-2', 'ev-3', 'ev-4', 'ev-old', ME]));

  it('R-PROC-3: replaces the panel with the project, the new assignments and the removal of the dropped one in one transaction', async () => {
    // Arrange
    arrange(
      scoring({
        status: 'published',
        scoringRound: undefined,
        tender: OPEN,
        evaluatorIds: ['ev-old', 'ev-2', 'ev-3'],
      }),
    );

    // Act
    const result = await assign();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"7"');
    const body = json<Project>(result);
    expect(body.evaluatorIds).toEqual(['ev-2', 'ev-3', 'ev-4']);
    expect(body.timeline.at(-1)).toEqual({
      at: NOW_ISO,
      status: 'published',
      event: 'evaluators_assigned',
      by: { sub: 'u-town', role: 'town' },
      note: '3 evaluators',
    });
    const items = transactItems(ddbMock);
    expect(items[0]?.Put).toMatchObject({
      Item: { ...projectKey, evaluatorIds: ['ev-2', 'ev-3', 'ev-4'], version: 7 },
      ExpressionAttributeValues: { ':expected': 6 },
    });
    expect(items[1]?.Put?.Item).toMatchObject({ action: 'project.evaluators_assigned' });
    expect(items.slice(2, 5).map((i) => i.Put?.Item)).toEqual(
      ['ev-2', 'ev-3', 'ev-4'].map((e) =>
        expect.objectContaining({
          ...assignmentKey(e),
          recordType: 'evaluatorAssignment',
          evaluatorId: e,
          projectId: PROJECT_ID,
          purchaserId: project().purchaserId,
          panelVersion: 7,
          updatedAt: NOW_ISO,
        }),
      ),
    );
    expect(items[5]).toEqual({ Delete: { TableName: 'assistance', Key: assignmentKey('ev-old') } });
    // ev-4 is new on the panel: it must still be an active pool member when the write lands.
    expect(items[6]?.ConditionCheck).toEqual({
      TableName: 'assistance',
      Key: keys.evaluatorPoolMember('ev-4'),
      ConditionExpression: '#s = :active',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':active': 'active' },
    });
    expect(items).toHaveLength(7);
    // Nothing can be scored before bidding closes: no sheet read.
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
  });

  it('R-PROC-3: while bidding is closed, the write also checks that no member of the old panel has started', async () => {
    // Arrange
    arrange(scoring());

    // Act
    expect((await asBureau()).statusCode).toBe(200);

    // Assert
    const checks = transactItems(ddbMock).filter((i) => i.ConditionCheck?.Key?.SK?.startsWith('SCORES#'));
    expect(checks.map((i) => i.ConditionCheck)).toEqual(
      PANEL.map((e) => ({
        TableName: 'assistance',
        Key: keys.scoreSheet(PROJECT_ID, 1, e),
        ConditionExpression: 'attribute_not_exists(PK)',
      })),
    );
  });

  it('R-PROC-3: 409 once a sheet of the current round exists', async () => {
    arrange(scoring(), { sheets: [sheet('ev-2')] });
    expect(problem(await asBureau(), 409).rule).toBe('R-PROC-3');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-3: 409 when a sheet landed between the read and the write', async () => {
    arrange(scoring());
    ddbMock
      .on(TransactWriteCommand)
      .rejects(canceled('None', 'None', 'None', 'None', 'None', 'None', 'ConditionalCheckFailed'));
    const p = problem(await asBureau(), 409);
    expect(p.detail).toContain('started meanwhile');
    expect(p.rule).toBe('R-PROC-3');
  });

  it.each([
    [['ev-1', 'ev-2', 'ev-3', 'ev-4'], /odd/],
    [['ev-1', 'ev-2', 'ev-1'], /named twice/],
    [['ev-1'], /at least 3/],
  ])('R-PROC-3: refuses the panel %j with 422 naming evaluatorIds', async (evaluatorIds, message) => {
    arrange(scoring({ status: 'approved', scoringRound: undefined, tender: undefined }));
    const p = problem(await assign({ body: { evaluatorIds } }), 422);
    expect(p).toMatchObject({ rule: 'R-PROC-3' });
    expect(p.errors?.map((e) => e.field)).toEqual(['evaluatorIds']);
    expect(p.detail).toMatch(message);
  });

  it('R-PROC-3: an open tender needs five', async () => {
    arrange(
      scoring({
        status: 'approved',
        scoringRound: undefined,
        tender: undefined,
        procurementMethod: 'open_tender',
      }),
    );
    expect(problem(await assign(), 422).detail).toContain('公开招标 needs at least 5');
  });

  it('R-PROC-3: the first panel of a project writes one assignment per member and removes none', async () => {
    // Arrange
    arrange(
      scoring({ status: 'approved', scoringRound: undefined, tender: undefined, evaluatorIds: undefined }),
    );

    // Act
    expect((await assign()).statusCode).toBe(200);

    // Assert
    const items = transactItems(ddbMock);
    expect(items.slice(2, 5).map((i) => i.Put?.Item?.evaluatorId)).toEqual(['ev-2', 'ev-3', 'ev-4']);
    expect(items.filter((i) => i.Delete)).toEqual([]);
  });

  it('R-PROC-3: the same panel again writes nothing and keeps the version', async () => {
    arrange(
      scoring({
        status: 'published',
        scoringRound: undefined,
        tender: OPEN,
        evaluatorIds: ['ev-2', 'ev-3', 'ev-4'],
      }),
    );
    const result = await assign();
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"6"');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 412 to a stale If-Match and 428 without one', async () => {
    arrange(scoring({ status: 'approved', scoringRound: undefined, tender: undefined }));
    problem(await assign({ headers: { 'If-Match': '"5"' } }), 412);
    problem(await assign({ headers: {} }), 428);
  });

  it('R-BUY-1: another town gets 404; evaluators may not set panels', async () => {
    arrange(scoring({ status: 'approved', scoringRound: undefined, tender: undefined }));
    problem(await assign({ claims: otherTownClaims }), 404);
    problem(await assign({ claims: claims.evaluator }), 403);
  });
});

describe('GET /v1/evaluator/projects', () => {
  it('R-PROC-3: lists the projects whose panel holds the caller, with what they are scored on', async () => {
    // Arrange
    const other = 'prj_01jzzzzzzz0000000000';
    ddbMock.on(QueryCommand, { ExpressionAttributeValues: { ':pk': `EVALUATOR#${ME}` } }).resolves({
      Items: [PROJECT_ID, other].map((projectId) => ({
        ...keys.evaluatorAssignment(ME, projectId),
        recordType: 'evaluatorAssignment',
        evaluatorId: ME,
        projectId,
      })),
      LastEvaluatedKey: keys.evaluatorAssignment(ME, other),
    });
    ddbMock.on(GetCommand, { Key: projectKey }).resolves({ Item: projectItem(scoring()) });
    // A stale row: the other project's panel no longer holds the caller.
    ddbMock
      .on(GetCommand, { Key: keys.project(other) })
      .resolves({ Item: projectItem(scoring({ id: other, evaluatorIds: ['ev-2', 'ev-3', 'ev-4'] })) });

    // Act
    const result = await listEvaluatorProjects(
      apiEvent(routes.listEvaluatorProjects, { claims: claims.evaluator, query: { limit: '10' } }),
      lambdaContext(),
    );

    // Assert
    expect(result.statusCode).toBe(200);
    const body = json<{ items: unknown[]; cursor?: string }>(result);
    expect(body.items).toEqual([
      {
        id: PROJECT_ID,
        title: scoring().title,
        status: 'bidding_closed',
        bidDeadline: tender.bidDeadline,
        scoringRound: 1,
        evaluationCriteria: scoring().evaluationCriteria,
      },
    ]);
    expect(body.cursor).toEqual(expect.any(String));
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, { ScanIndexForward: false, Limit: 10 });
  });

  it('R-PROC-3: the next page starts where the cursor of the last one left off', async () => {
    // Arrange
    const last = keys.evaluatorAssignment(ME, PROJECT_ID);
    ddbMock.on(QueryCommand, { ExpressionAttributeValues: { ':pk': `EVALUATOR#${ME}` } }).resolves({
      Items: [{ ...last, recordType: 'evaluatorAssignment', evaluatorId: ME, projectId: PROJECT_ID }],
      LastEvaluatedKey: last,
    });
    ddbMock.on(GetCommand, { Key: projectKey }).resolves({ Item: projectItem(scoring()) });
    const page = (query: Record<string, string>) =>
      listEvaluatorProjects(
        apiEvent(routes.listEvaluatorProjects, { claims: claims.evaluator, query }),
        lambdaContext(),
      );
    const cursor = json<{ cursor: string }>(await page({ limit: '1' })).cursor;

    // Act
    const result = await page({ limit: '1', cursor });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(ddbMock.commandCalls(QueryCommand)[1]?.args[0].input).toMatchObject({
      ExclusiveStartKey: last,
      Limit: 1,
      ScanIndexForward: false,
    });
  });

  it('answers 403 to the bureau', async () => {
    const result = await listEvaluatorProjects(
      apiEvent(routes.listEvaluatorProjects, { claims: claims.bureau }),
      lambdaContext(),
    );
    problem(result, 403);
  });
});

describe('POST /v1/projects/{id}/draw', () => {
  const [b1, b2] = [BIDS[0]!.id, BIDS[1]!.id];
  // Equal bids from two enterprises: nothing ranks them apart.
  const tied = () =>
    evaluateRound(
      scoring(),
      BIDS,
      [sheet(ME), sheet('ev-2'), sheet('ev-3')],
      '2025-03-26T09:30:00.000+08:00',
    )!;
  const evaluated = (overrides: Partial<Project> = {}) =>
    scoring({ status: 'evaluated', evaluation: tied(), version: 8, ...overrides });
  const draw = (options: RequestOptions = {}) =>
    recordDraw(
      apiEvent(routes.recordDraw, {
        claims: claims.bureau,
        params: { id: PROJECT_ID },
        headers: { 'If-Match': '"8"' },
        body: { order: [b2, b1], witnessedBy: ['李明', '张华'] },
        ...options,
      }),
      lambdaContext(),
    );

  it('R-PROC-5: records the witnessed draw with the winner and a timeline entry, then resumes the workflow parked on draw', async () => {
    // Arrange
    expect(tied().drawRequired).toBe(true);
    arrange(evaluated());
    ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves(parked('draw'));

    // Act
    const result = await draw();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"9"');
    const body = json<Project>(result);
    expect(body.evaluation).toMatchObject({ winner: b2, drawRequired: false });
    expect(body.evaluation?.ranked.map((r) => [r.rank, r.bidId])).toEqual([
      [1, b2],
      [2, b1],
    ]);
    expect(body.evaluation?.tieBreaks[0]?.statement).toContain('李明、张华 见证');
    expect(body.timeline.at(-1)).toMatchObject({ at: NOW_ISO, status: 'evaluated', event: 'draw' });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      Item: { ...projectKey, status: 'evaluated', version: 9 },
      ExpressionAttributeValues: { ':expected': 8 },
    });
    expect(items[1]?.Put?.Item).toMatchObject({ action: 'project.draw_recorded' });
    expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: TOKEN,
      output: JSON.stringify({ waitingFor: 'draw', winner: b2 }),
    });
  });

  it('R-PROC-5: a stale If-Match is 412 and nothing is written', async () => {
    arrange(evaluated());
    problem(await draw({ headers: { 'If-Match': '"7"' } }), 412);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sfnMock).not.toHaveReceivedAnyCommand();
  });

  it('R-PROC-5: a workflow parked on something else is left alone', async () => {
    arrange(evaluated());
    ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves(parked('scores'));
    expect((await draw()).statusCode).toBe(200);
    expect(sfnMock).not.toHaveReceivedAnyCommand();
  });

  it('R-PROC-5: 409 when no draw is required', async () => {
    arrange(scoring({ status: 'awarded', version: 8 }));
    expect(problem(await draw(), 409).rule).toBe('R-PROC-5');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each([
    ['order', { order: [b1, 'bid_99999999'], witnessedBy: ['李明'] }],
    ['witnessedBy', { order: [b1, b2], witnessedBy: [] }],
  ])('R-PROC-5: answers 400 naming %s', async (field, body) => {
    arrange(evaluated());
    expect(problem(await draw({ body }), 400).errors?.map((e) => e.field)).toEqual([field]);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 403 to a town: the bureau holds draws', async () => {
    problem(await draw({ claims: claims.town }), 403);
  });
});
