/**
 * Announce (shared/use-cases/acceptance-tasks.ts, R-ACC-2, R-ACC-4): the opinions the announced result counts (received
 * against the minimum, public in 验收结果公告) are the rule's own count, the one Decide decided on, not CloseOpinions' record.
 * An opinion can land between CloseOpinions' count and its commit (its transaction checks the acceptance's status,
 * not its version): the close then records `short` while the rule, counting at Decide, saw the minimum. The
 * disclosure (another module's) is mocked: here, what Announce hands it.
 */
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { GetCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { clock, store } from '#shared/adapters/store';
import type { Acceptance, RoundResult } from '#shared/domain/acceptance';
import { announce } from '#shared/use-cases/acceptance-tasks';
import { acceptanceDisclosure } from '#shared/use-cases/implementation-disclosure';
import { head, putItem, transactItems } from './support';

vi.mock('#shared/use-cases/implementation-disclosure', () => ({
  acceptanceDisclosure: vi.fn(async () => []),
}));

const ddbMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2035-08-10T02:00:00.000Z');
const CONTRACT_ID = 'con_01jabcdefg0123456789';
const ACCEPTANCE_ID = 'acc_01jabcdefg0123456789';
const ref = { contractId: CONTRACT_ID, acceptanceId: ACCEPTANCE_ID, round: 1 };

const plan = {
  indicators: [],
  recipients: { sampleSize: 3, minimumOpinions: 2, satisfiedShareBp: 8_000, answerDays: 14 },
  rectification: { maxRounds: 2, days: 30, deductionBpPerRound: 500 },
  paymentTermDays: 30,
} as unknown as Acceptance['plan'];

/** Round 1 decided on `counted` opinions (all satisfied) against the minimum of 2. */
const decided = (counted: number): RoundResult => {
  const enough = counted >= 2;
  return {
    round: 1,
    rule: {
      outcome: enough ? 'passed' : 'failed',
      reasons: enough ? [] : ['too_few_opinions'],
      indicators: [],
      opinions: {
        received: counted,
        minimum: 2,
        satisfied: counted,
        satisfiedShareBp: 10_000,
        thresholdBp: 8_000,
      },
    },
    decision: enough ? 'passed' : 'failed',
    failedBy: [],
    signatures: [{ sub: 'u-town', verdict: 'confirm' }],
    decidedAt: '2035-08-10T09:00:00.000+08:00',
    next: enough ? 'passed' : 'failed',
  };
};

/** Inspecting round 1, whose close counted 1 opinion of 2 at the deadline (short), decided on `counted`. */
const acceptance = (counted: number): Acceptance =>
  ({
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
    sample: { population: 3, size: 3, seed: 'ab'.repeat(32) },
    invitations: [],
    answerBy: '2035-08-09T10:00:00.000+08:00',
    opinionsClosed: { round: 1, at: '2035-08-09T10:00:00.000+08:00', received: 1, minimum: 2, short: true },
    measurements: { round: 1, values: {}, by: { sub: 'u-town', role: 'town' }, at: 'x' },
    rounds: [decided(counted)],
    workflow: { executionArn: 'arn:exec', waitingFor: 'panel' },
    openedBy: { sub: 'u-town', role: 'town' },
    version: 6,
    createdAt: '2035-07-25T10:00:00.000+08:00',
    updatedAt: '2035-08-10T09:00:00.000+08:00',
  }) as Acceptance;

function arrange(counted: number): void {
  const items = [
    { ...keys.contract(CONTRACT_ID), id: CONTRACT_ID, status: 'signed', version: 7, ...head(7) },
    { ...keys.acceptance(CONTRACT_ID, ACCEPTANCE_ID), ...acceptance(counted), ...head(6) },
    {
      ...keys.milestone(CONTRACT_ID, 2),
      contractId: CONTRACT_ID,
      seq: 2,
      status: 'scheduled',
      amount: 100_000,
      version: 2,
      ...head(2),
    },
  ];
  ddbMock.on(GetCommand).callsFake((input: GetCommandInput) => {
    const key = input.Key as { PK: string; SK: string };
    return { Item: items.find((item) => item.PK === key.PK && item.SK === key.SK) };
  });
  ddbMock.on(TransactWriteCommand).resolves({});
}

const announced = () => vi.mocked(acceptanceDisclosure).mock.calls[0]?.[1].acceptance;

beforeEach(() => {
  ddbMock.reset();
  vi.clearAllMocks();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the announced result counts the opinions by the rule's own count (R-ACC-2, R-ACC-4)", () => {
  it('the close counted 1 of 2 (an opinion landed before its commit), the rule counted 2: passed, announced with 2; a rule that counted 1 announces 1 and fails', async () => {
    arrange(2);

    await expect(announce({ store, clock }, ref)).resolves.toMatchObject({ next: 'passed' });

    expect(announced()).toMatchObject({ outcome: 'passed', opinions: { received: 2, minimum: 2 } });
    // The close's own record stays what the close saw.
    expect(putItem(transactItems(ddbMock), 0)).toMatchObject({
      status: 'passed',
      opinionsClosed: { received: 1, short: true },
    });

    // The control: the rule counted 1 of 2: the failure is announced with 1.
    ddbMock.reset();
    vi.clearAllMocks();
    arrange(1);
    await expect(announce({ store, clock }, ref)).resolves.toMatchObject({ next: 'failed' });
    expect(announced()).toMatchObject({ outcome: 'failed', opinions: { received: 1, minimum: 2 } });
  });
});
