/**
 * Issue 13 §3/§4 (R-ACC-3): a contract terminated (its unpaid milestones cancelled) or completed while its acceptance
 * is under way. Every task of the acceptance workflow (shared/use-cases/acceptance-tasks.ts) recognises it, cancels
 * the acceptance with the reason in one transaction with its audit entry, never makes the milestone payable nor
 * announces a pass, and ends on AcceptanceCancelled (the ASL catches it into Cancelled); a callback task fails its
 * own token with it. Announce reads the contract (its function may read CONTRACT#); the other tasks recognise an
 * acceptance cancelled already. Against a mocked table, with fake task tokens.
 */
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { GetCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { clock, store } from '#shared/adapters/store';
import type { Acceptance, RoundResult } from '#shared/domain/acceptance';
import {
  ACCEPTANCE_CANCELLED,
  announce,
  awaitAcceptanceCallback,
  closeOpinions,
  decideRound,
  recordOpened,
  reinspect,
} from '#shared/use-cases/acceptance-tasks';
import { isoWithOffset } from '#shared/domain/clock';
import type { TransactItems } from './support';
import { canceled, head, putItem, transactItems } from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2035-08-10T02:00:00.000Z');
const CONTRACT_ID = 'con_01jabcdefg0123456789';
const ACCEPTANCE_ID = 'acc_01jabcdefg0123456789';
const ref = { contractId: CONTRACT_ID, acceptanceId: ACCEPTANCE_ID };

const plan = {
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
  recipients: { sampleSize: 3, minimumOpinions: 1, satisfiedShareBp: 8_000, answerDays: 14 },
  rectification: { maxRounds: 2, days: 30, deductionBpPerRound: 500 },
  paymentTermDays: 30,
} as Acceptance['plan'];

const passedRound: RoundResult = {
  round: 1,
  rule: {
    outcome: 'passed',
    reasons: [],
    indicators: [],
    opinions: { received: 1, minimum: 1, satisfied: 1, satisfiedShareBp: 10_000, thresholdBp: 8_000 },
  },
  decision: 'passed',
  failedBy: [],
  signatures: [],
  decidedAt: '2035-08-09T10:00:00.000+08:00',
  next: 'passed',
};

const acceptance = (overrides: Partial<Acceptance> = {}): Acceptance => ({
  id: ACCEPTANCE_ID,
  contractId: CONTRACT_ID,
  purchaserId: 'pur-town-1',
  contractorId: 'ctr_01jabcdefg0123456789',
  milestoneSeq: 2,
  status: 'inspecting',
  round: 1,
  panel: [{ sub: 'u-town', role: 'town' }],
  quorum: 1,
  plan,
  sample: { population: 1, size: 1, seed: 'ab'.repeat(32) },
  invitations: [],
  answerBy: '2035-08-24T10:00:00.000+08:00',
  opinionsClosed: { at: '2035-08-09T10:00:00.000+08:00', received: 1, minimum: 1, short: false },
  measurements: { round: 1, values: { visits_pct: 97 }, by: { sub: 'u-town', role: 'town' }, at: 'x' },
  rounds: [passedRound],
  workflow: { executionArn: 'arn:exec', waitingFor: 'panel' },
  openedBy: { sub: 'u-town', role: 'town' },
  version: 5,
  createdAt: '2035-08-01T10:00:00.000+08:00',
  updatedAt: '2035-08-09T10:00:00.000+08:00',
  ...overrides,
});

const contractItem = (status: string) => ({
  ...keys.contract(CONTRACT_ID),
  recordType: 'contract',
  id: CONTRACT_ID,
  purchaserId: 'pur-town-1',
  contractorId: 'ctr_01jabcdefg0123456789',
  status,
  ...(status === 'terminated'
    ? {
        termination: {
          reason: '承接方严重违约',
          liability: '按合同第十条',
          by: { sub: 'u-bureau', role: 'bureau' },
          at: '2035-08-09T09:00:00.000+08:00',
          released: 0,
        },
      }
    : {}),
  version: 7,
  ...head(7),
});
const milestoneItem = (status: string) => ({
  ...keys.milestone(CONTRACT_ID, 2),
  recordType: 'milestone',
  contractId: CONTRACT_ID,
  seq: 2,
  status,
  amount: 100_000,
  version: 2,
  ...head(2),
});
const acceptanceItem = (a: Acceptance) => ({
  ...keys.acceptance(a.contractId, a.id),
  recordType: 'acceptance',
  ...a,
  ...head(a.version),
});

/** The table: GetItem by `PK|SK`; a Query answers the items of its partition whose sort key has its prefix. */
function arrange(items: Record<string, unknown>[]): Record<string, unknown>[] {
  const table = [...items];
  ddbMock.on(GetCommand).callsFake((input: GetCommandInput) => {
    const key = input.Key as { PK: string; SK: string };
    return { Item: table.find((item) => item.PK === key.PK && item.SK === key.SK) };
  });
  ddbMock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const values = input.ExpressionAttributeValues ?? {};
    const prefix = typeof values[':prefix'] === 'string' ? values[':prefix'] : '';
    return {
      Items: table
        .filter((item) => item.PK === values[':pk'] && String(item.SK).startsWith(prefix))
        .sort((a, b) => String(a.SK).localeCompare(String(b.SK)))
        .slice(0, input.Limit ?? 1000),
    };
  });
  ddbMock.on(TransactWriteCommand).resolves({});
  return table;
}

