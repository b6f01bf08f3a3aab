/**
 * Issue 13 §3 (R-ACC-1, R-ACC-2): the acceptance routes against a mocked table and a mocked Step Functions: opening
 * (tokens answered once and stored only as hashes, the execution started), the recipients' opinion (one transaction:
 * the opinion with its audit entry, the invitation marked used on a condition, no identity; every dead token the same
 * 404; the minimum resuming the workflow) and the panel's signature (a reason to fail; once per round; the quorum
 * resuming the workflow's one wait).
 */
import { createHash } from 'node:crypto';
import { SFNClient, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { GetCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as openHandler } from '#functions/acceptances/open-acceptance';
import { handler as opinionHandler } from '#functions/acceptances/submit-opinion';
import { handler as lookupHandler } from '#functions/acceptances/lookup-invitation';
import { handler as signHandler } from '#functions/acceptances/sign-acceptance';
import { handler as measureHandler } from '#functions/acceptances/record-measurements';
import { clock, store } from '#shared/adapters/store';
import { openAcceptance, recordMeasurements } from '#shared/use-cases/acceptances';
import { HttpProblem } from '#shared/http/problem';
import { routes } from '#functions/routes';
import type { RouteDef } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Acceptance } from '#shared/domain/acceptance';
import { stateMachineArnEnv } from '#shared/adapters/sfn/env';
import type { RequestOptions, Result } from './support';
import {
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

const ddbMock = mockClient(DynamoDBDocumentClient);
const sfnMock = mockClient(SFNClient);
const NOW = new Date('2035-07-10T02:00:00.000Z');
const CONTRACT_ID = 'con_01jabcdefg0123456789';
const ACCEPTANCE_ID = 'acc_01jabcdefg0123456789';
const TOKEN = 'T'.repeat(43);
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

const plan = {
  method: '现场检查',
  indicators: [
    {
      code: 'visits_pct',
      description: '走访完成率',
      unit: '%',
      target: 95,
      comparison: '>=',
      mandatory: true,
    },
  ],
  stages: [{ milestoneSeq: 2, event: 'mid_term_review', from: '2035-07-01' }],
  recipients: { sampleSize: 3, minimumOpinions: 2, satisfiedShareBp: 8_000, answerDays: 14 },
  panel: { quorum: 2 },
  rectification: { maxRounds: 2, days: 30, deductionBpPerRound: 500 },
  paymentTermDays: 30,
  minimumQualifiedShareBp: 0,
  delivery: [{ code: 'home_visits', description: '入户探访', unit: '次', planned: 100 }],
};
const contractItem = (status = 'signed') => ({
  ...keys.contract(CONTRACT_ID),
  recordType: 'contract',
  id: CONTRACT_ID,
  title: '困难群众居家照料服务',
  purchaserId: 'pur-town-1',
  contractorId: 'ctr_01jabcdefg0123456789',
  status,
  acceptancePlan: plan,
  version: 3,
  ...head(3),
});
const acceptance = (overrides: Partial<Acceptance> = {}): Acceptance => ({
  id: ACCEPTANCE_ID,
  contractId: CONTRACT_ID,
  purchaserId: 'pur-town-1',
  contractorId: 'ctr_01jabcdefg0123456789',
  milestoneSeq: 2,
  status: 'collecting_opinions',
  round: 1,
  panel: [
    { sub: 'u-town', role: 'town' },
    { sub: 'u-evaluator', role: 'evaluator' },
  ],
  quorum: 2,
  plan: plan as unknown as Acceptance['plan'],
  sample: { population: 3, size: 3, seed: 'ab'.repeat(32) },
  invitations: [],
  answerBy: '2035-07-24T10:00:00.000+08:00',
  rounds: [],
  workflow: { executionArn: 'arn:exec', waitingFor: 'opinions' },
  openedBy: { sub: 'u-town', role: 'town' },
  version: 2,
  createdAt: '2035-07-10T10:00:00.000+08:00',
  updatedAt: '2035-07-10T10:00:00.000+08:00',
  ...overrides,
});
const acceptanceItem = (a: Acceptance) => ({
  ...keys.acceptance(a.contractId, a.id),
  recordType: 'acceptance',
  ...a,
  ...head(a.version),
});
const invitationItem = (overrides: Record<string, unknown> = {}) => ({
  ...keys.invitation(hashOf(TOKEN)),
  recordType: 'invitation',
  invitationId: 'inv_01jabcdefg0123456789',
  contractId: CONTRACT_ID,
  acceptanceId: ACCEPTANCE_ID,
  expiresAt: Date.parse('2036-07-24T02:00:00.000Z') / 1000,
  ...overrides,
});
const callbackItem = (waitingFor: string) => ({
  ...keys.acceptanceCallback(CONTRACT_ID, ACCEPTANCE_ID),
  waitingFor,
  taskToken: `token-${waitingFor}`,
  parkedAt: '2035-07-10T10:00:00.000+08:00',
});

/** The table: GetItem by `PK|SK`; Query by partition and sort-key prefix over `queried`. */
function arrange(items: Record<string, unknown>[], queried: Record<string, unknown>[] = []): void {
  const byKey = new Map(items.map((item) => [`${String(item.PK)}|${String(item.SK)}`, item]));
  ddbMock.on(GetCommand).callsFake((input: GetCommandInput) => {
    const key = input.Key as { PK: string; SK: string };
    return { Item: byKey.get(`${key.PK}|${key.SK}`) };
  });
  ddbMock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const values = input.ExpressionAttributeValues ?? {};
    const pk = Object.values(values)[0];
    const prefix = Object.values(values)[1];
    return {
      Items: queried.filter(
        (item) => item.PK === pk && (typeof prefix !== 'string' || String(item.SK).startsWith(prefix)),
      ),
    };
  });
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(PutCommand).resolves({});
  ddbMock.on(DeleteCommand).resolves({});
}

