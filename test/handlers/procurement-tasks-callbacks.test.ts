/**
 * The procurement workflow from the award on (infra/workflows/procurement.asl.json): Award, CheckStandstill,
 * the callback task behind AwaitScores / AwaitDraw / AwaitChallenges / AwaitSignatures, DraftContract and the
 * Catch target RecordFailure, each invoked with the event its state's Parameters build, against a mocked table
 * and a mocked Step Functions (R-PROC-1, R-PROC-3, R-PROC-5, R-CON-1, R-SUP-2).
 * PublishNotice, CloseBidding and Evaluate: procurement-tasks.test.ts.
 */
import { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { PutCommandInput, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as awaitCallbackTask } from '#functions/procurement/await-callback';
import { handler as awardTask } from '#functions/procurement/award';
import { handler as checkStandstillTask } from '#functions/procurement/check-standstill';
import { handler as draftContractTask } from '#functions/procurement/draft-contract';
import { handler as recordFailureTask } from '#functions/procurement/record-failure';
import { keys, stripKeys } from '#shared/adapters/dynamodb/keys';
import { store } from '#shared/adapters/store';
import { callbackDeps } from '#shared/adapters/workflow';
import { isoWithOffset, systemClock } from '#shared/domain/clock';
import { cancel } from '#shared/use-cases/projects';
import type { BidRecord, ScoreSheet } from '#shared/domain/procurement-records';
import type { Project, WaitingFor } from '#shared/domain/project';
import { evaluateRound } from '#shared/domain/scoring';
import type { Challenge, ChallengeStatus } from '#shared/domain/standstill';
import { canceled, head, putItem, transactItems } from './support';
import {
  LINE_ID,
  PROJECT_ID,
  budgetLine,
  budgetLineItem,
  caregiving,
  project,
  projectItem,
  purchaserItem,
  rulesItem,
  storedRules,
} from './procurement-fixtures';
import {
  EXECUTION,
  TOKEN,
  executionInput,
  bid,
  expectProjectChange,
  projectPut,
  taskEvent,
} from './procurement-task-fixtures';
import { expectValidReleasePackage } from '../support/ocds-schema';

const ddbMock = mockClient(DynamoDBDocumentClient);
const sfnMock = mockClient(SFNClient);

const PUBLISHED_AT = '2025-03-10T10:00:00.000+08:00';
const EVALUATED_AT = '2025-03-26T10:00:00.000+08:00';
const PANEL = ['ev-1', 'ev-2', 'ev-3'];
// Thursday 2025-04-10 01:00 in Shanghai (still 04-09 in UTC)
const AWARD_NOW = new Date('2025-04-09T17:00:00.000Z');
const AWARDED_AT = '2025-04-10T01:00:00.000+08:00';
const STANDSTILL = {
  opensAt: AWARDED_AT,
  lastDay: '2025-04-17',
  closesAt: '2025-04-18T00:00:00.000+08:00',
  movedToWorkingDay: false,
};
const AFTER_STANDSTILL = new Date('2025-04-17T16:00:00.000Z'); // closesAt itself
const AFTER_STANDSTILL_ISO = '2025-04-18T00:00:00.000+08:00';

// ---- the events the ASL builds ----

// ---- stored items ----

const WINNER = bid(2, 7_500_000, {
  contractorKind: 'social_organization',
  contractorName: '示范社会工作服务中心',
  nonProfit: true,
});
const BIDS = [bid(1, 8_000_000), WINNER, bid(3, 9_000_000)];
const disqualified = { reason: '资格证明文件缺失', by: { sub: 'ev-1', role: 'evaluator' }, at: EVALUATED_AT };

/** The sheets of the given panel members: [service_plan, team] per bid, the winner ahead. */
const sheets = (evaluators: readonly string[] = PANEL, round = 1): ScoreSheet[] =>
  evaluators.map((evaluatorId) => ({
    projectId: PROJECT_ID,
    round,
    evaluatorId,
    scores: BIDS.flatMap((b) => [
      { bidId: b.id, criterionCode: 'service_plan', score: b === WINNER ? 85 : 70 },
      { bidId: b.id, criterionCode: 'team', score: b === WINNER ? 80 : 60 },
    ]),
    submittedAt: '2025-03-25T15:00:00.000+08:00',
    version: 1,
  }));

const challenge = (status: ChallengeStatus): Challenge => ({
  id: `chl_${status}`,
  projectId: PROJECT_ID,
  contractorId: 'ctr_00000001',
  round: 1,
  grounds: '评分标准适用有误',
  filedAt: '2025-04-14T10:00:00.000+08:00',
  status,
  version: status === 'open' ? 1 : 2,
});

const workflow = (waitingFor?: WaitingFor) => ({
  executionArn: EXECUTION,
  startedAt: PUBLISHED_AT,
  ...(waitingFor ? { waitingFor } : {}),
});
const scoring = (overrides: Partial<Project> = {}) =>
  project({
    status: 'bidding_closed',
    version: 6,
    scoringRound: 1,
    evaluatorIds: PANEL,
    tender: { publishedAt: PUBLISHED_AT, bidDeadline: '2025-03-20T09:30:00.000+08:00', minimumBids: 3 },
    workflow: workflow('scores'),
    ...overrides,
  });
const EVALUATION = evaluateRound(scoring(), BIDS, sheets(), EVALUATED_AT)!;
const evaluated = (overrides: Partial<Project> = {}) =>
  scoring({ status: 'evaluated', version: 7, evaluation: EVALUATION, workflow: workflow(), ...overrides });
const awarded = (overrides: Partial<Project> = {}) =>
  evaluated({
    status: 'awarded',
    version: 8,
    award: {
      bidId: WINNER.id,
      contractorId: WINNER.contractorId,
      contractorName: WINNER.contractorName,
      contractorKind: WINNER.contractorKind,
      price: WINNER.price,
      awardedAt: AWARDED_AT,
      standstill: STANDSTILL,
    },
    workflow: workflow('standstill'),
    ...overrides,
  });

const prefixQuery = (prefix: string) => ({
  ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': prefix },
});

const projectRead = { ...prefixQuery('PROJECT'), ConsistentRead: true, Limit: 1 };

interface ArrangeOptions {
  bids?: BidRecord[];
  sheets?: ScoreSheet[];
  challenges?: Challenge[];
}

function arrange(stored: Project | undefined, options: ArrangeOptions = {}): void {
  ddbMock
    .on(GetCommand, { Key: keys.project(PROJECT_ID) })
    .resolves(stored ? { Item: projectItem(stored) } : {});
  // The callback task reads the project again after parking, strongly consistent: a Query of its sort key.
  ddbMock.on(QueryCommand, projectRead).resolves({ Items: stored ? [projectItem(stored)] : [] });
  const stamp = (key: object, recordType: string, value: object) => ({
    ...key,
    recordType,
    ...value,
    ...head(1),
  });
  ddbMock.on(QueryCommand, prefixQuery('BID#')).resolves({
    Items: (options.bids ?? BIDS).map((b) => stamp(keys.bid(PROJECT_ID, b.contractorId), 'bid', b)),
  });
  const round = stored?.scoringRound ?? 1;
  ddbMock.on(QueryCommand, prefixQuery(keys.scoreSheetPrefix(round))).resolves({
    Items: (options.sheets ?? []).map((s) =>
      stamp(keys.scoreSheet(PROJECT_ID, s.round, s.evaluatorId), 'scoreSheet', s),
    ),
  });
  ddbMock.on(QueryCommand, prefixQuery('CHALLENGE#')).resolves({
    Items: (options.challenges ?? []).map((c) => stamp(keys.challenge(PROJECT_ID, c.id), 'challenge', c)),
  });
}

// ---- reading what was written ----

let parked: Record<string, unknown> | undefined;

beforeEach(() => {
  ddbMock.reset();
  sfnMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(DeleteCommand).resolves({});
  ddbMock
    .on(GetCommand, { Key: keys.purchaser('pur-town-1') })
    .resolves({ Item: purchaserItem('pur-town-1') });
  ddbMock.on(GetCommand, { Key: keys.budgetLine(LINE_ID) }).resolves({ Item: budgetLineItem(budgetLine()) });
  ddbMock
    .on(GetCommand, { Key: keys.catalogItem('C-CAREGIVING') })
    .resolves({ Item: { ...keys.catalogItem('C-CAREGIVING'), ...caregiving, ...head(1) } });
  // The callback item reads back what the task parked.
  parked = undefined;
  ddbMock.on(PutCommand).callsFake((input: PutCommandInput) => {
    parked = input.Item;
    return {};
  });
  ddbMock
    .on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) })
    .callsFake(() => (parked ? { Item: parked } : {}));
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  vi.useFakeTimers({ now: AWARD_NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Award task', () => {
  const award = () => awardTask(taskEvent('Award'));

  beforeEach(() => {
    arrange(evaluated());
  });

  it('R-PROC-5: evaluated → awarded to the first-ranked bid in one transaction with the award release and the 中标（成交）结果公告', async () => {
    // Act
    const result = await award();

    // Assert: the notice day is not counted; the window ends with the 7th day, 2025-04-17
    expect(result).toEqual({ closesAt: STANDSTILL.closesAt });
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(5);
    expectProjectChange(items, 7, 'project.awarded');
    const put = projectPut(items);
    expect(put.status).toBe('awarded');
    expect(put.award).toEqual({
      bidId: WINNER.id,
      contractorId: WINNER.contractorId,
      contractorName: WINNER.contractorName,
      contractorKind: 'social_organization',
      price: 7_500_000,
      awardedAt: AWARDED_AT,
      standstill: STANDSTILL,
    });
    expect(put.workflow).toEqual(workflow('standstill'));
    const release = putItem(items, 2).release as Record<string, unknown>;
    expect(release).toMatchObject({ tag: ['award'], id: `${PROJECT_ID}-v8-award` });
    expect(release.awards).toEqual([
      expect.objectContaining({
        status: 'active',
        value: { amount: 75_000, currency: 'CNY' },
        suppliers: [{ id: WINNER.contractorId, name: WINNER.contractorName }],
      }),
    ]);
    expect(putItem(items, 3)).toMatchObject({ PK: `OCID#${String(release.ocid)}`, release });
    expect(putItem(items, 4)).toMatchObject({
      recordType: 'announcement',
      kind: 'award_result',
      title: { zh: `${put.title} 中标（成交）结果公告` },
    });
    expectValidReleasePackage({
      uri: 'https://api.example.test/v1/public/ocds/releases',
      version: '1.1',
      publishedDate: AWARDED_AT,
      publisher: { name: '示范区民政局' },
      releases: [release],
    });
  });

  it('R-PROC-5: a standstill whose 7th day falls on a weekend closes at 00:00 after the next working day', async () => {
    // Arrange: Saturday 2025-04-12 15:00; the 7th day is Saturday 04-19 → Monday 04-21
    vi.setSystemTime(new Date('2025-04-12T07:00:00.000Z'));

    // Act
    const result = await award();

    // Assert
    expect(result).toEqual({ closesAt: '2025-04-22T00:00:00.000+08:00' });
    expect(projectPut(transactItems(ddbMock)).award?.standstill).toEqual({
      opensAt: '2025-04-12T15:00:00.000+08:00',
      lastDay: '2025-04-21',
      closesAt: '2025-04-22T00:00:00.000+08:00',
      movedToWorkingDay: true,
    });
  });

  // Known bug (reported to the lead): award() calls standstillPeriod without the purchaser's holidays, so a
  // standstill ending on a configured public holiday is not extended. Drop `.fails` once it passes them.
  it('R-PROC-5: a standstill whose 7th day is one of the purchaser’s public holidays moves to the next working day', async () => {
    // Arrange: the 7th day, Thursday 04-17, is a holiday in the purchaser's rules
    ddbMock
      .on(GetCommand, { Key: keys.procurementRules('pur-town-1') })
      .resolves({ Item: rulesItem(storedRules({ holidays: ['2025-04-17'] })) });

    // Act / Assert
    expect(await award()).toEqual({ closesAt: '2025-04-19T00:00:00.000+08:00' });
  });

  it('R-PROC-5: a repeated run writes nothing and answers the stored closing time, whatever the clock says now', async () => {
    // Arrange: the award committed on 04-10; the retry runs a day later
    arrange(awarded());
    vi.setSystemTime(new Date(AWARD_NOW.getTime() + 86_400_000));

    // Act / Assert
    expect(await award()).toEqual({ closesAt: STANDSTILL.closesAt });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: with MINIMUM_PERIOD_SECONDS_OVERRIDE the standstill lasts that many seconds (embedded stack, tests)', async () => {
    // Arrange: configuration is read at cold start, so load a fresh copy of the handler with it set
    vi.resetModules();
    process.env.MINIMUM_PERIOD_SECONDS_OVERRIDE = '120';
    try {
      const { handler } = await import('#functions/procurement/award');

      // Act
      const result = await handler(taskEvent('Award'));

      // Assert
      const closesAt = isoWithOffset(new Date(AWARD_NOW.getTime() + 120_000));
      expect(result).toEqual({ closesAt });
      expect(projectPut(transactItems(ddbMock)).award?.standstill).toMatchObject({
        opensAt: AWARDED_AT,
        closesAt,
      });
    } finally {
      delete process.env.MINIMUM_PERIOD_SECONDS_OVERRIDE;
      vi.resetModules();
    }
  });

  it('R-PROC-5: an evaluated project still waiting for its draw is not awarded', async () => {
    // Arrange
    arrange(evaluated({ evaluation: { ...undecided, drawRequired: true } }));

    // Act / Assert
    await expect(award()).rejects.toMatchObject({ name: 'DomainError', code: 'conflict' });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-1: a cancelled project ends the execution (ProjectCancelled) without an award', async () => {
    arrange(evaluated({ status: 'cancelled', version: 8 }));
    await expect(award()).rejects.toMatchObject({ name: 'ProjectCancelled' });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('CheckStandstill task', () => {
  const check = () => checkStandstillTask(taskEvent('CheckStandstill'));

  beforeEach(() => {
    vi.setSystemTime(AFTER_STANDSTILL);
  });

  it('R-PROC-5: an open challenge holds the contract: { next: challenges }, read consistently', async () => {
    // Arrange
    arrange(awarded(), { challenges: [challenge('dismissed'), challenge('open')] });

    // Act / Assert
    expect(await check()).toEqual({ next: 'challenges' });
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      ...prefixQuery('CHALLENGE#'),
      ConsistentRead: true,
    });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: no open challenge at the end of the standstill: { next: contract }', async () => {
    arrange(awarded(), { challenges: [challenge('dismissed')] });
    expect(await check()).toEqual({ next: 'contract' });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: a challenge left open against an award a rescore withdrew holds nothing: { next: contract }', async () => {
    // Arrange: awarded again in round 2; a round-1 challenge was never answered
    arrange(awarded({ scoringRound: 2 }), { challenges: [{ ...challenge('open'), round: 1 }] });

    // Act / Assert
    expect(await check()).toEqual({ next: 'contract' });
  });

  it('R-PROC-5: an open challenge stored without a round (before rounds were recorded) holds the first award', async () => {
    // Arrange
    const { round: _round, ...legacy } = challenge('open');
    arrange(awarded(), { challenges: [legacy as Challenge] });

    // Act / Assert
    expect(await check()).toEqual({ next: 'challenges' });
  });

  it('R-PROC-5: a sustained challenge sent the project back to scoring: { next: rescore }', async () => {
    arrange(scoring({ scoringRound: 2, version: 9 }), { challenges: [challenge('sustained')] });
    expect(await check()).toEqual({ next: 'rescore' });
  });

  it('R-PROC-5: before closesAt the standstill still runs: TransientTaskError', async () => {
    // Arrange
    vi.setSystemTime(new Date(AFTER_STANDSTILL.getTime() - 1));
    arrange(awarded());

    // Act / Assert
    await expect(check()).rejects.toMatchObject({ name: 'TransientTaskError' });
  });

  it('R-PROC-1: a cancelled project ends the execution (ProjectCancelled)', async () => {
    arrange(awarded({ status: 'cancelled', version: 9 }), { challenges: [challenge('sustained')] });
    await expect(check()).rejects.toMatchObject({ name: 'ProjectCancelled' });
  });
});

/** The callback state of each wait, the evaluation before its draw, a signed contract, a case of a wait. */
const AWAIT_STATE: Record<string, string> = {
  scores: 'AwaitScores',
  draw: 'AwaitDraw',
  challenges: 'AwaitChallenges',
  signatures: 'AwaitSignatures',
};
const { winner: _none, ...undecided } = EVALUATION;
const SIGNED = { id: 'con_01jcontract000000001', signedAt: AWARDED_AT };
type Case = { wait: WaitingFor; why: string; stored: Project } & ArrangeOptions;

describe('AwaitCallback task (AwaitScores, AwaitDraw, AwaitChallenges, AwaitSignatures)', () => {
  const wait = (state: string) => awaitCallbackTask(taskEvent(state));

  beforeEach(() => {
    vi.setSystemTime(AFTER_STANDSTILL);
  });

  it('R-PROC-5: parks its token beside the project and shows on the project what the workflow now waits for', async () => {
    // Arrange: the standstill is over with a challenge still open
    arrange(awarded(), { challenges: [challenge('open')] });

    // Act
    await wait('AwaitChallenges');

    // Assert
    expect(ddbMock).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'assistance',
      Item: {
        ...keys.projectCallback(PROJECT_ID),
        recordType: 'callback',
        projectId: PROJECT_ID,
        waitingFor: 'challenges',
        taskToken: TOKEN,
        parkedAt: AFTER_STANDSTILL_ISO,
      },
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expectProjectChange(items, 8, 'workflow.awaits_challenges');
    expect(projectPut(items)).toMatchObject({ status: 'awarded', workflow: workflow('challenges') });
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
    expect(ddbMock).not.toHaveReceivedCommand(DeleteCommand);
  });

  it('R-PROC-3: while sheets are missing it parks and waits: no project write when it already shows the wait, no wake-up', async () => {
    // Arrange: two of three evaluators have scored
    arrange(scoring(), { sheets: sheets(['ev-1', 'ev-2']) });

    // Act
    await wait('AwaitScores');

    // Assert
    expect(ddbMock).toHaveReceivedCommandTimes(PutCommand, 1);
    expect(parked).toMatchObject({ waitingFor: 'scores', taskToken: TOKEN });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  const STILL_WAITING: Case[] = [
    {
      wait: 'draw',
      why: 'the tie still needs a draw',
      stored: evaluated({ evaluation: { ...undecided, drawRequired: true }, workflow: workflow('draw') }),
    },
    {
      wait: 'challenges',
      why: 'a challenge is open',
      stored: awarded({ workflow: workflow('challenges') }),
      challenges: [challenge('open')],
    },
    {
      wait: 'signatures',
      why: 'the contract awaits a signature',
      stored: awarded({ contract: { id: SIGNED.id }, workflow: workflow('signatures') }),
    },
  ];

  it.each(STILL_WAITING)('R-PROC-5: waiting for $wait, it parks and stays parked while $why', async (c) => {
    // Arrange
    arrange(c.stored, c);

    // Act
    await wait(AWAIT_STATE[c.wait]!);

    // Assert
    expect(ddbMock).toHaveReceivedCommandTimes(PutCommand, 1);
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
    expect(ddbMock).not.toHaveReceivedCommand(DeleteCommand);
  });

  const ALREADY_OVER: Case[] = [
    { wait: 'scores', why: 'every sheet of the round is in', stored: scoring(), sheets: sheets() },
    {
      wait: 'scores',
      why: 'fewer valid bids than the minimum are left to score',
      stored: scoring(),
      bids: BIDS.map((b) => (b === WINNER ? b : { ...b, disqualified })),
    },
    {
      wait: 'scores',
      why: 'the project is no longer being scored',
      stored: evaluated({ workflow: workflow('scores') }),
    },
    { wait: 'draw', why: 'the draw was held', stored: evaluated({ workflow: workflow('draw') }) },
    {
      wait: 'challenges',
      why: 'no challenge is open any more',
      stored: awarded({ workflow: workflow('challenges') }),
      challenges: [challenge('dismissed')],
    },
    {
      wait: 'challenges',
      why: 'a sustained challenge sent the project back to scoring',
      stored: scoring({ scoringRound: 2, version: 9, workflow: workflow('challenges') }),
    },
    {
      wait: 'signatures',
      why: 'both parties signed',
      stored: awarded({ status: 'contracted', contract: SIGNED, workflow: workflow('signatures') }),
    },
  ];

  it.each(ALREADY_OVER)(
    'R-PROC-5: waiting for $wait, it resumes itself with its own token when $why',
    async (c) => {
      // Arrange
      arrange(c.stored, c);

      // Act
      await wait(AWAIT_STATE[c.wait]!);

      // Assert: the token it parked is answered, then cleared only if the item still holds that token
      expect(ddbMock).toHaveReceivedCommandTimes(PutCommand, 1);
      expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
        taskToken: TOKEN,
        output: JSON.stringify({ waitingFor: c.wait }),
      });
      expect(ddbMock).toHaveReceivedCommandWith(DeleteCommand, {
        Key: keys.projectCallback(PROJECT_ID),
        ConditionExpression: 'taskToken = :t',
        ExpressionAttributeValues: { ':t': TOKEN },
      });
    },
  );

  it('R-PROC-1: a write of the wait that lost a race throws TransientTaskError for the Retry', async () => {
    // Arrange
    arrange(awarded(), { challenges: [challenge('open')] });
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));

    // Act / Assert
    await expect(wait('AwaitChallenges')).rejects.toMatchObject({ name: 'TransientTaskError' });
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  it('R-PROC-1: a cancelled project ends the execution (ProjectCancelled) without parking a token', async () => {
    // Arrange
    arrange(awarded({ status: 'cancelled', version: 9 }));

    // Act / Assert
    await expect(wait('AwaitChallenges')).rejects.toMatchObject({ name: 'ProjectCancelled' });
    expect(ddbMock).not.toHaveReceivedCommand(PutCommand);
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  it('R-PROC-1: a timed wait is not a callback: the event is refused before anything is parked', async () => {
    // Act / Assert
    const event = { ...taskEvent('AwaitScores'), waitingFor: 'bid_deadline' };
    await expect(async () => awaitCallbackTask(event)).rejects.toThrow(/invalid task input/);
    expect(ddbMock).not.toHaveReceivedCommand(PutCommand);
  });
});

/**
 * A route that ends a wait commits, then looks for the parked token; the task parks, then reads the project again.
 * Here the route runs inside the task's park, before the token is stored: it commits between the task's first read
 * and its park, and its look finds no token. Only the task's read after the park can answer the token then
 * (awaitCallback, shared/use-cases/procurement-tasks.ts); before it, the execution waited for the callback's timeout.
 */
describe('AwaitCallback and a route that commits between the task’s load and its park (R-PROC-1, R-PROC-5)', () => {
  /** The project as the table holds it now: the task's reads and the route's writes go through it. */
  let current: Project;

  /** Runs `route` inside the park, before the token is stored (so the route finds no token). */
  function routeDuringPark(stored: Project, options: ArrangeOptions, route: () => Promise<void>): void {
    arrange(stored, options);
    current = stored;
    ddbMock
      .on(GetCommand, { Key: keys.project(PROJECT_ID) })
      .callsFake(() => ({ Item: projectItem(current) }));
    ddbMock.on(QueryCommand, projectRead).callsFake(() => ({ Items: [projectItem(current)] }));
    ddbMock.on(TransactWriteCommand).callsFake((input: TransactWriteCommandInput) => {
      const put = input.TransactItems?.map((item) => item.Put?.Item).find(
        (item) => item?.PK === keys.project(PROJECT_ID).PK && item.SK === keys.project(PROJECT_ID).SK,
      );
      if (put) current = stripKeys<Project>(put);
      return {};
    });
    ddbMock.on(PutCommand).callsFake(async (input: PutCommandInput) => {
      await route();
      parked = input.Item;
      return {};
    });
    sfnMock.on(SendTaskFailureCommand).resolves({});
  }

  /** POST /v1/projects/{id}/cancel's use case, as the purchasing town sends it (R-PROC-1). */
  const cancelByTown = async () => {
    const viewer = { sub: 'u-town', role: 'town', purchaserId: 'pur-town-1' };
    await cancel(
      { store, clock: systemClock, ...callbackDeps },
      PROJECT_ID,
      { reason: 'budget_withdrawn', note: '年度预算调减' },
      { viewer, actor: { sub: viewer.sub, role: viewer.role }, ifMatch: current.version },
    );
  };

  const WAITING: Case[] = [
    {
      wait: 'scores',
      why: 'two of three sheets are in',
      stored: scoring(),
      sheets: sheets(['ev-1', 'ev-2']),
    },
    {
      wait: 'draw',
      why: 'the tie needs a draw',
      stored: evaluated({ evaluation: { ...undecided, drawRequired: true }, workflow: workflow('draw') }),
    },
    {
      wait: 'challenges',
      why: 'a challenge is open',
      stored: awarded({ workflow: workflow('challenges') }),
      challenges: [challenge('open')],
    },
    {
      wait: 'signatures',
      why: 'the contract awaits a signature',
      stored: awarded({ contract: { id: SIGNED.id }, workflow: workflow('signatures') }),
    },
  ];

  it.each(WAITING)(
    'R-PROC-1: waiting for $wait ($why), a cancellation that found no token is answered by the task: its own token fails with ProjectCancelled',
    async (c) => {
      // Arrange: the cancellation commits and looks for a token during the park
      routeDuringPark(c.stored, c, cancelByTown);

      // Act
      await awaitCallbackTask(taskEvent(AWAIT_STATE[c.wait]!));

      // Assert: the cancellation committed, its look found nothing, and the task failed its own token, then cleared it
      expect(current.status).toBe('cancelled');
      expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
      expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(SendTaskFailureCommand, {
        taskToken: TOKEN,
        error: 'ProjectCancelled',
      });
      expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
      expect(ddbMock).toHaveReceivedCommandWith(DeleteCommand, {
        Key: keys.projectCallback(PROJECT_ID),
        ConditionExpression: 'taskToken = :t',
        ExpressionAttributeValues: { ':t': TOKEN },
      });
    },
  );

  it('R-PROC-1: a cancellation that finds the token parked fails it, and the task does too: the second failure is spent and swallowed', async () => {
    // Arrange: the cancellation runs after the token is stored, before the task's read; Step Functions refuses
    // a token answered twice
    routeDuringPark(scoring(), { sheets: [] }, async () => {});
    ddbMock.on(PutCommand).callsFake(async (input: PutCommandInput) => {
      parked = input.Item;
      await cancelByTown();
      return {};
    });
    let failures = 0;
    sfnMock.on(SendTaskFailureCommand).callsFake(() => {
      failures += 1;
      if (failures > 1) throw Object.assign(new Error('Task Timed Out'), { name: 'TaskTimedOut' });
      return {};
    });

    // Act / Assert: no error reaches the ASL (a Lambda error would be retried or recorded as a failure)
    await expect(awaitCallbackTask(taskEvent('AwaitScores'))).resolves.toBeUndefined();
    expect(sfnMock).toHaveReceivedCommandTimes(SendTaskFailureCommand, 2);
    expect(sfnMock).toHaveReceivedNthCommandWith(SendTaskFailureCommand, 2, {
      taskToken: TOKEN,
      error: 'ProjectCancelled',
    });
  });

  const COMPLETED: (Case & { after: Project })[] = [
    {
      wait: 'draw',
      why: 'the draw is recorded',
      stored: evaluated({ evaluation: { ...undecided, drawRequired: true }, workflow: workflow('draw') }),
      after: evaluated({ version: 8, workflow: workflow('draw') }),
    },
    {
      wait: 'signatures',
      why: 'the second signature lands',
      stored: awarded({ contract: { id: SIGNED.id }, workflow: workflow('signatures') }),
      after: awarded({ status: 'contracted', version: 9, contract: SIGNED, workflow: workflow() }),
    },
  ];

  it.each(COMPLETED)(
    'R-PROC-5: waiting for $wait, when $why after the task read the project and before its park, the task resumes itself',
    async (c) => {
      // Arrange: the route's commit lands during the park; its look for a token finds none
      routeDuringPark(c.stored, c, async () => {
        current = c.after;
      });

      // Act
      await awaitCallbackTask(taskEvent(AWAIT_STATE[c.wait]!));

      // Assert: resumed with its own token, and no wait written onto a project that no longer waits
      expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
        taskToken: TOKEN,
        output: JSON.stringify({ waitingFor: c.wait }),
      });
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    },
  );
});

describe('DraftContract task', () => {
  const draft = () => draftContractTask(taskEvent('DraftContract'));

  beforeEach(() => {
    vi.setSystemTime(AFTER_STANDSTILL);
  });

  it('R-CON-1: drafts the contract from the standard template and the project waits for signatures, in one transaction', async () => {
    // Arrange
    arrange(awarded());

    // Act
    const result = await draft();

    // Assert
    expect(result).toEqual({ contractId: expect.stringMatching(/^con_/) });
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = transactItems(ddbMock);
    expect(items[0]?.Put).toMatchObject({
      Item: {
        ...keys.contract(result.contractId),
        recordType: 'contract',
        projectId: PROJECT_ID,
        bidId: WINNER.id,
        contractorId: WINNER.contractorId,
        status: 'draft',
        version: 1,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expectProjectChange(items, 8, 'project.contract_drafted', 2);
    expect(projectPut(items, 2)).toMatchObject({
      status: 'awarded',
      contract: { id: result.contractId },
      workflow: workflow('signatures'),
    });
  });

  it('R-PROC-1: a cancelled project ends the execution (ProjectCancelled) without a contract', async () => {
    // Arrange
    arrange(awarded({ status: 'cancelled', version: 9 }));

    // Act / Assert
    await expect(draft()).rejects.toMatchObject({ name: 'ProjectCancelled' });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('RecordFailure task (the Catch of every task)', () => {
  const ERROR = 'States.TaskFailed';
  const CAUSE = '{"errorType":"Error","errorMessage":"winning bid bid_00000002 of project not found"}';
  const record = (cause = CAUSE) =>
    recordFailureTask(
      taskEvent('RecordFailure', { ...executionInput, failure: { Error: ERROR, Cause: cause } }),
    );

  beforeEach(() => {
    vi.setSystemTime(AFTER_STANDSTILL);
  });

  it('R-SUP-2: writes the failure on the project’s workflow, keeping where it stood, with its audit entry', async () => {
    // Arrange
    arrange(awarded());

    // Act
    await record();

    // Assert
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expectProjectChange(items, 8, 'workflow.failed');
    const put = projectPut(items);
    expect(put.workflow).toEqual({
      ...workflow('standstill'),
      failure: { error: ERROR, cause: CAUSE, at: AFTER_STANDSTILL_ISO },
    });
    expect(put.status).toBe('awarded');
    expect(put.timeline).toEqual(awarded().timeline);
  });

  it('R-SUP-2: a project the workflow never published gets a workflow record from the execution ARN it was given', async () => {
    // Arrange: PublishNotice failed for good on an approved project
    arrange(project({ status: 'approved', version: 3 }));

    // Act
    await record();

    // Assert
    expect(projectPut(transactItems(ddbMock)).workflow).toEqual({
      executionArn: EXECUTION,
      startedAt: AFTER_STANDSTILL_ISO,
      failure: { error: ERROR, cause: CAUSE, at: AFTER_STANDSTILL_ISO },
    });
  });

  it('R-SUP-2: a superseded execution (an earlier publication) leaves the live workflow alone', async () => {
    // Arrange: the project was published again since; its workflow is another execution
    arrange(awarded({ workflow: { ...workflow('standstill'), executionArn: `${EXECUTION}-newer` } }));

    // Act
    await record();

    // Assert
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-SUP-2: keeps the first 2000 characters of a long cause', async () => {
    arrange(awarded());
    await record('x'.repeat(5000));
    expect(projectPut(transactItems(ddbMock)).workflow?.failure?.cause).toBe('x'.repeat(2000));
  });

  it('R-SUP-2: a missing project is nothing to record: no write, no error', async () => {
    arrange(undefined);
    await expect(record()).resolves.toBeUndefined();
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('the workflow’s later tasks on records they do not expect (R-PROC-5, R-SUP-2)', () => {
  beforeEach(() => {
    vi.setSystemTime(AFTER_STANDSTILL);
  });

  it('R-PROC-3: after a rescore, AwaitScores reads the sheets of the current round: all in → it resumes itself', async () => {
    // Arrange: round 2 is fully scored (round 1's sheets are not what counts)
    arrange(scoring({ scoringRound: 2, version: 9 }), { sheets: sheets(PANEL, 2) });

    // Act
    await awaitCallbackTask(taskEvent('AwaitScores'));

    // Assert
    expect(sfnMock).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: TOKEN,
      output: JSON.stringify({ waitingFor: 'scores' }),
    });
  });

  it('R-PROC-5: once the contract is drafted, a repeated CheckStandstill answers contract again, whatever challenges say now', async () => {
    // Arrange
    arrange(awarded({ contract: { id: 'con_01jcontract000000001' } }), { challenges: [challenge('open')] });

    // Act / Assert
    expect(await checkStandstillTask(taskEvent('CheckStandstill'))).toEqual({ next: 'contract' });
    expect(ddbMock).not.toHaveReceivedCommandWith(QueryCommand, prefixQuery('CHALLENGE#'));
  });

  it('R-PROC-5: CheckStandstill on a project that was never awarded is a conflict naming its status', async () => {
    // Arrange
    arrange(evaluated());

    // Act / Assert
    await expect(checkStandstillTask(taskEvent('CheckStandstill'))).rejects.toMatchObject({
      name: 'DomainError',
      code: 'conflict',
      message: `project ${PROJECT_ID} is evaluated after its standstill`,
    });
  });

  it('R-PROC-5: Award of a project with no ranking is a conflict naming its status', async () => {
    // Arrange: back to scoring, the ranking dropped
    arrange(scoring({ scoringRound: 2, version: 9 }));

    // Act / Assert
    await expect(awardTask(taskEvent('Award'))).rejects.toMatchObject({
      name: 'DomainError',
      code: 'conflict',
      message: `project ${PROJECT_ID} is bidding_closed without a winner to award`,
    });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: Award of a project already under contract is a conflict naming its status, not a second award', async () => {
    // Arrange
    vi.setSystemTime(AWARD_NOW);
    arrange(awarded({ status: 'contracted', contract: { id: 'con_01jcontract000000001' } }));

    // Act / Assert
    await expect(awardTask(taskEvent('Award'))).rejects.toMatchObject({
      name: 'DomainError',
      code: 'conflict',
      message: `project ${PROJECT_ID} is contracted without a winner to award`,
    });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-SUP-2: a winning bid that cannot be read fails the Award for good, naming the bid', async () => {
    // Arrange: the winner's bid record is missing
    vi.setSystemTime(AWARD_NOW);
    arrange(evaluated(), { bids: BIDS.filter((b) => b !== WINNER) });

    // Act
    const failure = await awardTask(taskEvent('Award')).catch((error: unknown) => error);

    // Assert
    expect(failure).toMatchObject({
      name: 'Error',
      message: `winning bid ${WINNER.id} of project ${PROJECT_ID} not found`,
    });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: the award’s timeline entry names the workflow and the winning bid', async () => {
    // Arrange
    vi.setSystemTime(AWARD_NOW);
    arrange(evaluated());

    // Act
    await awardTask(taskEvent('Award'));

    // Assert
    expect(projectPut(transactItems(ddbMock)).timeline.at(-1)).toEqual({
      at: AWARDED_AT,
      status: 'awarded',
      event: 'award',
      by: { sub: 'workflow:procurement', role: 'workflow' },
      note: `bid ${WINNER.id}`,
    });
  });
});
