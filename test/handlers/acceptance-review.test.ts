/**
 * Issue 13 §3, a reviewer's findings on the acceptance routes (mocked table and Step Functions):
 * - R-ACC-2: which recipients were sampled (village, pseudonymous reference) is the opener's side's only (the bureau,
 *   the purchasing town); the contractor, its portal, finance, the auditor and an evaluator see the counts, in the
 *   GET and in the audit trail's view of an acceptance;
 * - R-ACC-3: a decided failure is final for its milestone (a new opening is 409), an interrupted run (RecordFailure:
 *   status `interrupted`) lets the milestone be opened again;
 * - an opinion or signature that landed is answered as landed even when waking the workflow fails (logged; the hourly
 *   re-park recovers the wake-up), never a 5xx.
 */
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
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECORD_VIEWS } from '#functions/audit/views';
import { handler as getHandler } from '#functions/acceptances/get-acceptance';
import { handler as openHandler } from '#functions/acceptances/open-acceptance';
import { handler as opinionHandler } from '#functions/acceptances/submit-opinion';
import { handler as signHandler } from '#functions/acceptances/sign-acceptance';
import { routes } from '#functions/routes';
import type { RouteDef } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { clock, store } from '#shared/adapters/store';
import { stateMachineArnEnv } from '#shared/adapters/sfn/env';
import type { Acceptance, RoundResult } from '#shared/domain/acceptance';
import { recordAcceptanceFailure } from '#shared/use-cases/acceptance-tasks';
import type { RequestOptions, Result } from './support';
import { apiEvent, claims, head, json, lambdaContext, problem, transactItems } from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const sfnMock = mockClient(SFNClient);
const NOW = new Date('2035-07-10T02:00:00.000Z');
const CONTRACT_ID = 'con_01jabcdefg0123456789';
const CONTRACTOR_ID = 'ctr_01jabcdefg0123456789';
const ACCEPTANCE_ID = 'acc_01jabcdefg0123456789';
const TOKEN = 'T'.repeat(43);
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const REFERENCE = 'ab12'.repeat(16);

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
  recipients: { sampleSize: 3, minimumOpinions: 1, satisfiedShareBp: 8_000, answerDays: 14 },
  panel: { quorum: 2 },
  rectification: { maxRounds: 2, days: 30, deductionBpPerRound: 500 },
  paymentTermDays: 30,
  minimumQualifiedShareBp: 0,
  delivery: [{ code: 'home_visits', description: '入户探访', unit: '次', planned: 100 }],
};
const contractItem = {
  ...keys.contract(CONTRACT_ID),
  recordType: 'contract',
  id: CONTRACT_ID,
  title: '困难群众居家照料服务',
  purchaserId: 'pur-town-1',
  contractorId: CONTRACTOR_ID,
  status: 'signed',
  acceptancePlan: plan,
  version: 3,
  ...head(3),
};
const acceptance = (overrides: Partial<Acceptance> = {}): Acceptance => ({
  id: ACCEPTANCE_ID,
  contractId: CONTRACT_ID,
  purchaserId: 'pur-town-1',
  contractorId: CONTRACTOR_ID,
  milestoneSeq: 2,
  status: 'collecting_opinions',
  round: 1,
  panel: [
    { sub: 'u-town', role: 'town' },
    { sub: 'u-evaluator', role: 'evaluator' },
  ],
  quorum: 2,
  plan: plan as unknown as Acceptance['plan'],
  sample: { population: 3, size: 1, seed: 'ab'.repeat(32) },
  invitations: [{ invitationId: 'inv_01jabcdefg0123456789', village: 'v-dongxi', reference: REFERENCE }],
  answerBy: '2035-07-24T02:00:00.000Z',
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
const opinionItem = {
  ...keys.opinion(CONTRACT_ID, ACCEPTANCE_ID, 1, 'inv_01jabcdefg0123456789'),
  id: 'inv_01jabcdefg0123456789.1',
  invitationId: 'inv_01jabcdefg0123456789',
  round: 1,
  satisfaction: 5,
};
/** What everyone reads of the one round's one opinion: counts and share, no identity. */
const counted = {
  invited: 1,
  answered: 1,
  rounds: [{ round: 1, answered: 1, satisfied: 1, satisfiedShareBp: 10_000 }],
};
const delegationItem = {
  ...keys.delegation(CONTRACTOR_ID, 'portal-a'),
  contractorId: CONTRACTOR_ID,
  portalId: 'portal-a',
  scopes: ['deliveries'],
  validUntil: '2036-01-01T00:00:00.000+08:00',
  grantedBy: { sub: 'u-c', role: 'contractor' },
  version: 1,
  ...head(1),
};

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

const call = (handler: typeof getHandler, route: RouteDef, options: RequestOptions) =>
  handler(apiEvent(route, options), lambdaContext()) as Promise<Result>;

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

describe('R-ACC-2: who sees which recipients were sampled', () => {
  const read = (who: RequestOptions['claims'], headers: Record<string, string> = {}) =>
    call(getHandler, routes.getAcceptance, {
      claims: who,
      headers,
      params: { id: CONTRACT_ID, acceptanceId: ACCEPTANCE_ID },
    });
  const callers: [string, RequestOptions['claims'], Record<string, string>][] = [
    ['the contractor', claims.contractor(CONTRACTOR_ID), {}],
    [
      'its portal',
      { sub: 'portal-a', client_id: 'portal-a', scope: 'procurement/portal' },
      { 'on-behalf-of': CONTRACTOR_ID },
    ],
    ['finance', { sub: 'u-finance', 'cognito:groups': '[finance]' }, {}],
    ['the auditor', claims.auditor, {}],
    ['an evaluator on the panel', claims.evaluator, {}],
  ];

  for (const [name, who, headers] of callers) {
    it(`${name}: the counts invited and answered, no village, reference or invitation`, async () => {
      arrange([contractItem, acceptanceItem(acceptance()), delegationItem], [opinionItem]);
      const result = await read(who, headers);
      expect(result.statusCode).toBe(200);
      const body = json<Record<string, unknown>>(result);
      expect(body).not.toHaveProperty('invitations');
      expect(body.recipients).toEqual(counted);
      const text = JSON.stringify(body);
      expect(text).not.toContain(REFERENCE);
      expect(text).not.toContain('v-dongxi');
      expect(text).not.toContain('inv_01jabcdefg0123456789');
      expect(text).not.toContain(hashOf(TOKEN));
    });
  }

  it("the opener's side (the bureau, the purchasing town) sees the invitations and the counts", async () => {
    arrange([contractItem, acceptanceItem(acceptance())], [opinionItem]);
    for (const who of [claims.bureau, claims.town]) {
      const body = json<Record<string, unknown>>(await read(who));
      expect(body.invitations).toEqual([
        { invitationId: 'inv_01jabcdefg0123456789', village: 'v-dongxi', reference: REFERENCE },
      ]);
      expect(body.recipients).toEqual(counted);
    }
  });

  it('the audit trail shows the invitations to the bureau, not to the auditor', () => {
    const view = RECORD_VIEWS.acceptance as (a: Acceptance, viewer: unknown, today: string) => unknown;
    const auditor = JSON.stringify(view(acceptance(), { sub: 'u-auditor', role: 'auditor' }, '2035-07-10'));
    expect(auditor).not.toContain(REFERENCE);
    expect(auditor).not.toContain('v-dongxi');
    expect(JSON.parse(auditor)).toMatchObject({ recipients: { invited: 1 } });
    const bureau = JSON.stringify(view(acceptance(), { sub: 'u-bureau', role: 'bureau' }, '2035-07-10'));
    expect(bureau).toContain(REFERENCE);
  });
});

describe('R-ACC-3: a failed acceptance is final for its milestone; an interrupted one can be opened again', () => {
  const markerItem = {
    PK: keys.acceptancePartition(CONTRACT_ID),
    SK: 'OPEN#m02',
    recordType: 'acceptance-open',
    acceptanceId: ACCEPTANCE_ID,
  };
  const recipients = [1, 2, 3].map((n) => ({
    ...keys.deliveryRecipient(CONTRACT_ID, `ref-${n}`),
    ref: `ref-${n}`,
    villageId: 'v-1',
  }));
  const open = () =>
    call(openHandler, routes.openAcceptance, {
      claims: claims.town,
      params: { id: CONTRACT_ID },
      headers: { 'idempotency-key': 'open-acceptance-again' },
      body: {
        milestoneSeq: 2,
        panel: [
          { sub: 'u-town', role: 'town' },
          { sub: 'u-evaluator', role: 'evaluator' },
        ],
      },
    });

  it('a new opening after a decided failure (rounds spent) is 409 citing R-ACC-3, and opens nothing', async () => {
    const failed = acceptance({ status: 'failed', workflow: { executionArn: 'arn:exec' } });
    arrange([contractItem, acceptanceItem(failed), markerItem], recipients);
    const body = problem(await open(), 409);
    expect(body).toMatchObject({ rule: 'R-ACC-3' });
    expect(body.detail).toMatch(/final/);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('after an interrupted run the milestone opens again (round 1), replacing the marker on a condition', async () => {
    const interrupted = acceptance({
      status: 'interrupted',
      workflow: { executionArn: 'arn:exec', failure: { error: 'Error', cause: 'boom', at: 'x' } },
    });
    arrange([contractItem, acceptanceItem(interrupted), markerItem], recipients);
    const result = await open();
    expect(result.statusCode).toBe(201);
    expect(json<{ round: number; status: string }>(result)).toMatchObject({
      round: 1,
      status: 'collecting_opinions',
    });
    const put = transactItems(ddbMock).find(
      (i) => (i as { Put?: { Item?: { SK?: string } } }).Put?.Item?.SK === 'OPEN#m02',
    ) as { Put: { ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> } };
    expect(put.Put).toMatchObject({
      ConditionExpression: 'acceptanceId = :previous',
      ExpressionAttributeValues: { ':previous': ACCEPTANCE_ID },
    });
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(1);
  });

  /** A round decided and announced: `next` says what followed (a rectification, or failed for good). */
  const decided = (round: number, next: 'rectification' | 'failed'): RoundResult => ({
    round,
    rule: {
      outcome: 'failed',
      reasons: ['mandatory_indicator_missed'],
      indicators: [],
      opinions: { received: 1, minimum: 1, satisfied: 1, satisfiedShareBp: 10_000, thresholdBp: 8_000 },
    },
    decision: 'failed',
    failedBy: [],
    signatures: [],
    decidedAt: '2035-07-01T10:00:00.000+08:00',
    next,
  });

  it('R-ACC-3: the milestone opened again after an interruption carries on from its rectification rounds (their deduction stands)', async () => {
    const interrupted = acceptance({
      status: 'interrupted',
      round: 2,
      rounds: [decided(1, 'rectification')],
      workflow: { executionArn: 'arn:exec', failure: { error: 'Error', cause: 'boom', at: 'x' } },
    });
    arrange([contractItem, acceptanceItem(interrupted), markerItem], recipients);
    const result = await open();
    expect(result.statusCode).toBe(201);
    expect(json<{ round: number; continues?: unknown }>(result)).toMatchObject({
      round: 2,
      status: 'collecting_opinions',
      continues: { acceptanceId: ACCEPTANCE_ID, rounds: 1 },
    });
  });

  it('R-ACC-3: interrupted after its failure for good was decided (not yet announced): as final as a failed one (409)', async () => {
    const interrupted = acceptance({
      status: 'interrupted',
      round: 3,
      rounds: [decided(1, 'rectification'), decided(2, 'rectification'), decided(3, 'failed')],
      workflow: { executionArn: 'arn:exec', failure: { error: 'Error', cause: 'boom', at: 'x' } },
    });
    arrange([contractItem, acceptanceItem(interrupted), markerItem], recipients);
    const body = problem(await open(), 409);
    expect(body).toMatchObject({ rule: 'R-ACC-3' });
    expect(body.detail).toMatch(/final/);
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('RecordFailure moves an acceptance under way to interrupted, with the failure, in one transaction with its audit entry', async () => {
    arrange([contractItem, acceptanceItem(acceptance({ status: 'inspecting' }))]);
    await recordAcceptanceFailure(
      { store, clock },
      {
        contractId: CONTRACT_ID,
        acceptanceId: ACCEPTANCE_ID,
        executionArn: 'arn:exec',
        error: 'Error',
        cause: 'x',
      },
    );
    const items = transactItems(ddbMock) as { Put?: { Item: Record<string, unknown> } }[];
    expect(items[0]?.Put?.Item).toMatchObject({
      status: 'interrupted',
      version: 3,
      workflow: { executionArn: 'arn:exec', failure: { error: 'Error', cause: 'x' } },
    });
    expect((items[0]?.Put?.Item.workflow as Record<string, unknown>).waitingFor).toBeUndefined();
    expect(items[1]?.Put?.Item).toMatchObject({
      PK: `AUDIT#acceptance#${ACCEPTANCE_ID}`,
      action: 'acceptance.interrupted',
    });
  });

  it('RecordFailure leaves a decided acceptance as decided (passed stays passed)', async () => {
    arrange([
      contractItem,
      acceptanceItem(acceptance({ status: 'passed', workflow: { executionArn: 'arn:exec' } })),
    ]);
    await recordAcceptanceFailure(
      { store, clock },
      {
        contractId: CONTRACT_ID,
        acceptanceId: ACCEPTANCE_ID,
        executionArn: 'arn:exec',
        error: 'Error',
        cause: 'x',
      },
    );
    const items = transactItems(ddbMock) as { Put?: { Item: Record<string, unknown> } }[];
    expect(items[0]?.Put?.Item).toMatchObject({
      status: 'passed',
      workflow: { failure: { error: 'Error' } },
    });
  });
});

describe('a landed opinion or signature is answered as landed when waking the workflow fails', () => {
  const callbackItem = (waitingFor: string) => ({
    ...keys.acceptanceCallback(CONTRACT_ID, ACCEPTANCE_ID),
    waitingFor,
    taskToken: `token-${waitingFor}`,
    parkedAt: '2035-07-10T10:00:00.000+08:00',
  });
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

  it('POST /v1/opinions: SendTaskSuccess throttled → 200, the opinion written', async () => {
    const invitation = {
      ...keys.invitation(hashOf(TOKEN)),
      recordType: 'invitation',
      invitationId: 'inv_01jabcdefg0123456789',
      contractId: CONTRACT_ID,
      acceptanceId: ACCEPTANCE_ID,
      expiresAt: Date.parse('2036-07-24T02:00:00.000Z') / 1000,
    };
    arrange(
      [contractItem, acceptanceItem(acceptance()), invitation, callbackItem('opinions')],
      [opinionItem],
    );
    sfnMock.on(SendTaskSuccessCommand).rejects(throttled);
    const result = await call(opinionHandler, routes.submitOpinion, {
      body: { token: TOKEN, satisfaction: 5, items: ['home_visits'] },
    });
    expect(result.statusCode).toBe(200);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
    const items = transactItems(ddbMock) as { Put?: { Item: Record<string, unknown> } }[];
    expect(items[0]?.Put?.Item).toMatchObject({
      ...keys.opinion(CONTRACT_ID, ACCEPTANCE_ID, 1, 'inv_01jabcdefg0123456789'),
      satisfaction: 5,
    });
  });

  it('POST .../signatures: SendTaskSuccess throttled → 201, the signature written', async () => {
    const inspecting = acceptance({
      status: 'inspecting',
      measurements: { round: 1, values: { visits_pct: 97 }, by: { sub: 'u-town', role: 'town' }, at: 'x' },
      workflow: { executionArn: 'arn:exec', waitingFor: 'panel' },
    });
    const signatures = ['u-town', 'u-evaluator'].map((sub) => ({
      ...keys.panelSignature(CONTRACT_ID, ACCEPTANCE_ID, 1, sub),
      sub,
      verdict: 'confirm',
    }));
    arrange([contractItem, acceptanceItem(inspecting), callbackItem('panel')], signatures);
    sfnMock.on(SendTaskSuccessCommand).rejects(throttled);
    const result = await call(signHandler, routes.signAcceptance, {
      claims: claims.evaluator,
      headers: { 'if-match': '"2"' },
      params: { id: CONTRACT_ID, acceptanceId: ACCEPTANCE_ID },
      body: { verdict: 'confirm' },
    });
    expect(result.statusCode).toBe(201);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
    const items = transactItems(ddbMock) as { Put?: { Item: Record<string, unknown> } }[];
    expect(items[0]?.Put?.Item).toMatchObject({
      ...keys.panelSignature(CONTRACT_ID, ACCEPTANCE_ID, 1, 'u-evaluator'),
      verdict: 'confirm',
    });
  });
});

describe('R-ACC-1: a signature covers the version the member read, in the role the panel names', () => {
  const inspecting = (overrides: Partial<Acceptance> = {}) =>
    acceptance({
      status: 'inspecting',
      measurements: { round: 1, values: { visits_pct: 97 }, by: { sub: 'u-town', role: 'town' }, at: 'x' },
      workflow: { executionArn: 'arn:exec', waitingFor: 'panel' },
      ...overrides,
    });
  const sign = (who: RequestOptions['claims'], headers: Record<string, string>) =>
    call(signHandler, routes.signAcceptance, {
      claims: who,
      headers,
      params: { id: CONTRACT_ID, acceptanceId: ACCEPTANCE_ID },
      body: { verdict: 'confirm' },
    });

  it('re-measured since the member read it: 412, nothing written; without If-Match: 428', async () => {
    // The member read version 2; the panel re-measured since (version 3).
    arrange([contractItem, acceptanceItem(inspecting({ version: 3 }))]);
    expect((await sign(claims.evaluator, { 'if-match': '"2"' })).statusCode).toBe(412);
    expect((await sign(claims.evaluator, {})).statusCode).toBe(428);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect((await sign(claims.evaluator, { 'if-match': '"3"' })).statusCode).toBe(201);
  });

  it("a member signing in another role than the panel's entry: 403, nothing written", async () => {
    // The bureau user is on the panel as an evaluator of the pool; the town member signs with an evaluator token.
    arrange([
      contractItem,
      acceptanceItem(
        inspecting({
          panel: [
            { sub: 'u-bureau', role: 'evaluator' },
            { sub: 'u-town', role: 'town' },
          ],
        }),
      ),
    ]);
    const asBureau = problem(await sign(claims.bureau, { 'if-match': '"2"' }), 403);
    expect(asBureau.detail).toMatch(/evaluator/);
    expect((await sign({ ...claims.evaluator, sub: 'u-town' }, { 'if-match': '"2"' })).statusCode).toBe(403);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect((await sign(claims.town, { 'if-match': '"2"' })).statusCode).toBe(201);
  });
});