const tasks = { sendTaskSuccess: vi.fn(), sendTaskFailure: vi.fn() };
const callbacks = { park: vi.fn(), find: vi.fn(), clear: vi.fn() };
const deps = { store, clock, daySeconds: undefined, tasks, callbacks };

beforeEach(() => {
  ddbMock.reset();
  vi.clearAllMocks();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const cancelledAcceptance = acceptance({
  status: 'cancelled',
  cancellation: { reason: 'contract completed', contractStatus: 'completed', at: 'x' },
});

/** The one transaction: the acceptance cancelled with its audit entry, and nothing else (no milestone). */
function expectCancelledOnly(contractStatus: 'terminated' | 'completed', reason: RegExp) {
  const items = transactItems(ddbMock);
  expect(items).toHaveLength(2);
  expect(putItem(items, 0)).toMatchObject({
    ...keys.acceptance(CONTRACT_ID, ACCEPTANCE_ID),
    status: 'cancelled',
    cancellation: { contractStatus, reason: expect.stringMatching(reason) as unknown },
  });
  expect(putItem(items, 1)).toMatchObject({
    PK: `AUDIT#acceptance#${ACCEPTANCE_ID}`,
    action: 'acceptance.cancelled',
  });
  expect(JSON.stringify(items)).not.toContain('MILESTONE');
  expect(JSON.stringify(items)).not.toContain('payable');
}

describe('a contract that ended while its acceptance is under way (R-ACC-3)', () => {
  it('Announce of a passed round: the acceptance is cancelled, the cancelled milestone stays so, the execution ends on AcceptanceCancelled', async () => {
    arrange([contractItem('terminated'), acceptanceItem(acceptance()), milestoneItem('cancelled')]);
    await expect(announce(deps, { ...ref, round: 1 })).rejects.toMatchObject({ name: ACCEPTANCE_CANCELLED });
    expectCancelledOnly('terminated', /terminated: 承接方严重违约/);
  });

  it.each([
    ['Open', () => recordOpened(deps, { ...ref, executionArn: 'arn:exec-2' })],
    ['CloseOpinions', () => closeOpinions(deps, ref)],
    ['Decide', () => decideRound(deps, ref)],
    ['Announce', () => announce(deps, { ...ref, round: 1 })],
    ['Reinspect', () => reinspect(deps, { ...ref, round: 1 })],
  ] as const)(
    '%s of an acceptance cancelled already ends on AcceptanceCancelled, writing nothing',
    async (_task, run) => {
      arrange([contractItem('completed'), acceptanceItem(cancelledAcceptance)]);
      await expect(run()).rejects.toMatchObject({ name: ACCEPTANCE_CANCELLED });
      expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    },
  );

  it('a callback task of a cancelled acceptance fails its own token with AcceptanceCancelled instead of parking it', async () => {
    arrange([contractItem('terminated'), acceptanceItem(cancelledAcceptance)]);
    await awaitAcceptanceCallback(deps, { ...ref, waitingFor: 'panel', taskToken: 'tok-1' });
    expect(tasks.sendTaskFailure).toHaveBeenCalledWith('tok-1', ACCEPTANCE_CANCELLED, expect.any(String));
    expect(callbacks.park).not.toHaveBeenCalled();
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('Announce of a failed round on a completed contract: cancelled, no failure announced', async () => {
    const failed = { ...passedRound, decision: 'failed' as const, next: 'failed' as const };
    arrange([
      contractItem('completed'),
      acceptanceItem(acceptance({ rounds: [failed] })),
      milestoneItem('paid'),
    ]);
    await expect(announce(deps, { ...ref, round: 1 })).rejects.toMatchObject({ name: ACCEPTANCE_CANCELLED });
    expectCancelledOnly('completed', /completed/);
  });

  it('a pass announced before the termination is answered as it was (at least once): nothing cancelled', async () => {
    arrange([
      contractItem('terminated'),
      acceptanceItem(acceptance({ status: 'passed' })),
      milestoneItem('payable'),
    ]);
    await expect(announce(deps, { ...ref, round: 1 })).resolves.toMatchObject({ round: 1, next: 'passed' });
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('a running contract is untouched: Decide answers its recorded round', async () => {
    arrange([contractItem('signed'), acceptanceItem(acceptance())]);
    await expect(decideRound(deps, ref)).resolves.toEqual({ round: 1, next: 'passed' });
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

/** A round's opinion as the opinion route writes it (no identity: the invitation's id, the round, the answer). */
const opinionItem = (round: number, n: number, satisfaction: number) => ({
  ...keys.opinion(CONTRACT_ID, ACCEPTANCE_ID, round, `inv_${n}`),
  recordType: 'opinion',
  id: `inv_${n}.${round}`,
  invitationId: `inv_${n}`,
  round,
  contractId: CONTRACT_ID,
  acceptanceId: ACCEPTANCE_ID,
  satisfaction,
  items: [],
  version: 1,
  ...head(1),
});

/** Round 1 failed on the recipients' opinions (2 of 3 dissatisfied): a rectification, round 2 to come. */
const failedOnOpinions: RoundResult = {
  round: 1,
  rule: {
    outcome: 'failed',
    reasons: ['satisfied_share_below_threshold'],
    indicators: [],
    opinions: { received: 3, minimum: 2, satisfied: 1, satisfiedShareBp: 3_333, thresholdBp: 8_000 },
  },
  decision: 'failed',
  failedBy: [],
  signatures: [{ sub: 'u-town', verdict: 'confirm' }],
  decidedAt: '2035-08-01T10:00:00.000+08:00',
  next: 'rectification',
  rectificationDueBy: '2035-08-31',
  reinspectAt: '2035-08-31T10:00:00.000+08:00',
};
const twoNeeded = { ...plan, recipients: { ...plan.recipients, minimumOpinions: 2 } };
const roundOneOpinions = [opinionItem(1, 1, 1), opinionItem(1, 2, 2), opinionItem(1, 3, 5)];

describe('a rectification round hears the recipients again (R-ACC-2, issue 13 §3)', () => {
  it("Reinspect opens the next round to the recipients: collecting opinions until a new answerBy (the plan's answer days from now)", async () => {
    arrange([
      contractItem('signed'),
      acceptanceItem(
        acceptance({
          status: 'rectification',
          plan: twoNeeded,
          rounds: [failedOnOpinions],
          workflow: { executionArn: 'arn:exec', waitingFor: 'rectification' },
        }),
      ),
    ]);
    const answerBy = isoWithOffset(new Date(NOW.getTime() + 14 * 86_400_000));
    await expect(reinspect(deps, { ...ref, round: 1 })).resolves.toEqual({ round: 2, answerBy });
    const written = putItem(transactItems(ddbMock), 0);
    expect(written).toMatchObject({
      status: 'collecting_opinions',
      round: 2,
      answerBy,
      workflow: { executionArn: 'arn:exec', waitingFor: 'opinions' },
    });
    // The round starts afresh: its own measurements and its own closing of the opinions to come.
    expect(written).not.toHaveProperty('measurements');
    expect(written).not.toHaveProperty('opinionsClosed');
    expect(putItem(transactItems(ddbMock), 1)).toMatchObject({ action: 'acceptance.reinspection' });
  });

  /** Round 2 collecting opinions (two needed) after round 1 failed on them. */
  const collectingRoundTwo = () =>
    acceptanceItem(
      acceptance({
        status: 'collecting_opinions',
        round: 2,
        plan: twoNeeded,
        answerBy: '2035-08-11T10:00:00.000+08:00',
        rounds: [failedOnOpinions],
        workflow: { executionArn: 'arn:exec', waitingFor: 'opinions' },
        opinionsClosed: undefined,
        measurements: undefined,
      }),
    );

  it("CloseOpinions of round 2 counts round 2's opinions only, and records the round it closed", async () => {
    arrange([contractItem('signed'), collectingRoundTwo(), ...roundOneOpinions, opinionItem(2, 1, 5)]);
    // One opinion of two this round, before the deadline: not closed yet (round 1's three do not count).
    await expect(closeOpinions(deps, ref)).rejects.toMatchObject({ name: 'TransientTaskError' });
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("CloseOpinions of round 2 at the minimum: received is the round's count", async () => {
    arrange([
      contractItem('signed'),
      collectingRoundTwo(),
      ...roundOneOpinions,
      opinionItem(2, 1, 5),
      opinionItem(2, 2, 4),
    ]);
    await expect(closeOpinions(deps, ref)).resolves.toEqual({ received: 2, minimum: 2, short: false });
    expect(putItem(transactItems(ddbMock), 0)).toMatchObject({
      status: 'inspecting',
      opinionsClosed: { round: 2, received: 2, minimum: 2, short: false },
    });
  });

  it("a round 1 that failed on the recipients' opinions passes in round 2 when they are satisfied: Decide counts round 2's opinions only", async () => {
    arrange([
      contractItem('signed'),
      acceptanceItem(
        acceptance({
          status: 'inspecting',
          round: 2,
          plan: twoNeeded,
          rounds: [failedOnOpinions],
          opinionsClosed: { round: 2, at: 'x', received: 3, minimum: 2, short: false },
          measurements: {
            round: 2,
            values: { visits_pct: 97 },
            by: { sub: 'u-town', role: 'town' },
            at: 'x',
          },
        }),
      ),
      ...roundOneOpinions,
      opinionItem(2, 1, 5),
      opinionItem(2, 2, 4),
      opinionItem(2, 3, 5),
      {
        ...keys.panelSignature(CONTRACT_ID, ACCEPTANCE_ID, 2, 'u-town'),
        sub: 'u-town',
        round: 2,
        verdict: 'confirm',
      },
    ]);
    await expect(decideRound(deps, ref)).resolves.toEqual({ round: 2, next: 'passed' });
    const written = putItem(transactItems(ddbMock), 0) as unknown as Acceptance;
    expect(written.rounds[1]).toMatchObject({
      round: 2,
      decision: 'passed',
      rule: {
        outcome: 'passed',
        reasons: [],
        opinions: { received: 3, satisfied: 3, satisfiedShareBp: 10_000 },
      },
    });
  });
});

/** An opinion as the code before the rounds wrote it: keyed OPINION#<acc>#<inv>, its id the invitation's, no round. */
const legacyOpinionItem = (n: number, satisfaction: number) => ({
  PK: keys.acceptancePartition(CONTRACT_ID),
  SK: `OPINION#${ACCEPTANCE_ID}#inv_${n}`,
  recordType: 'opinion',
  id: `inv_${n}`,
  contractId: CONTRACT_ID,
  acceptanceId: ACCEPTANCE_ID,
  satisfaction,
  items: [],
  version: 1,
  ...head(1),
});

describe('opinions from before the rounds (old key, no round; the embedded stack keeps its data) count in round 1 (R-ACC-2)', () => {
  const collectingRoundOne = acceptance({
    status: 'collecting_opinions',
    plan: twoNeeded,
    rounds: [],
    opinionsClosed: undefined,
    measurements: undefined,
    workflow: { executionArn: 'arn:exec', waitingFor: 'opinions' },
  });

  it('CloseOpinions of round 1 counts them with the new ones: the minimum is reached before the deadline', async () => {
    arrange([
      contractItem('signed'),
      acceptanceItem(collectingRoundOne),
      legacyOpinionItem(1, 5),
      opinionItem(1, 2, 4),
    ]);
    await expect(closeOpinions(deps, ref)).resolves.toEqual({ received: 2, minimum: 2, short: false });
  });

  it("Decide of round 1 counts them in the rule; Decide of round 2 does not (they are round 1's)", async () => {
    const inspecting = (round: number) =>
      acceptance({
        status: 'inspecting',
        round,
        plan: twoNeeded,
        rounds: round === 1 ? [] : [failedOnOpinions],
        opinionsClosed: { round, at: 'x', received: 2, minimum: 2, short: false },
        measurements: { round, values: { visits_pct: 97 }, by: { sub: 'u-town', role: 'town' }, at: 'x' },
      });
    const signature = (round: number) => ({
      ...keys.panelSignature(CONTRACT_ID, ACCEPTANCE_ID, round, 'u-town'),
      sub: 'u-town',
      round,
      verdict: 'confirm',
    });
    const legacy = [legacyOpinionItem(1, 5), legacyOpinionItem(2, 4), legacyOpinionItem(3, 5)];

    arrange([contractItem('signed'), acceptanceItem(inspecting(1)), ...legacy, signature(1)]);
    await expect(decideRound(deps, ref)).resolves.toEqual({ round: 1, next: 'passed' });
    expect(
      (putItem(transactItems(ddbMock), 0) as unknown as Acceptance).rounds[0]?.rule.opinions,
    ).toMatchObject({
      received: 3,
      satisfied: 3,
    });

    ddbMock.reset();
    arrange([
      contractItem('signed'),
      acceptanceItem(inspecting(2)),
      ...legacy,
      opinionItem(2, 1, 5),
      opinionItem(2, 2, 5),
      signature(2),
    ]);
    await expect(decideRound(deps, ref)).resolves.toEqual({ round: 2, next: 'passed' });
    expect(
      (putItem(transactItems(ddbMock), 0) as unknown as Acceptance).rounds[1]?.rule.opinions,
    ).toMatchObject({
      received: 2,
      satisfied: 2,
    });
  });
});

describe("the contract ends between the callback task's load and its park (R-ACC-3)", () => {
  const collecting = acceptance({
    status: 'collecting_opinions',
    rounds: [],
    opinionsClosed: undefined,
    measurements: undefined,
    workflow: { executionArn: 'arn:exec', waitingFor: 'opinions' },
  });

  it('the task reads the contract again after parking (strongly consistent): cancels, fails its own token with AcceptanceCancelled and clears it', async () => {
    const table = arrange([contractItem('signed'), acceptanceItem(collecting)]);
    // The bureau's termination commits after the task loaded the running contract, before its token is parked.
    callbacks.park.mockImplementationOnce(() => {
      table.splice(0, 1, contractItem('terminated'));
      return Promise.resolve();
    });
    await awaitAcceptanceCallback(deps, { ...ref, waitingFor: 'opinions', taskToken: 'tok-raced' });

    expect(callbacks.park).toHaveBeenCalledTimes(1);
    expect(tasks.sendTaskFailure).toHaveBeenCalledWith('tok-raced', ACCEPTANCE_CANCELLED, expect.any(String));
    expect(callbacks.clear).toHaveBeenCalledWith(CONTRACT_ID, ACCEPTANCE_ID, 'tok-raced');
    expect(tasks.sendTaskSuccess).not.toHaveBeenCalled();
    expectCancelledOnly('terminated', /terminated: 承接方严重违约/);
    // The contract is read again after the park, strongly consistent: a termination acknowledged before it is seen.
    const contractReads = ddbMock
      .commandCalls(GetCommand)
      .filter((c) => c.args[0].input.Key?.PK === keys.contract(CONTRACT_ID).PK);
    expect(contractReads).toHaveLength(2);
    expect(contractReads[1]?.args[0].input).toMatchObject({ ConsistentRead: true });
  });

  /** A transaction that holds as DynamoDB's does: each Put conditioned on `version = :expected` fails if it moved. */
  function enforceVersions(table: Record<string, unknown>[]) {
    ddbMock.on(TransactWriteCommand).callsFake((input: { TransactItems: TransactItems }) => {
      const codes = input.TransactItems.map((i) => {
        const put = i.Put;
        if (put?.ConditionExpression !== 'version = :expected') return 'None';
        const current = table.find((t) => t.PK === put.Item?.PK && t.SK === put.Item?.SK);
        return current?.version === put.ExpressionAttributeValues?.[':expected']
          ? 'None'
          : 'ConditionalCheckFailed';
      });
      if (codes.includes('ConditionalCheckFailed')) throw canceled(...codes);
      return {};
    });
  }

  it('a termination between the load and the park (its own transaction cancelled the acceptance): the task reads the acceptance again and fails its token, never writing on the copy it read before (R-ACC-3)', async () => {
    const table = arrange([contractItem('signed'), acceptanceItem(collecting)]);
    enforceVersions(table);
    // The real termination (payments.ts terminateContract): one transaction moves the contract AND cancels the
    // acceptance (its version up), after the task's load, before its park.
    callbacks.park.mockImplementationOnce(() => {
      table.splice(
        0,
        2,
        { ...contractItem('terminated'), version: 8 },
        {
          ...acceptanceItem({
            ...collecting,
            status: 'cancelled',
            cancellation: {
              reason: 'contract terminated: 承接方严重违约',
              contractStatus: 'terminated',
              at: '2035-08-10T09:59:00.000+08:00',
            },
            workflow: { executionArn: 'arn:exec' },
            version: collecting.version + 1,
          }),
        },
      );
      return Promise.resolve();
    });
    // abortAcceptances may have failed the token first: the task's own failure finds it spent.
    tasks.sendTaskFailure.mockRejectedValueOnce(
      Object.assign(new Error('Task Timed Out'), { name: 'TaskTimedOut' }),
    );

    await expect(
      awaitAcceptanceCallback(deps, { ...ref, waitingFor: 'opinions', taskToken: 'tok-raced' }),
    ).resolves.toBeUndefined();

    expect(tasks.sendTaskFailure).toHaveBeenCalledWith(
      'tok-raced',
      ACCEPTANCE_CANCELLED,
      expect.stringMatching(/terminated: 承接方严重违约/),
    );
    expect(callbacks.clear).toHaveBeenCalledWith(CONTRACT_ID, ACCEPTANCE_ID, 'tok-raced');
    expect(tasks.sendTaskSuccess).not.toHaveBeenCalled();
    // Cancelled already, in the termination's transaction: nothing to write again.
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    const acceptanceReads = ddbMock
      .commandCalls(GetCommand)
      .filter((c) => c.args[0].input.Key?.SK === keys.acceptance(CONTRACT_ID, ACCEPTANCE_ID).SK);
    expect(acceptanceReads).toHaveLength(2);
    expect(acceptanceReads[1]?.args[0].input).toMatchObject({ ConsistentRead: true });
  });

  it('a failure to send other than a spent token is thrown (the task retries; nothing is cleared)', async () => {
    const table = arrange([contractItem('signed'), acceptanceItem(collecting)]);
    callbacks.park.mockImplementationOnce(() => {
      table.splice(
        1,
        1,
        acceptanceItem({ ...collecting, status: 'cancelled', version: collecting.version + 1 }),
      );
      return Promise.resolve();
    });
    tasks.sendTaskFailure.mockRejectedValueOnce(
      Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
    );

    await expect(
      awaitAcceptanceCallback(deps, { ...ref, waitingFor: 'opinions', taskToken: 'tok-raced' }),
    ).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(callbacks.clear).not.toHaveBeenCalled();
  });
});
