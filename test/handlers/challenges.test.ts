import { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as answerChallenge } from '#functions/challenges/answer-challenge';
import { handler as fileChallenge } from '#functions/challenges/file-challenge';
import { handler as listChallenges } from '#functions/challenges/list-challenges';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Project, ProjectAward } from '#shared/domain/project';
import type { BidRecord } from '#shared/domain/procurement-records';
import type { Challenge } from '#shared/domain/standstill';
import { standstillPeriod } from '#shared/domain/standstill';
import type { RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  OTHER_CONTRACTOR_ID,
  apiEvent,
  canceled,
  claims,
  head,
  json,
  lambdaContext,
  problem,
  putItem,
  transactItems,
} from './support';
import {
  LINE_ID,
  PROJECT_ID,
  budgetLine,
  budgetLineItem,
  catalogRows,
  otherTownClaims,
  project,
  projectItem,
  purchaserItem,
} from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const sfnMock = mockClient(SFNClient);

const NOW = new Date('2025-03-10T10:00:00.000+08:00');
const NOW_ISO = '2025-03-10T10:00:00.000+08:00';
/** The award notice: the window runs from 2025-03-07 15:00 to 2025-03-15 00:00 (exclusive), Shanghai. */
const STANDSTILL = standstillPeriod(new Date('2025-03-07T15:00:00.000+08:00'));
const WINNER_ID = 'ctr_01jwinnerwinner01234';
const CHALLENGE_ID = 'chl_01jabcdefg0123456789';
const SECOND_CHALLENGE_ID = 'chl_01jbbbbbbb0123456789';
const TOKEN = 'task-token-challenges';

const award: ProjectAward = {
  bidId: 'bid_winner',
  contractorId: WINNER_ID,
  contractorName: '优胜社会工作服务中心',
  contractorKind: 'social_organization',
  price: 28_000_000,
  awardedAt: STANDSTILL.opensAt,
  standstill: STANDSTILL,
};

const awarded = (overrides: Partial<Project> = {}): Project =>
  project({
    status: 'awarded',
    version: 7,
    scoringRound: 1,
    evaluatorIds: ['u-evaluator'],
    tender: {
      publishedAt: '2025-02-10T09:00:00.000+08:00',
      bidDeadline: '2025-03-03T09:00:00.000+08:00',
      minimumBids: 3,
    },
    workflow: {
      executionArn: 'arn:aws-cn:states:cn-north-1:123456789012:execution:procurement:x',
      startedAt: '2025-02-10T09:00:00.000+08:00',
      waitingFor: 'challenges',
    },
    evaluation: {
      round: 1,
      evaluatedAt: '2025-03-06T09:00:00.000+08:00',
      ranked: [],
      disqualified: [],
      tieBreaks: [],
      winner: 'bid_winner',
      drawRequired: false,
    },
    award,
    ...overrides,
  });

function bidItem(contractorId: string): Record<string, unknown> {
  const bid: BidRecord = {
    id: `bid_${contractorId.slice(-6)}`,
    projectId: PROJECT_ID,
    contractorId,
    contractorKind: 'social_organization',
    contractorName: '投标机构',
    nonProfit: true,
    price: 29_000_000,
    proposal: { summary: '服务方案' },
    documentIds: [],
    revision: 1,
    submittedAt: '2025-02-20T09:00:00.000+08:00',
    submittedBy: { sub: 'u-c', role: 'contractor' },
    version: 1,
  };
  return { ...keys.bid(PROJECT_ID, contractorId), recordType: 'bid', ...bid, ...head(1) };
}

const openChallenge = (overrides: Partial<Challenge> = {}): Challenge => ({
  id: CHALLENGE_ID,
  projectId: PROJECT_ID,
  contractorId: CONTRACTOR_ID,
  round: 1,
  grounds: '评分畸高畸低，服务方案得分明显不合理',
  filedAt: '2025-03-09T10:00:00.000+08:00',
  status: 'open',
  version: 1,
  ...overrides,
});

