/**
 * Challenges in the standstill under concurrency (R-PROC-5, issue 10 §2), against DynamoDB Local through the
 * real use cases. Each test stores an awarded project in its standstill with its bids, as the workflow leaves it
 * after Award, and a workflow parked on 'challenges' behind in-memory callback ports that behave as Step
 * Functions does (a token is accepted once; answering it again is refused as spent, TaskTimedOut). Counted
 * outcomes: parallel filings all land, one answer per challenge however many are sent at once, the workflow
 * resumed exactly once when the last open challenges are answered together, one rescore of two sustained at once.
 */
import { describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { store } from '#shared/adapters/store';
import type { BidRecord } from '#shared/domain/procurement-records';
import { isoWithOffset, systemClock } from '#shared/domain/clock';
import { DomainError } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import type { Project } from '#shared/domain/project';
import { standstillPeriod, type Challenge } from '#shared/domain/standstill';
import {
  answerProjectChallenge,
  fileProjectChallenge,
  listProjectChallenges,
} from '#shared/use-cases/challenges';
import { openLine } from '#shared/use-cases/budget-lines';
import { projectChange } from '#shared/use-cases/project-records';
import type { CallbackDeps } from '#shared/use-cases/workflow-callbacks';
import { api, token } from '../support/stack-client';
import { project as projectFixture } from '../handlers/procurement-fixtures';

const WORKFLOW = { sub: 'workflow:procurement', role: 'workflow' };
const BUREAU = { sub: 'u-race-bureau', role: 'bureau' };
const SECOND_BUREAU = { sub: 'u-race-bureau-2', role: 'bureau' };
const BIDDERS = 6;
const deps = { store, clock: systemClock };

/** The workflow parked on 'challenges', as Step Functions treats its token: accepted once, then spent. */
function parkedWorkflow(projectId: string): CallbackDeps & { accepted: number; spent: number } {
  let parked: { taskToken: string } | undefined = { taskToken: `token-${projectId}` };
  let answered = false;
  const port = {
    accepted: 0,
    spent: 0,
    callbacks: {
      park: async () => undefined,
      find: async () =>
        parked
          ? { projectId, waitingFor: 'challenges' as const, parkedAt: isoWithOffset(new Date()), ...parked }
          : undefined,
      clear: async () => {
        parked = undefined;
      },
    },
    tasks: {
      sendTaskSuccess: async () => {
        // Step Functions takes a token once; again, it is refused (workflow-callbacks.ts swallows it).
        if (answered) {
          port.spent++;
          throw Object.assign(new Error('task already answered'), { name: 'TaskTimedOut' });
        }
        answered = true;
        port.accepted++;
      },
      sendTaskFailure: async () => undefined,
    },
  };
  return port;
}

/** An awarded project of pur-town-1 in its standstill (opened an hour ago) with BIDDERS bids; bidder 0 won. */
async function awardedWithBids(): Promise<{ project: Project; bidders: string[] }> {
  const id = newId('prj');
  const bidders = Array.from({ length: BIDDERS }, () => newId('ctr'));
  const opened = new Date(Date.now() - 3_600_000);
  const at = isoWithOffset(opened);
  const bids: BidRecord[] = bidders.map((contractorId, i) => ({
    id: newId('bid'),
    projectId: id,
    contractorId,
    contractorKind: 'social_organization',
    contractorName: `并发质疑测试机构 ${i}`,
    nonProfit: true,
    price: 900_000 + i,
    proposal: { summary: '服务方案' },
    documentIds: [],
    revision: 1,
    submittedAt: at,
    submittedBy: { sub: `u-${contractorId}`, role: 'contractor' },
    version: 1,
  }));
  const line = await openLine(
    deps,
    { purchaserId: 'pur-town-1', fiscalYear: 2025, source: 'special_funds', amount: 10_000_000 },
    { viewer: BUREAU, actor: BUREAU, remember: () => [] },
  );
  const project = projectFixture({
    id,
    budgetLineId: line.id,
    status: 'awarded',
    scoringRound: 1,
    evaluatorIds: ['u-race-evaluator'],
    tender: { publishedAt: at, bidDeadline: at, minimumBids: 3 },
    workflow: {
      executionArn: `arn:aws-cn:states:cn-north-1:000000000000:execution:procurement:${id}`,
      startedAt: at,
      waitingFor: 'challenges',
    },
    evaluation: {
      round: 1,
      evaluatedAt: at,
      ranked: [],
      disqualified: [],
      tieBreaks: [],
      winner: bids[0]!.id,
      drawRequired: false,
    },
    award: {
      bidId: bids[0]!.id,
      contractorId: bidders[0]!,
      contractorName: bids[0]!.contractorName,
      contractorKind: 'social_organization',
      price: bids[0]!.price,
      awardedAt: at,
      standstill: standstillPeriod(opened),
    },
    createdAt: at,
    updatedAt: at,
  });
  await store.commit([
    projectChange(project, 'test.awarded', WORKFLOW),
    ...bids.map((bid) => ({
      recordType: 'bid',
      recordId: bid.id,
      key: keys.bid(id, bid.contractorId),
      value: bid,
      actor: bid.submittedBy,
      action: 'bid.submitted',
      at,
    })),
  ]);
  return { project, bidders };
}

const file = (projectId: string, contractorId: string, grounds = '评分与采购文件规定的评审标准不符。') =>
  fileProjectChallenge(
    deps,
    projectId,
    { grounds },
    {
      viewer: { sub: `u-${contractorId}`, role: 'contractor', contractorId },
      actor: { sub: `u-${contractorId}`, role: 'contractor' },
      remember: () => [],
    },
  );

const answer = (ports: CallbackDeps, challenge: Challenge, input: Record<string, unknown>, by = BUREAU) =>
  answerProjectChallenge(
    { ...deps, ...ports },
    { projectId: challenge.projectId, challengeId: challenge.id },
    input as never,
    { viewer: by, actor: by, ifMatch: challenge.version },
  );

const DISMISS = { outcome: 'dismissed', reply: '经复核，评分符合采购文件规定的评审标准。' };
const RESCORE = { outcome: 'sustained', remedy: 'rescore', reply: '评分有误，重新评审。' };

const outcomeOf = (settled: PromiseSettledResult<unknown>): string =>
  settled.status === 'fulfilled'
    ? 'landed'
    : settled.reason instanceof DomainError
      ? settled.reason.code
      : `unexpected ${String(settled.reason)}`;

async function answersInTrail(challenge: Challenge): Promise<string[]> {
  const trail = await api<{ entries: { action: string }[] }>(
    'GET',
    `/v1/audit/challenge/${challenge.id}?limit=100`,
    { token: await token('auditor') },
  );
  expect(trail.status).toBe(200);
  return trail.json.entries.map((e) => e.action);
}

describe('challenges under concurrency (R-PROC-5)', () => {
  it(`${BIDDERS - 1} losing bidders file at once, one of them twice: all ${BIDDERS} filings land and are listed`, async () => {
    // Arrange
    const { project, bidders } = await awardedWithBids();
    const filers = [...bidders.slice(1), bidders[1]!];

    // Act
    const settled = await Promise.allSettled(filers.map((contractorId) => file(project.id, contractorId)));

    // Assert
    expect(settled.map(outcomeOf)).toEqual(filers.map(() => 'landed'));
    const listed = await listProjectChallenges(deps, project.id, BUREAU);
    expect(listed.map((c) => c.contractorId).sort()).toEqual([...filers].sort());
    expect(new Set(listed.map((c) => c.id)).size).toBe(filers.length);
    expect(listed.every((c) => c.status === 'open' && c.round === 1)).toBe(true);
  });

  it('the same challenge answered by two clerks at once: one answer lands, the other is refused as stale', async () => {
    // Arrange
    const { project, bidders } = await awardedWithBids();
    const challenge = await file(project.id, bidders[1]!);
    const ports = parkedWorkflow(project.id);

    // Act
    const settled = await Promise.allSettled([
      answer(ports, challenge, DISMISS, BUREAU),
      answer(ports, challenge, { ...DISMISS, reply: '另一位经办人的答复。' }, SECOND_BUREAU),
    ]);

    // Assert
    expect(settled.map(outcomeOf).sort()).toEqual(['landed', 'stale']);
    const [stored] = await listProjectChallenges(deps, project.id, BUREAU);
    expect(stored).toMatchObject({ id: challenge.id, status: 'dismissed', version: challenge.version + 1 });
    expect(await answersInTrail(challenge)).toEqual(['challenge.filed', 'challenge.dismissed']);
    // It was the only open challenge: the workflow was resumed, once.
    expect(ports.accepted).toBe(1);
  });

  it('the last two open challenges dismissed at once: both land and the workflow is resumed exactly once', async () => {
    // Arrange
    const { project, bidders } = await awardedWithBids();
    const challenges = await Promise.all([file(project.id, bidders[1]!), file(project.id, bidders[2]!)]);
    const ports = parkedWorkflow(project.id);

    // Act
    const settled = await Promise.allSettled(challenges.map((c) => answer(ports, c, DISMISS)));

    // Assert
    expect(settled.map(outcomeOf)).toEqual(['landed', 'landed']);
    const stored = await listProjectChallenges(deps, project.id, BUREAU);
    expect(stored.map((c) => c.status)).toEqual(['dismissed', 'dismissed']);
    expect(ports.accepted).toBe(1);
    expect(ports.spent).toBeLessThanOrEqual(1);
  });

  it('two challenges sustained with a rescore at once: one withdraws the award, the other is refused and stays open', async () => {
    // Arrange
    const { project, bidders } = await awardedWithBids();
    const challenges = await Promise.all([file(project.id, bidders[1]!), file(project.id, bidders[2]!)]);
    const ports = parkedWorkflow(project.id);

    // Act
    const settled = await Promise.allSettled(challenges.map((c) => answer(ports, c, RESCORE)));

    // Assert: one rescore; the loser's answer left nothing behind (one transaction).
    const outcomes = settled.map(outcomeOf);
    expect(outcomes.filter((o) => o === 'landed')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'landed')).toEqual([expect.stringMatching(/^(conflict|stale)$/)]);
    const stored = await listProjectChallenges(deps, project.id, BUREAU);
    expect(stored.map((c) => c.status).sort()).toEqual(['open', 'sustained']);
    const after = (await store.get<Project>(keys.project(project.id)))?.value;
    expect(after).toMatchObject({ status: 'bidding_closed', scoringRound: 2 });
    expect(after?.award).toBeUndefined();
    expect(after?.withdrawnAwards).toHaveLength(1);
    expect(ports.accepted).toBe(1);
  });
});