const call = (handler: typeof openHandler, route: RouteDef, options: RequestOptions) =>
  handler(apiEvent(route, options), lambdaContext()) as Promise<Result>;

const answer = (body: Record<string, unknown> = {}) =>
  call(opinionHandler, routes.submitOpinion, {
    body: { token: TOKEN, satisfaction: 5, items: ['home_visits'], ...body },
  });

beforeEach(() => {
  ddbMock.reset();
  sfnMock.reset();
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  sfnMock.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec', startDate: NOW });
  vi.stubEnv(stateMachineArnEnv('acceptance'), 'arn:aws-cn:states:cn-north-1:1:stateMachine:acceptance');
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('POST /v1/opinions (R-ACC-2)', () => {
  it('writes the opinion with its audit entry and marks the invitation answered in this round on a condition, in one transaction, with no identity', async () => {
    arrange([contractItem(), acceptanceItem(acceptance()), invitationItem()]);

    const result = await answer({ comment: '很满意' });

    expect(result.statusCode).toBe(200);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(4);
    const opinion = putItem(items, 0);
    expect(opinion).toMatchObject({
      ...keys.opinion(CONTRACT_ID, ACCEPTANCE_ID, 1, 'inv_01jabcdefg0123456789'),
      round: 1,
      satisfaction: 5,
      items: ['home_visits'],
      comment: '很满意',
    });
    // No recipient reference, village, name or token in the opinion or its audit entry.
    const written = JSON.stringify(items);
    expect(written).not.toContain(TOKEN);
    expect(opinion).not.toHaveProperty('reference');
    expect(putItem(items, 1)).toMatchObject({
      PK: 'AUDIT#opinion#inv_01jabcdefg0123456789.1',
      action: 'opinion.received',
      data: { contractId: CONTRACT_ID, acceptanceId: ACCEPTANCE_ID },
    });
    expect(items[2]?.Update).toMatchObject({
      Key: keys.invitation(hashOf(TOKEN)),
      // Round 1: an invitation from before the rounds (usedAt, no answeredRound) answered in it already.
      ConditionExpression:
        'attribute_exists(PK) AND ((attribute_not_exists(answeredRound) AND attribute_not_exists(usedAt)) OR answeredRound < :round)',
      ExpressionAttributeValues: { ':round': 1 },
    });
    expect(items[3]?.ConditionCheck?.Key).toEqual(keys.acceptance(CONTRACT_ID, ACCEPTANCE_ID));
    // One of two opinions: the minimum (2) is not reached, the workflow is not woken.
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it('an unknown token, one answered this round, one past the deadline, or a closed acceptance, is the same 404', async () => {
    const bodies: string[] = [];
    for (const items of [
      [contractItem(), acceptanceItem(acceptance())],
      [contractItem(), acceptanceItem(acceptance()), invitationItem({ answeredRound: 1 })],
      [
        contractItem(),
        acceptanceItem(acceptance({ answerBy: '2035-07-10T09:59:59.999+08:00' })),
        invitationItem(),
      ],
      [contractItem(), acceptanceItem(acceptance({ status: 'inspecting' })), invitationItem()],
    ]) {
      ddbMock.reset();
      arrange(items);
      const result = await answer();
      expect(problem(result, 404).detail).toBe('invitation not found');
      bodies.push(String(result.body));
    }
    expect(new Set(bodies).size).toBe(1);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('a second answer that lost the race on the invitation gets the same 404', async () => {
    arrange([contractItem(), acceptanceItem(acceptance()), invitationItem()]);
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed', 'None'));
    expect(problem(await answer(), 404).detail).toBe('invitation not found');
  });

  it('refuses an item the contract does not deliver, naming it (400)', async () => {
    arrange([contractItem(), acceptanceItem(acceptance()), invitationItem()]);
    const result = await answer({ items: ['home_visits', 'other_line'] });
    expect(result.statusCode).toBe(400);
    expect(JSON.stringify(problem(result, 400))).toContain('items');
  });

  it('the opinion that reaches the minimum resumes the parked wait for opinions', async () => {
    const other = {
      ...keys.opinion(CONTRACT_ID, ACCEPTANCE_ID, 1, 'inv_other0000000000000'),
      round: 1,
      satisfaction: 4,
    };
    const own = {
      ...keys.opinion(CONTRACT_ID, ACCEPTANCE_ID, 1, 'inv_01jabcdefg0123456789'),
      round: 1,
      satisfaction: 5,
    };
    arrange(
      [contractItem(), acceptanceItem(acceptance()), invitationItem(), callbackItem('opinions')],
      [other, own],
    );
    expect((await answer()).statusCode).toBe(200);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input.taskToken)).toEqual([
      'token-opinions',
    ]);
  });
});

describe('a rectification round asks the same recipients again: each invitation answers once per round (R-ACC-2)', () => {
  /** Round 2 collecting opinions after a rectification; its answers are due 14 days after NOW. */
  const roundTwo = (overrides: Partial<Acceptance> = {}) =>
    acceptance({ round: 2, answerBy: '2035-07-24T10:00:00.000+08:00', version: 7, ...overrides });
  const opinionOf = (round: number, invitationId: string, satisfaction: number) => ({
    ...keys.opinion(CONTRACT_ID, ACCEPTANCE_ID, round, invitationId),
    id: `${invitationId}.${round}`,
    invitationId,
    round,
    satisfaction,
  });

  it('an invitation answered in round 1 answers again in round 2: the opinion keyed and audited by round 2, the invitation marked answered in round 2', async () => {
    arrange([contractItem(), acceptanceItem(roundTwo()), invitationItem({ answeredRound: 1 })]);

    const result = await answer({ satisfaction: 4 });

    expect(result.statusCode).toBe(200);
    const items = transactItems(ddbMock);
    expect(putItem(items, 0)).toMatchObject({
      ...keys.opinion(CONTRACT_ID, ACCEPTANCE_ID, 2, 'inv_01jabcdefg0123456789'),
      id: 'inv_01jabcdefg0123456789.2',
      round: 2,
      satisfaction: 4,
    });
    expect(putItem(items, 1)).toMatchObject({ PK: 'AUDIT#opinion#inv_01jabcdefg0123456789.2' });
    expect(items[2]?.Update).toMatchObject({
      Key: keys.invitation(hashOf(TOKEN)),
      UpdateExpression: 'SET answeredRound = :round, answeredAt = :at',
      ExpressionAttributeValues: { ':round': 2 },
    });
    expect(items[3]?.ConditionCheck?.ExpressionAttributeValues).toMatchObject({ ':round': 2 });
  });

  it('twice in one round: the second is the one 404 (answered in round 2 already)', async () => {
    arrange([contractItem(), acceptanceItem(roundTwo()), invitationItem({ answeredRound: 2 })]);
    expect(problem(await answer(), 404).detail).toBe('invitation not found');
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("after the round's answerBy: the one 404, though the invitation's first round was long ago", async () => {
    arrange([
      contractItem(),
      acceptanceItem(roundTwo({ answerBy: '2035-07-10T09:59:59.999+08:00' })),
      invitationItem({ answeredRound: 1 }),
    ]);
    expect(problem(await answer(), 404).detail).toBe('invitation not found');
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("the recipient's form answers for the current round: its deadline in round 2, the one 404 once answered in it", async () => {
    const lookup = () => call(lookupHandler, routes.lookupInvitation, { body: { token: TOKEN } });
    arrange([contractItem(), acceptanceItem(roundTwo()), invitationItem({ answeredRound: 1 })]);
    const open = await lookup();
    expect(open.statusCode).toBe(200);
    expect(json<{ expiresAt: string }>(open).expiresAt).toBe('2035-07-24T10:00:00.000+08:00');
    ddbMock.reset();
    arrange([contractItem(), acceptanceItem(roundTwo()), invitationItem({ answeredRound: 2 })]);
    expect(problem(await lookup(), 404).detail).toBe('invitation not found');
  });

  it("the minimum is counted in the round: round 1's opinions do not wake round 2's wait", async () => {
    arrange(
      [
        contractItem(),
        acceptanceItem(roundTwo()),
        invitationItem({ answeredRound: 1 }),
        callbackItem('opinions'),
      ],
      [
        opinionOf(1, 'inv_01jabcdefg0123456789', 2),
        opinionOf(1, 'inv_other0000000000000', 1),
        opinionOf(2, 'inv_01jabcdefg0123456789', 5),
      ],
    );
    expect((await answer()).statusCode).toBe(200);
    // One opinion in round 2 of the minimum of 2: the wait goes on.
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });
});

describe('an invitation from before the rounds (usedAt, no answeredRound: the embedded stack keeps its data) answered in round 1 (R-ACC-2)', () => {
  const legacyUsed = () => invitationItem({ usedAt: '2035-07-10T09:00:00.000+08:00' });

  it('in round 1 it is the one 404, on the form and on the answer (it answered already); in round 2 it answers again', async () => {
    arrange([contractItem(), acceptanceItem(acceptance()), legacyUsed()]);
    expect(problem(await answer(), 404).detail).toBe('invitation not found');
    const lookup = await call(lookupHandler, routes.lookupInvitation, { body: { token: TOKEN } });
    expect(problem(lookup, 404).detail).toBe('invitation not found');
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);

    // In round 2 it answers again, like an invitation answered in round 1.
    ddbMock.reset();
    arrange([contractItem(), acceptanceItem(acceptance({ round: 2, version: 7 })), legacyUsed()]);
    const result = await answer();
    expect(result.statusCode).toBe(200);
    expect(transactItems(ddbMock)[2]?.Update).toMatchObject({
      ConditionExpression:
        'attribute_exists(PK) AND (attribute_not_exists(answeredRound) OR answeredRound < :round)',
      ExpressionAttributeValues: { ':round': 2 },
    });
  });
});

describe('POST /v1/opinions: the window is the acceptance status, not its version (R-ACC-2)', () => {
  it("lands however the workflow moved the acceptance's version while it collects opinions: the guard is its status, round and deadline", async () => {
    // Read at version 2; the workflow's Open task (workflow.started) may write version 3 before this commits.
    arrange([contractItem(), acceptanceItem(acceptance({ version: 2 })), invitationItem()]);
    expect((await answer()).statusCode).toBe(200);
    const check = transactItems(ddbMock)[3]?.ConditionCheck;
    expect(check?.Key).toEqual(keys.acceptance(CONTRACT_ID, ACCEPTANCE_ID));
    expect(check?.ConditionExpression).toBe('#status = :collecting AND #round = :round AND answerBy > :now');
    expect(check?.ExpressionAttributeNames).toEqual({ '#status': 'status', '#round': 'round' });
    expect(check?.ExpressionAttributeValues).toEqual({
      ':collecting': 'collecting_opinions',
      ':round': 1,
      ':now': '2035-07-10T10:00:00.000+08:00',
    });
    expect(JSON.stringify(check)).not.toContain('version');
  });

  it('an answer that lost the race on the status (the window closed meanwhile) gets the same 404', async () => {
    arrange([contractItem(), acceptanceItem(acceptance()), invitationItem()]);
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'None', 'ConditionalCheckFailed'));
    expect(problem(await answer(), 404).detail).toBe('invitation not found');
  });

  it('R-ACC-3: the contract was terminated (its acceptance not yet cancelled by the workflow): the same 404', async () => {
    arrange([contractItem('terminated'), acceptanceItem(acceptance()), invitationItem()]);
    expect(problem(await answer(), 404).detail).toBe('invitation not found');
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('a terminated or completed contract: nothing is measured or signed (R-ACC-3)', () => {
  const inspecting = acceptance({
    status: 'inspecting',
    measurements: { round: 1, values: { visits_pct: 97 }, by: { sub: 'u-town', role: 'town' }, at: 'x' },
    workflow: { executionArn: 'arn:exec', waitingFor: 'panel' },
  });
  const params = { id: CONTRACT_ID, acceptanceId: ACCEPTANCE_ID };

  it.each(['terminated', 'completed'])(
    'measurements on a %s contract: 409, nothing written',
    async (status) => {
      arrange([contractItem(status), acceptanceItem(inspecting)]);
      const result = await call(measureHandler, routes.recordMeasurements, {
        claims: claims.town,
        params,
        headers: { 'if-match': `"${inspecting.version}"` },
        body: { values: [{ code: 'visits_pct', value: 96 }] },
      });
      expect(problem(result, 409)).toMatchObject({ rule: 'R-ACC-3' });
      expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    },
  );

  it.each(['terminated', 'completed'])(
    'a signature on a %s contract: 409, nothing written',
    async (status) => {
      arrange([contractItem(status), acceptanceItem(inspecting)]);
      const result = await call(signHandler, routes.signAcceptance, {
        claims: claims.evaluator,
        params,
        headers: { 'if-match': `"${inspecting.version}"` },
        body: { verdict: 'confirm' },
      });
      expect(problem(result, 409)).toMatchObject({ rule: 'R-ACC-3' });
      expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    },
  );

  it('opening on a terminated contract: 409, nothing opened', async () => {
    arrange([contractItem('terminated')]);
    const result = await call(openHandler, routes.openAcceptance, {
      claims: claims.town,
      params: { id: CONTRACT_ID },
      headers: { 'idempotency-key': 'open-terminated-1' },
      body: {
        milestoneSeq: 2,
        panel: [
          { sub: 'u-town', role: 'town' },
          { sub: 'u-evaluator', role: 'evaluator' },
        ],
      },
    });
    expect(problem(result, 409)).toMatchObject({ rule: 'R-ACC-3' });
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});

describe('opening and measuring are the bureau and the town their own, in the use case too (R-ACC-1)', () => {
  const deps = { store, clock, daySeconds: undefined };
  const actor = { sub: 'u-x', role: 'x' };
  const inspecting = acceptance({
    status: 'inspecting',
    workflow: { executionArn: 'arn:exec', waitingFor: 'panel' },
  });

  it.each(['finance', 'auditor', 'contractor', 'evaluator'])(
    '%s cannot open an acceptance (403)',
    async (role) => {
      arrange([contractItem()], []);
      const viewer = {
        sub: 'u-x',
        role,
        purchaserId: 'pur-town-1',
        contractorId: 'ctr_01jabcdefg0123456789',
      };
      const opening = openAcceptance(
        deps,
        CONTRACT_ID,
        { milestoneSeq: 2, panel: inspecting.panel },
        { viewer: viewer as never, actor, remember: () => [], start: () => Promise.resolve() },
      );
      await expect(opening).rejects.toBeInstanceOf(HttpProblem);
      await expect(opening).rejects.toMatchObject({ status: 403 });
      expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    },
  );

  it.each(['finance', 'auditor', 'contractor', 'evaluator'])(
    '%s cannot record measurements (403)',
    async (role) => {
      arrange([contractItem(), acceptanceItem(inspecting)]);
      const viewer = {
        sub: 'u-x',
        role,
        purchaserId: 'pur-town-1',
        contractorId: 'ctr_01jabcdefg0123456789',
      };
      const measuring = recordMeasurements(
        deps,
        { contractId: CONTRACT_ID, acceptanceId: ACCEPTANCE_ID },
        [{ code: 'visits_pct', value: 96 }],
        { viewer: viewer as never, actor, ifMatch: inspecting.version },
      );
      await expect(measuring).rejects.toMatchObject({ status: 403 });
      expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    },
  );
});

describe('POST /v1/contracts/{id}/acceptances/{acceptanceId}/signatures (R-ACC-1)', () => {
  const inspecting = acceptance({
    status: 'inspecting',
    measurements: { round: 1, values: { visits_pct: 97 }, by: { sub: 'u-town', role: 'town' }, at: 'x' },
    workflow: { executionArn: 'arn:exec', waitingFor: 'panel' },
  });
  const sign = (body: Record<string, unknown>, who: Record<string, string> = claims.evaluator) =>
    call(signHandler, routes.signAcceptance, {
      claims: who,
      params: { id: CONTRACT_ID, acceptanceId: ACCEPTANCE_ID },
      headers: { 'if-match': `"${inspecting.version}"` },
      body,
    });

  it('a failing signature needs its written reason (400 naming reason)', async () => {
    arrange([contractItem(), acceptanceItem(inspecting)]);
    const result = await sign({ verdict: 'fail' });
    expect(problem(result, 400)).toMatchObject({ rule: 'R-ACC-1' });
    expect(JSON.stringify(problem(result, 400))).toContain('reason');
  });

  it('writes the signature with its audit entry; a second by the same member this round is 409', async () => {
    arrange([contractItem(), acceptanceItem(inspecting)]);
    const first = await sign({ verdict: 'fail', reason: '台账与现场不符' });
    expect(first.statusCode).toBe(201);
    const items = transactItems(ddbMock);
    expect(putItem(items, 0)).toMatchObject({
      ...keys.panelSignature(CONTRACT_ID, ACCEPTANCE_ID, 1, 'u-evaluator'),
      verdict: 'fail',
      reason: '台账与现场不符',
    });
    expect(putItem(items, 1)).toMatchObject({ PK: `AUDIT#panel-signature#${ACCEPTANCE_ID}.1.u-evaluator` });
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None', 'None'));
    expect(problem(await sign({ verdict: 'confirm' }), 409).detail).toMatch(/signed round 1 already/);
  });

  it('the signature that makes the quorum releases the one token of the panel', async () => {
    const signatures = ['u-town', 'u-evaluator'].map((sub) => ({
      ...keys.panelSignature(CONTRACT_ID, ACCEPTANCE_ID, 1, sub),
      sub,
      verdict: 'confirm',
    }));
    arrange([contractItem(), acceptanceItem(inspecting), callbackItem('panel')], signatures);
    expect((await sign({ verdict: 'confirm' })).statusCode).toBe(201);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input.taskToken)).toEqual([
      'token-panel',
    ]);
  });

  it("someone off the panel cannot sign: 404 for an evaluator, 403 for the purchaser's own staff", async () => {
    arrange([contractItem(), acceptanceItem(inspecting)]);
    expect((await sign({ verdict: 'confirm' }, { ...claims.evaluator, sub: 'u-other' })).statusCode).toBe(
      404,
    );
    expect((await sign({ verdict: 'confirm' }, { ...claims.town, sub: 'u-town-2' })).statusCode).toBe(403);
  });
});

describe('POST /v1/contracts/{id}/acceptances (R-ACC-1, R-ACC-2)', () => {
  const open = () =>
    call(openHandler, routes.openAcceptance, {
      claims: claims.town,
      params: { id: CONTRACT_ID },
      headers: { 'idempotency-key': 'open-acceptance-1' },
      body: {
        milestoneSeq: 2,
        panel: [
          { sub: 'u-town', role: 'town' },
          { sub: 'u-evaluator', role: 'evaluator' },
        ],
      },
    });
  const recipients = [1, 2, 3, 4].map((n) => ({
    ...keys.deliveryRecipient(CONTRACT_ID, `ref-${n}`),
    ref: `ref-${n}`,
    villageId: 'v-1',
  }));

  it('draws the sample, answers each token once and stores only its hash, then starts the execution', async () => {
    arrange([contractItem()], recipients);
    const result = await open();
    expect(result.statusCode).toBe(201);
    const body = json<{
      id: string;
      tokens: { token: string }[];
      sample: { size: number; population: number };
    }>(result);
    expect(body.sample).toMatchObject({ population: 4, size: 3 });
    expect(body.tokens).toHaveLength(3);
    const items = transactItems(ddbMock);
    const stored = JSON.stringify(items);
    for (const { token } of body.tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(stored).not.toContain(token);
      expect(stored).toContain(`INVITATION#${hashOf(token)}`);
    }
    expect(sfnMock.commandCalls(StartExecutionCommand)[0]?.args[0].input).toMatchObject({
      name: body.id,
      input: JSON.stringify({ contractId: CONTRACT_ID, acceptanceId: body.id }),
    });
  });

  it("keeps the invitations past every round the plan allows: the table's TTL never removes one a later round still asks (R-ACC-2)", async () => {
    arrange([contractItem()], recipients);
    expect((await open()).statusCode).toBe(201);
    const invitations = transactItems(ddbMock)
      .map((i) => (i as { Put?: { Item?: Record<string, unknown> } }).Put?.Item)
      .filter((item) => item?.recordType === 'invitation');
    expect(invitations).toHaveLength(3);
    // 14 answer days in each of 3 rounds and 2 rectifications of 30 days: the last round's answers are due by day 102.
    const lastDeadline = NOW.getTime() + (14 * 3 + 30 * 2) * 86_400_000;
    for (const item of invitations) {
      expect(Number(item?.expiresAt) * 1000).toBeGreaterThan(lastDeadline);
      expect(item).not.toHaveProperty('answeredRound');
    }
  });

  it('refuses a contract that is not signed (409) and opens nothing', async () => {
    arrange([contractItem('signed_by_one')], recipients);
    expect((await open()).statusCode).toBe(409);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});