const dismissed = (c: Challenge): Challenge => ({
  ...c,
  status: 'dismissed',
  answer: { outcome: 'dismissed', reply: '不成立', by: { sub: 'u-bureau', role: 'bureau' }, at: NOW_ISO },
  version: c.version + 1,
});

const challengeItem = (c: Challenge) => ({
  ...keys.challenge(c.projectId, c.id),
  recordType: 'challenge',
  ...c,
  ...head(c.version),
});

function arrangeProject(stored: Project | null): void {
  ddbMock
    .on(GetCommand, { Key: keys.project(PROJECT_ID) })
    .resolves(stored ? { Item: projectItem(stored) } : {});
}

/** The challenges of the project as a strongly consistent read returns them (after any commit). */
function arrangeChallenges(...stored: Challenge[]): void {
  ddbMock
    .on(QueryCommand, {
      ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'CHALLENGE#' },
    })
    .resolves({ Items: stored.map(challengeItem) });
}

function arrangeStoredChallenge(c: Challenge | null): void {
  ddbMock
    .on(GetCommand, { Key: keys.challenge(PROJECT_ID, CHALLENGE_ID) })
    .resolves(c ? { Item: challengeItem(c) } : {});
}

const file = (options: RequestOptions = {}) =>
  fileChallenge(
    apiEvent(routes.fileChallenge, {
      claims: claims.contractor(CONTRACTOR_ID),
      params: { id: PROJECT_ID },
      body: { grounds: '评分畸高畸低，服务方案得分明显不合理' },
      ...options,
    }),
    lambdaContext(),
  );
const list = (options: RequestOptions = {}) =>
  listChallenges(
    apiEvent(routes.listChallenges, { claims: claims.bureau, params: { id: PROJECT_ID }, ...options }),
    lambdaContext(),
  );
const answer = (body: Record<string, unknown>, options: RequestOptions = {}) =>
  answerChallenge(
    apiEvent(routes.answerChallenge, {
      claims: claims.bureau,
      params: { id: PROJECT_ID, challengeId: CHALLENGE_ID },
      headers: { 'If-Match': '"1"' },
      body,
      ...options,
    }),
    lambdaContext(),
  );

beforeEach(() => {
  ddbMock.reset();
  sfnMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock
    .on(QueryCommand, { ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'BID#' } })
    .resolves({ Items: [bidItem(CONTRACTOR_ID), bidItem(WINNER_ID)] });
  ddbMock
    .on(GetCommand, { Key: keys.bid(PROJECT_ID, CONTRACTOR_ID) })
    .resolves({ Item: bidItem(CONTRACTOR_ID) });
  ddbMock.on(GetCommand, { Key: keys.budgetLine(LINE_ID) }).resolves({ Item: budgetLineItem(budgetLine()) });
  ddbMock
    .on(GetCommand, { Key: keys.purchaser('pur-town-1') })
    .resolves({ Item: purchaserItem('pur-town-1') });
  ddbMock
    .on(GetCommand, { Key: keys.catalogItem('C-CAREGIVING') })
    .resolves({ Item: catalogRows.find((r) => r.SK === 'ITEM#C-CAREGIVING') });
  ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves({
    Item: {
      ...keys.projectCallback(PROJECT_ID),
      recordType: 'callback',
      projectId: PROJECT_ID,
      waitingFor: 'challenges',
      taskToken: TOKEN,
      parkedAt: '2025-03-15T00:00:01.000+08:00',
    },
  });
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(DeleteCommand).resolves({});
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  sfnMock.on(SendTaskFailureCommand).resolves({});
  arrangeProject(awarded());
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /v1/projects/{id}/challenges', () => {
  it('R-PROC-5: a bidder challenges inside the standstill; the challenge lands only if the project is unchanged', async () => {
    // Act
    const result = await file({ headers: { 'Idempotency-Key': 'challenge-key-1' } });

    // Assert
    expect(result.statusCode).toBe(201);
    const body = json<Challenge>(result);
    expect(body).toEqual({
      id: expect.stringMatching(/^chl_[0-9a-z]{20}$/),
      projectId: PROJECT_ID,
      contractorId: CONTRACTOR_ID,
      round: 1,
      grounds: '评分畸高畸低，服务方案得分明显不合理',
      filedAt: NOW_ISO,
      status: 'open',
      version: 1,
    });
    expect(result.headers?.etag).toBe('"1"');
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(4);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        PK: `PROJECT#${PROJECT_ID}`,
        SK: `CHALLENGE#${body.id}`,
        recordType: 'challenge',
        status: 'open',
      },
    });
    expect(putItem(items, 1)).toMatchObject({
      PK: `AUDIT#challenge#${body.id}`,
      action: 'challenge.filed',
      at: NOW_ISO,
    });
    expect(items[2]).toEqual({
      ConditionCheck: {
        TableName: 'assistance',
        Key: keys.project(PROJECT_ID),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': 7 },
      },
    });
    expect(putItem(items, 3)).toMatchObject({ SK: 'IDEMPOTENCY' });
  });

  it('R-PROC-5: a contractor that did not bid is answered 404, as for a missing project', async () => {
    // Act
    const stranger = await file({ claims: claims.contractor(OTHER_CONTRACTOR_ID) });
    arrangeProject(null);
    const missing = await file();

    // Assert
    expect(problem(stranger, 404).detail).toBe(problem(missing, 404).detail);
    expect(problem(missing, 404).detail).toBe('project not found');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: a contractor token that names no contractor is answered 404, as for a missing project', async () => {
    const nobody = { sub: 'u-new', 'cognito:groups': '[contractor]' };
    expect(problem(await file({ claims: nobody }), 404).detail).toBe('project not found');
    expect(problem(await list({ claims: nobody }), 404).detail).toBe('project not found');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-1: a project back in scoring, its award withdrawn, takes no challenge (409)', async () => {
    const { award: _withdrawn, ...rescored } = awarded();
    arrangeProject({ ...rescored, status: 'bidding_closed', scoringRound: 2 });
    expect(problem(await file(), 409).rule).toBe('R-PROC-1');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: refuses a challenge before the award notice (422)', async () => {
    // Arrange
    vi.setSystemTime(new Date('2025-03-07T14:59:59.999+08:00'));

    // Act
    const p = problem(await file(), 422);

    // Assert
    expect(p.rule).toBe('R-PROC-5');
    expect(p.detail).toContain(STANDSTILL.closesAt);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: refuses a challenge at closesAt, the first instant after the window (422), but not a moment before', async () => {
    // Arrange
    vi.setSystemTime(new Date('2025-03-15T00:00:00.000+08:00'));

    // Act / Assert
    expect(problem(await file(), 422).rule).toBe('R-PROC-5');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    vi.setSystemTime(new Date('2025-03-14T23:59:59.999+08:00'));
    expect((await file()).statusCode).toBe(201);
  });

  it('R-PROC-1: answers 409 when the project is not awarded', async () => {
    for (const status of ['bidding_closed', 'contracted', 'cancelled'] as const) {
      // Arrange
      arrangeProject(awarded({ status }));

      // Act / Assert
      expect(problem(await file(), 409).rule).toBe('R-PROC-1');
    }
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: answers 400 naming grounds when they are missing or blank', async () => {
    for (const body of [{}, { grounds: '   ' }]) {
      expect(problem(await file({ body }), 400).errors?.map((e) => e.field)).toEqual(['grounds']);
    }
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: answers 409 when the project changed between the read and the write', async () => {
    // Arrange: index 2 is the project's ConditionCheck
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed'));

    // Act / Assert
    const p = problem(await file(), 409);
    expect(p.detail).toContain('changed meanwhile');
    expect(p.rule).toBe('R-PROC-5');
  });

  it('is for contractors only (403 to the bureau)', async () => {
    problem(await file({ claims: claims.bureau }), 403);
  });
});

describe('GET /v1/projects/{id}/challenges', () => {
  const mine = openChallenge();
  const theirs = openChallenge({ id: SECOND_CHALLENGE_ID, contractorId: WINNER_ID });

  beforeEach(() => arrangeChallenges(mine, theirs));

  it('R-PROC-5: the bureau, the purchaser town and the auditor see every challenge', async () => {
    for (const who of [claims.bureau, claims.town, claims.auditor]) {
      // Act
      const result = await list({ claims: who });

      // Assert
      expect(result.statusCode).toBe(200);
      expect(json<{ items: Challenge[] }>(result).items.map((c) => c.id)).toEqual([
        CHALLENGE_ID,
        SECOND_CHALLENGE_ID,
      ]);
    }
  });

  it('R-PROC-5: a bidder sees only its own challenges', async () => {
    // Act
    const result = await list({ claims: claims.contractor(CONTRACTOR_ID) });

    // Assert
    expect(json<{ items: Challenge[] }>(result).items).toEqual([mine]);
  });

  it('R-BUY-1: answers 404 to a town of another purchaser and to a contractor that did not bid', async () => {
    for (const who of [otherTownClaims, claims.contractor(OTHER_CONTRACTOR_ID)]) {
      expect(problem(await list({ claims: who }), 404).detail).toBe('project not found');
    }
  });
});

describe('POST /v1/projects/{id}/challenges/{challengeId}/answer', () => {
  const dismiss = { outcome: 'dismissed', reply: '经复核，评分符合评审标准，质疑不成立' };
  const rescore = { outcome: 'sustained', remedy: 'rescore', reply: '评分有误，重新评审' };
  const cancel = {
    outcome: 'sustained',
    remedy: 'cancel',
    reply: '质疑成立',
    publicReason: '采购文件存在歧视性条款，影响采购公正',
  };

  beforeEach(() => arrangeStoredChallenge(openChallenge()));

  it('R-PROC-5: a dismissal with another challenge still open leaves the workflow parked', async () => {
    // Arrange: what the consistent read returns after the answer landed
    arrangeChallenges(dismissed(openChallenge()), openChallenge({ id: SECOND_CHALLENGE_ID }));

    // Act
    const result = await answer(dismiss);

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"2"');
    expect(json<Challenge>(result)).toMatchObject({
      status: 'dismissed',
      answer: { outcome: 'dismissed', by: { sub: 'u-bureau', role: 'bureau' }, at: NOW_ISO },
      version: 2,
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 1 },
      Item: { SK: `CHALLENGE#${CHALLENGE_ID}`, status: 'dismissed', version: 2 },
    });
    // The answer's audit entry is dated when it was answered, not when the challenge was filed.
    expect(putItem(items, 1)).toMatchObject({ action: 'challenge.dismissed', at: NOW_ISO });
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  it('R-PROC-5: dismissing the last open challenge resumes the workflow parked on challenges', async () => {
    // Arrange
    arrangeChallenges(dismissed(openChallenge()));

    // Act
    expect((await answer(dismiss)).statusCode).toBe(200);

    // Assert
    expect(sfnMock).toHaveReceivedCommandTimes(SendTaskSuccessCommand, 1);
    expect(sfnMock).toHaveReceivedCommandWith(SendTaskSuccessCommand, {
      taskToken: TOKEN,
      output: JSON.stringify({ waitingFor: 'challenges' }),
    });
    expect(ddbMock).toHaveReceivedCommandWith(DeleteCommand, { Key: keys.projectCallback(PROJECT_ID) });
  });

  it('R-PROC-5: a dismissal during the window does not wake a workflow still waiting for the window to close', async () => {
    // Arrange: the workflow has parked nothing on challenges yet
    arrangeChallenges(dismissed(openChallenge()));
    ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves({});

    // Act
    expect((await answer(dismiss)).statusCode).toBe(200);

    // Assert
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  it('R-PROC-5: a sustained rescore withdraws the award and opens the next scoring round in the same transaction', async () => {
    // Arrange
    arrangeChallenges(dismissed(openChallenge()));

    // Act
    const result = await answer(rescore);

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json<Challenge>(result)).toMatchObject({
      status: 'sustained',
      answer: { outcome: 'sustained', remedy: 'rescore' },
    });
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = transactItems(ddbMock);
    expect(items[0]?.Put?.Item).toMatchObject({ SK: `CHALLENGE#${CHALLENGE_ID}`, status: 'sustained' });
    expect(putItem(items, 1)).toMatchObject({ action: 'challenge.sustained' });
    expect(items[2]?.Put).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 7 },
    });
    const moved = putItem(items, 2);
    expect(moved).toMatchObject({
      SK: 'PROJECT',
      GSI1SK: `bidding_closed#${project().createdAt}#${PROJECT_ID}`,
      status: 'bidding_closed',
      scoringRound: 2,
      version: 8,
      withdrawnAwards: [{ ...award, withdrawnAt: NOW_ISO, challengeId: CHALLENGE_ID }],
    });
    expect(moved).not.toHaveProperty('award');
    expect(moved).not.toHaveProperty('evaluation');
    expect((moved.timeline as Project['timeline']).at(-1)).toMatchObject({
      event: 'rescore',
      status: 'bidding_closed',
      at: NOW_ISO,
      note: `challenge ${CHALLENGE_ID} sustained`,
    });
    expect(putItem(items, 3)).toMatchObject({ PK: `AUDIT#project#${PROJECT_ID}`, action: 'project.rescore' });
    // Then, and only then, the workflow goes back to scoring.
    expect(sfnMock).toHaveReceivedCommandWith(SendTaskSuccessCommand, { taskToken: TOKEN });
  });

  it('R-PROC-5: a sustained answer whose project a workflow task moved meanwhile is committed on fresh reads, not 412 (If-Match names the challenge)', async () => {
    // Arrange: the first transaction finds the project changed (items 0–1 the challenge, 2–3 the project)
    arrangeChallenges(dismissed(openChallenge()));
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(canceled('None', 'None', 'ConditionalCheckFailed', 'None'))
      .resolves({});

    // Act
    const result = await answer(rescore);

    // Assert: read again and committed; the workflow resumed once
    expect(result.statusCode).toBe(200);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    expect(sfnMock).toHaveReceivedCommandTimes(SendTaskSuccessCommand, 1);
  });

  it('R-PROC-5: a challenge changed meanwhile is still 412: the bureau sent its version', async () => {
    // Arrange: the challenge itself moved before the commit; the read again finds it at version 2
    const challenge = openChallenge();
    ddbMock
      .on(GetCommand, { Key: keys.challenge(PROJECT_ID, CHALLENGE_ID) })
      .resolvesOnce({ Item: challengeItem(challenge) })
      .resolves({ Item: challengeItem({ ...challenge, version: challenge.version + 1 }) });
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None', 'None', 'None'));

    // Act / Assert: 412 from the If-Match on the fresh read, the transaction not sent again
    problem(await answer(rescore), 412);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  it('R-PROC-5: a rescore cannot act on a challenge of an award already withdrawn (409)', async () => {
    // Arrange: the project was rescored and awarded again in round 2
    arrangeProject(awarded({ scoringRound: 2 }));

    // Act / Assert
    const p = problem(await answer(rescore), 409);
    expect(p.rule).toBe('R-PROC-5');
    expect(p.detail).toContain('round 1, which was withdrawn already');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  it('R-PROC-5: a rescore in round 2 opens round 3', async () => {
    // Arrange: the award of round 2 is challenged
    arrangeProject(awarded({ scoringRound: 2 }));
    arrangeStoredChallenge(openChallenge({ round: 2 }));

    // Act
    expect((await answer(rescore)).statusCode).toBe(200);

    // Assert
    expect(putItem(transactItems(ddbMock), 2)).toMatchObject({ status: 'bidding_closed', scoringRound: 3 });
  });

  it('R-PROC-1: a rescore cannot withdraw an award whose contract is drafted (409), writing nothing', async () => {
    arrangeProject(awarded({ contract: { id: 'con_01jabcdefg0123456789' } }));
    const p = problem(await answer(rescore), 409);
    expect(p.rule).toBe('R-PROC-1');
    expect(p.detail).toBe(`project ${PROJECT_ID} has a contract already; it can only be cancelled`);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: a sustained cancel of a challenge whose award was withdrawn still cancels the project back in scoring', async () => {
    // Arrange: another challenge was sustained with a rescore first
    const { award: _withdrawn, ...rescored } = awarded();
    arrangeProject({ ...rescored, status: 'bidding_closed', scoringRound: 2 });

    // Act
    expect((await answer(cancel)).statusCode).toBe(200);

    // Assert
    expect(putItem(transactItems(ddbMock), 2)).toMatchObject({ status: 'cancelled' });
  });

  it('R-PROC-5: a second sustained rescore finds no award in force and answers 409, writing nothing', async () => {
    // Arrange: another challenge of the same round was sustained first: the project is back to scoring
    const { award: _withdrawn, ...rescored } = awarded();
    arrangeProject({ ...rescored, status: 'bidding_closed', scoringRound: 2 });

    // Act / Assert
    const p = problem(await answer(rescore), 409);
    expect(p.rule).toBe('R-PROC-5');
    expect(p.detail).toContain('a bidding_closed project has no award in force');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5, R-SUP-3: a sustained cancel cancels the project with its public reason and publication, then ends the workflow', async () => {
    // Act
    const result = await answer(cancel);

    // Assert
    expect(result.statusCode).toBe(200);
    const items = transactItems(ddbMock);
    expect(items[0]?.Put?.Item).toMatchObject({
      status: 'sustained',
      answer: { remedy: 'cancel', publicReason: cancel.publicReason },
    });
    expect(putItem(items, 2)).toMatchObject({
      status: 'cancelled',
      version: 8,
      cancellation: {
        reason: 'challenge_sustained',
        note: cancel.publicReason,
        publicNote: cancel.publicReason,
        at: NOW_ISO,
      },
    });
    expect(putItem(items, 3)).toMatchObject({ action: 'project.cancelled' });
    const published = items.slice(4).map((i) => i.Put?.Item);
    expect(published).toContainEqual(
      expect.objectContaining({
        PK: 'PUBLIC#RELEASES',
        release: expect.objectContaining({ tag: expect.arrayContaining(['tenderCancellation']) }),
      }),
    );
    // The answer's public reason is published with the cancellation (R-SUP-3).
    expect(published).toContainEqual(
      expect.objectContaining({
        PK: 'PUBLIC#ANNOUNCEMENTS',
        kind: 'cancellation',
        summary: expect.objectContaining({ zh: expect.stringContaining(cancel.publicReason) }),
      }),
    );
    expect(sfnMock).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      taskToken: TOKEN,
      error: 'ProjectCancelled',
      cause: `challenge sustained: ${cancel.publicReason}`,
    });
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  it('R-PROC-5: a challenge is answered once (409 on the current version)', async () => {
    // Arrange
    arrangeStoredChallenge(dismissed(openChallenge()));

    // Act / Assert
    expect(problem(await answer(dismiss, { headers: { 'If-Match': '"2"' } }), 409).rule).toBe('R-PROC-5');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 412 for a stale If-Match, writing nothing', async () => {
    problem(await answer(dismiss, { headers: { 'If-Match': '"3"' } }), 412);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 412 when the challenge was answered between the read and the write', async () => {
    // Arrange: index 0 is the challenge
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));

    // Act / Assert
    problem(await answer(dismiss), 412);
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  it('R-PROC-5, R-SUP-3: answers 400 naming the field of an impossible combination', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...dismiss, remedy: 'rescore' }, 'remedy'],
      [{ outcome: 'sustained', reply: '成立' }, 'remedy'],
      [{ ...rescore, publicReason: '理由' }, 'publicReason'],
      [{ ...cancel, publicReason: undefined }, 'publicReason'],
      [{ ...dismiss, reply: ' ' }, 'reply'],
    ];
    for (const [body, field] of cases) {
      expect(problem(await answer(body), 400).errors?.map((e) => e.field)).toEqual([field]);
    }
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 404 for an unknown challenge', async () => {
    arrangeStoredChallenge(null);
    expect(problem(await answer(dismiss), 404).detail).toBe('challenge not found');
  });

  it('is for the bureau only (403 to a town)', async () => {
    problem(await answer(dismiss, { claims: claims.town }), 403);
  });
});
