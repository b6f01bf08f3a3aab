/**
 * Issue 3 §3–6 end to end over HTTP on the embedded stack: one project from draft to signed contract
 * through the procurement workflow (infra/workflows/procurement.asl.json on the local runner), one that
 * ends unsuccessful, one cancelled while the workflow waits. Periods last seconds here
 * (MINIMUM_PERIOD_SECONDS_OVERRIDE, set by the test stack); everything else is as in production. Each test
 * must finish inside the stack project's 60 s test timeout: "draft to signed contract in under a minute".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExecutionArn } from '#infra/local/sfn-api';
import { createExecutionStore, type ExecutionRecord, type ExecutionStore } from '#infra/local/sfn-store';
import { stackInfo, token, waitFor } from '../support/stack-client';
import { apiClient, ok, type Schema } from '../support/api-client';
import { etag, eligibleContractor, openBudgetLine, unique } from '../support/procurement';
import { expectValidRecordPackage, expectValidReleasePackage } from '../support/ocds-schema';
import { deadlineIn, newCreditCode } from '../support/fixtures';
import { enrolEvaluators } from '../support/evaluator-pool';
import { PERIOD_OVERRIDE_SECONDS } from '../support/embedded-stack.global';

type Project = Schema<'Project'>;
type Contract = Schema<'Contract'>;
/** What these tests read of an OCDS release, which the contract leaves to the OCDS 1.1 schema. */
interface OcdsRelease {
  ocid: string;
  tag: string[];
}

const YEAR = 2032;
let executions: ExecutionStore | undefined;
afterAll(() => executions?.close());

let town: string;
let bureau: string;
let approver: string;
let evaluators: { sub: string; token: string }[];
let bidders: { id: string; token: string }[];

beforeAll(async () => {
  [town, bureau, approver] = await Promise.all([
    token('town', { purchaserId: 'pur-town-1', sub: 'e2e-town-clerk' }),
    token('bureau', { purchaserId: 'pur-district', sub: 'e2e-bureau-clerk' }),
    token('bureau', { purchaserId: 'pur-district', sub: 'e2e-bureau-approver' }),
  ]);
  evaluators = await Promise.all(
    ['e2e-eval-1', 'e2e-eval-2', 'e2e-eval-3'].map(async (sub) => ({
      sub,
      token: await token('evaluator', { sub }),
    })),
  );
  await enrolEvaluators(evaluators.map((e) => e.sub));
  // Two non-profit social organizations and one enterprise, all eligible (R-QUAL-2).
  bidders = await Promise.all([
    eligibleContractor({ name: '阳光社会工作服务中心' }),
    eligibleContractor({ name: '康乐养老服务中心' }),
    eligibleContractor({
      name: '安心家政服务有限公司',
      kind: 'enterprise',
      nonProfit: false,
      creditCode: newCreditCode('9'),
    }),
  ]);
}, 120_000);

const get = async (id: string) =>
  ok(await apiClient(town).GET('/v1/projects/{id}', { params: { path: { id } } }));

/**
 * Polls the project until `until` holds (the workflow moves it asynchronously); a wait that runs out says where
 * the project last stood.
 */
const projectWhen = (id: string, until: (p: Project) => boolean, timeoutMs = 20_000) =>
  waitFor(
    async () => {
      const project = await get(id);
      if (until(project)) return project;
      const { workflow } = project;
      throw new Error(
        `project ${id} is ${project.status} at version ${project.version}, ` +
          `waiting for ${workflow?.waitingFor ?? 'nothing'}` +
          (workflow?.failure ? `, its workflow failed: ${workflow.failure.error}` : ''),
      );
    },
    { timeoutMs, intervalMs: 50 },
  );

/**
 * The execution as the local runner describes it: its describeExecution answers an execution it does not hold in
 * this process (the runner lives in the stack's global setup) from exactly this record, read consistently.
 */
function describeExecution(executionArn: string): Promise<ExecutionRecord | undefined> {
  executions ??= createExecutionStore({
    endpoint: stackInfo().dynamoEndpoint,
    tableName: stackInfo().tableName,
  });
  const { workflow, name } = parseExecutionArn(executionArn);
  return executions.get(workflow, name);
}

/** Where a running execution stands, for the message of a wait that ran out. */
function standing(record: ExecutionRecord): string {
  const park = record.park;
  if (!park) return `${record.status} in ${record.state}`;
  if (!park.token) return `${record.status} in ${record.state}, waiting until ${park.waitUntil ?? '?'}`;
  const answer = park.outcome
    ? `answered ${park.outcome.ok ? 'with success' : `with ${park.outcome.error}`}`
    : 'not answered';
  const fn = park.invoked ? 'its function returned' : 'its function not yet returned';
  return `${record.status} in ${record.state}, parked on a callback (${fn}, ${answer})`;
}

/**
 * How long an execution may take to end once nothing is left for it to wait for. At most one task function runs
 * then (the callback task that fails or resumes its own token, or a task that finds the project cancelled), and
 * the runner's own steps take milliseconds: measured 0.15–0.2 s from the last answer to the ended record, at a load
 * average of 10 on the 2 cores. 20 s leaves room for a cold function on a machine shared by three test forks and
 * the stack; it is a deadline for a report, not a timing. No path here waits for a timeout any more: a callback
 * left unanswered would wait its TimeoutSeconds (an hour), and the report says so (`standing`).
 */
const EXECUTION_END_MS = 20_000;

/**
 * Waits until the workflow's execution has ended and expects it to have succeeded in `endState`. The condition
 * is the execution's own status, as the runner describes it; while it runs, each check throws where it stands,
 * which is what waitFor reports if the deadline passes.
 */
async function executionEnded(executionArn: string, endState: 'Contracted' | 'Unsuccessful' | 'Cancelled') {
  const ended = await waitFor(
    async () => {
      const record = await describeExecution(executionArn);
      if (!record) throw new Error(`no execution ${executionArn}`);
      if (record.status === 'RUNNING') throw new Error(`${executionArn} is ${standing(record)}`);
      return record;
    },
    { timeoutMs: EXECUTION_END_MS, intervalMs: 100 },
  );
  expect({ status: ended.status, state: ended.state }).toEqual({ status: 'SUCCEEDED', state: endState });
}

/** A consultation project of pur-town-1, approved by a second person, with three evaluators. */
async function approvedProject(estimate = 60_000_000): Promise<Project> {
  const line = await openBudgetLine(town, 'pur-town-1', YEAR, 100_000_000);
  const created = await apiClient(town).POST('/v1/projects', {
    params: { header: { 'Idempotency-Key': `prj-${unique()}` } },
    body: {
      purchaserId: 'pur-town-1',
      title: '东山镇困境儿童关爱服务项目',
      catalogCode: 'C-CAREGIVING',
      budgetLineId: line.id,
      estimatedAmount: estimate,
      quantity: { value: 1000, unit: '小时' },
      term: { start: `${YEAR}-03-01`, end: `${YEAR}-12-31` },
      procurementMethod: 'competitive_consultation',
      evaluationCriteria: {
        quality: [
          { code: 'service_plan', description: '服务方案与质量保障', weight: 50 },
          { code: 'team', description: '人员配备与专业资质', weight: 25 },
        ],
        priceWeight: 25,
      },
    },
  });
  expect(created.response.status).toBe(201);
  const project = ok(created);
  const submitted = await apiClient(town).POST('/v1/projects/{id}/submit', {
    params: { path: { id: project.id }, header: { 'If-Match': etag(project.version) } },
  });
  expect(submitted.response.status).toBe(200);
  const approved = await apiClient(approver).POST('/v1/projects/{id}/approve', {
    params: { path: { id: project.id }, header: { 'If-Match': etag(ok(submitted).version) } },
  });
  expect(approved.response.status).toBe(200);
  const panel = await apiClient(bureau).PUT('/v1/projects/{id}/evaluators', {
    params: { path: { id: project.id }, header: { 'If-Match': etag(ok(approved).version) } },
    body: { evaluatorIds: evaluators.map((e) => e.sub) },
  });
  expect(panel.response.status).toBe(200);
  return ok(panel);
}

/** Publishes with a deadline `seconds` from now (at least the override's minimum). */
async function publish(project: Project, seconds: number): Promise<Project> {
  const bidDeadline = deadlineIn(seconds);
  const accepted = await apiClient(town).POST('/v1/projects/{id}/publish', {
    params: { path: { id: project.id }, header: { 'If-Match': etag(project.version) } },
    body: { bidDeadline },
  });
  expect(accepted.response.status).toBe(202);
  expect(ok(accepted).status).toBe('publishing');
  return projectWhen(project.id, (p) => p.status === 'published');
}

/** A first bid (If-None-Match: *), or a revision of the bid at `version` (If-Match), issue 12 §3. */
const bid = (
  projectId: string,
  bidder: { token: string },
  price: number,
  summary = '服务方案',
  version?: number,
) =>
  apiClient(bidder.token).PUT('/v1/projects/{id}/bid', {
    params: {
      path: { id: projectId },
      header: version === undefined ? { 'If-None-Match': '*' } : { 'If-Match': etag(version) },
    },
    body: { price, proposal: { summary } },
  });

/** The opened bids of a project, as the bureau reads them after the deadline. */
const openedBids = async (projectId: string) =>
  ok(await apiClient(bureau).GET('/v1/projects/{id}/bids', { params: { path: { id: projectId } } })).items;

/** The kinds of the public announcements about a project. */
const announcementKinds = async (projectId: string) =>
  ok(await apiClient().GET('/v1/public/announcements', { params: { query: { limit: 100 } } }))
    .items.filter((x) => x.projectId === projectId)
    .map((x) => x.kind);

describe('procurement end to end (R-PROC-1..5, R-QUAL-4, R-CON-1..3, R-FUND-2, R-SUP-3)', () => {
  it('takes one project from draft to a signed contract, with a challenge dismissed on the way', async () => {
    const startedAt = new Date().toISOString();
    const project = await approvedProject();
    const published = await publish(project, PERIOD_OVERRIDE_SECONDS + 4);
    expect(published.tender).toMatchObject({ minimumBids: 3 });
    expect(published.workflow?.waitingFor).toBe('bid_deadline');

    // Three bids; the cheapest is the enterprise, whose service plan will score lowest.
    const [a, b, c] = bidders as [(typeof bidders)[0], (typeof bidders)[0], (typeof bidders)[0]];
    const first = await bid(project.id, a, 58_000_000);
    expect(first.response.status).toBe(201);
    expect((await bid(project.id, b, 57_000_000)).response.status).toBe(201);
    expect((await bid(project.id, c, 45_000_000)).response.status).toBe(201);
    // A revision keeps the bid (R-PROC-1: revisable until the deadline).
    const revised = await bid(project.id, a, 55_000_000, '修订后的服务方案', ok(first).version);
    expect(revised.response.status).toBe(200);
    expect(revised.data).toMatchObject({ id: ok(first).id, revision: 2, price: 55_000_000 });

    // Sealed: not even the bureau reads bids before the deadline.
    const sealed = await apiClient(bureau).GET('/v1/projects/{id}/bids', {
      params: { path: { id: project.id } },
    });
    expect(sealed.response.status).toBe(409);

    const closed = await projectWhen(project.id, (p) => p.status === 'bidding_closed');
    expect(closed.scoringRound).toBe(1);
    // Late bids are refused, whatever version they name.
    expect((await bid(project.id, a, 50_000_000, undefined, ok(revised).version)).response.status).toBe(409);
    const bids = await openedBids(project.id);
    expect(bids).toHaveLength(3);
    const bidOf = (contractorId: string) => bids.find((x) => x.contractorId === contractorId)!;

    // Each evaluator scores each bid on each criterion; the last sheet wakes the workflow.
    const plan: Record<string, [number, number]> = {
      [a.id]: [90, 85],
      [b.id]: [80, 80],
      [c.id]: [60, 70],
    };
    for (const evaluator of evaluators) {
      const sheet = await apiClient(evaluator.token).PUT('/v1/projects/{id}/scores', {
        params: { path: { id: project.id }, header: { 'If-None-Match': '*' } },
        body: {
          scores: Object.entries(plan).flatMap(([contractorId, [service, team]]) => [
            { bidId: bidOf(contractorId).id, criterionCode: 'service_plan', score: service },
            { bidId: bidOf(contractorId).id, criterionCode: 'team', score: team },
          ]),
        },
      });
      expect(sheet.response.status).toBe(201);
    }

    // Ranked by weighted score, not by the lowest price (R-PROC-3): A wins although C is cheapest.
    const awarded = await projectWhen(project.id, (p) => p.status === 'awarded');
    expect(awarded.evaluation?.ranked.map((r) => r.contractorId)).toEqual([a.id, b.id, c.id]);
    expect(awarded.award).toMatchObject({ contractorId: a.id, price: 55_000_000 });

    // A losing bidder challenges inside the standstill; the contract waits until the bureau answers.
    const challenge = await apiClient(c.token).POST('/v1/projects/{id}/challenges', {
      params: { path: { id: project.id }, header: { 'Idempotency-Key': `chl-${unique()}` } },
      body: { grounds: '我方报价最低，认为评分不公。' },
    });
    expect(challenge.response.status).toBe(201);
    const holding = await projectWhen(project.id, (p) => p.workflow?.waitingFor === 'challenges');
    expect(holding.contract).toBeUndefined();
    const answered = await apiClient(bureau).POST('/v1/projects/{id}/challenges/{challengeId}/answer', {
      params: {
        path: { id: project.id, challengeId: ok(challenge).id },
        header: { 'If-Match': etag(ok(challenge).version) },
      },
      body: { outcome: 'dismissed', reply: '经复核，评分符合采购文件规定的评审标准。' },
    });
    expect(answered.response.status).toBe(200);

    // The standard contract is drafted; both sides sign; the second signature commits the line. DraftContract shows
    // the wait for signatures before AwaitSignatures has parked its token, and both sign at once: a second signature
    // landing before the park is seen by the task's read after its park, which resumes itself (as for the draw).
    const drafted = await projectWhen(project.id, (p) => p.contract !== undefined);
    const contractId = drafted.contract!.id;
    const read = await apiClient(a.token).GET('/v1/contracts/{id}', { params: { path: { id: contractId } } });
    expect(read.response.status).toBe(200);
    const contract: Contract = ok(read);
    expect(contract).toMatchObject({ status: 'draft', price: 55_000_000, contractorId: a.id });
    expect(contract.clauses.map((x) => x.key)).toContain('no_subcontracting');
    expect(contract.paymentMilestones.reduce((sum, m) => sum + m.amount, 0)).toBe(55_000_000);
    const unseen = await apiClient(b.token).GET('/v1/contracts/{id}', {
      params: { path: { id: contractId } },
    });
    expect(unseen.response.status).toBe(404);

    const byContractor = await apiClient(a.token).POST('/v1/contracts/{id}/sign', {
      params: { path: { id: contractId }, header: { 'If-Match': etag(contract.version) } },
    });
    expect(byContractor.response.status).toBe(200);
    const byBureau = await apiClient(bureau).POST('/v1/contracts/{id}/sign', {
      params: { path: { id: contractId }, header: { 'If-Match': etag(ok(byContractor).version) } },
    });
    expect(byBureau.response.status).toBe(200);
    expect(ok(byBureau).status).toBe('signed');

    const contracted = await projectWhen(project.id, (p) => p.status === 'contracted');
    // Signed when the second signature (the bureau's, as purchaser) landed.
    const secondSignature = ok(byBureau).signatures.purchaser;
    expect(secondSignature?.at).toEqual(expect.any(String));
    expect(contracted.contract).toEqual({ id: contractId, signedAt: secondSignature!.at });
    const line = ok(
      await apiClient(town).GET('/v1/budget-lines/{id}', {
        params: { path: { id: (await get(project.id)).budgetLineId } },
      }),
    );
    expect(line).toMatchObject({ committed: 55_000_000, available: 45_000_000 });
    await executionEnded(published.workflow!.executionArn, 'Contracted');

    // The public record of the process: planning → tender → award → contract, valid OCDS 1.1.5. The feed is
    // shared with every other test of the run: follow its pages from this test's start to this project's release.
    let ocid: string | undefined;
    let cursor: string | undefined;
    for (;;) {
      const page = ok(
        await apiClient().GET('/v1/public/ocds/releases', {
          params: { query: { limit: 100, since: startedAt, ...(cursor ? { cursor } : {}) } },
        }),
      );
      expectValidReleasePackage(page);
      // The contract leaves a release an OCDS object (checked against the OCDS schema just above).
      const releases = page.releases as unknown as OcdsRelease[];
      ocid = releases.find((r) => r.ocid.endsWith(project.id))?.ocid;
      cursor = page.cursor;
      if (ocid || !page.links?.next) break;
    }
    // <OCDS_OCID_PREFIX>-<projectId> (docs/api.md); the test stack keeps the placeholder prefix unless set.
    expect(ocid).toBe(`${stackInfo().env.OCDS_OCID_PREFIX ?? 'ocds-xxxxxx'}-${project.id}`);
    const record = await apiClient().GET('/v1/public/ocds/records/{ocid}', {
      params: { path: { ocid: ocid ?? '' } },
    });
    expect(record.response.status).toBe(200);
    expectValidRecordPackage(record.data);
    const [theRecord] = ok(record).records as unknown as { releases: OcdsRelease[] }[];
    const tags = theRecord!.releases.flatMap((r) => r.tag);
    expect(tags).toEqual(expect.arrayContaining(['planning', 'tender', 'award', 'contract']));
    expect(await announcementKinds(project.id)).toEqual(
      expect.arrayContaining(['procurement_notice', 'award_result', 'contract']),
    );
  });

  it('sends the project back to scoring on a sustained challenge; a tie in the new round is settled by a witnessed draw', async () => {
    const project = await approvedProject();
    await publish(project, PERIOD_OVERRIDE_SECONDS + 4);
    const [a, b, c] = bidders as [(typeof bidders)[0], (typeof bidders)[0], (typeof bidders)[0]];
    // A and B (both non-profit social organizations) quote the same price.
    for (const [bidder, price] of [
      [a, 50_000_000],
      [b, 50_000_000],
      [c, 45_000_000],
    ] as const) {
      expect((await bid(project.id, bidder, price)).response.status).toBe(201);
    }
    await projectWhen(project.id, (p) => p.status === 'bidding_closed');
    const bids = await openedBids(project.id);
    const bidOf = (contractorId: string) => bids.find((x) => x.contractorId === contractorId)!.id;
    const score = async (round: Record<string, number>) => {
      for (const evaluator of evaluators) {
        const sheet = await apiClient(evaluator.token).PUT('/v1/projects/{id}/scores', {
          params: { path: { id: project.id }, header: { 'If-None-Match': '*' } },
          body: {
            scores: Object.entries(round).flatMap(([contractorId, points]) => [
              { bidId: bidOf(contractorId), criterionCode: 'service_plan', score: points },
              { bidId: bidOf(contractorId), criterionCode: 'team', score: points },
            ]),
          },
        });
        expect(sheet.response.status).toBe(201);
      }
    };

    // Round 1: A ahead of B.
    await score({ [a.id]: 90, [b.id]: 80, [c.id]: 60 });
    const first = await projectWhen(project.id, (p) => p.status === 'awarded');
    expect(first.award?.contractorId).toBe(a.id);

    // B challenges inside the standstill; the bureau sustains it and orders a new scoring round.
    const challenge = await apiClient(b.token).POST('/v1/projects/{id}/challenges', {
      params: { path: { id: project.id }, header: { 'Idempotency-Key': `chl-${unique()}` } },
      body: { grounds: '评审专家对我方服务方案的评分与采购文件的评分标准不符。' },
    });
    expect(challenge.response.status).toBe(201);
    const sustained = await apiClient(bureau).POST('/v1/projects/{id}/challenges/{challengeId}/answer', {
      params: {
        path: { id: project.id, challengeId: ok(challenge).id },
        header: { 'If-Match': etag(ok(challenge).version) },
      },
      body: { outcome: 'sustained', remedy: 'rescore', reply: '质疑成立，组织原评审委员会重新评审。' },
    });
    expect(sustained.response.status).toBe(200);
    const rescoring = await projectWhen(project.id, (p) => p.status === 'bidding_closed');
    expect(rescoring.scoringRound).toBe(2);
    expect(rescoring.award).toBeUndefined();

    // Round 2: A and B equal on everything, so no rule ranks them apart (R-QUAL-4 applies to both).
    await score({ [a.id]: 85, [b.id]: 85, [c.id]: 60 });
    // Evaluate shows the wait for a draw before AwaitDraw has parked its token; the draw is held at once, as a
    // client may. Landing before the park, its wake-up finds no token: the task's read after its park sees the draw
    // and resumes itself (before, it judged on the copy read before parking, and the execution waited an hour).
    const tied = await projectWhen(project.id, (p) => p.workflow?.waitingFor === 'draw');
    expect(tied.status).toBe('evaluated');
    expect(tied.evaluation?.winner).toBeUndefined();
    const drawn = await apiClient(bureau).POST('/v1/projects/{id}/draw', {
      params: { path: { id: project.id }, header: { 'If-Match': etag(tied.version) } },
      body: { order: [bidOf(b.id), bidOf(a.id)], witnessedBy: ['区财政局监督员', '区纪委监督员'] },
    });
    expect(drawn.response.status).toBe(200);

    // B is awarded; after its standstill the contract is drafted for B and both sides sign.
    const second = await projectWhen(project.id, (p) => p.status === 'awarded');
    expect(second.award?.contractorId).toBe(b.id);
    const drafted = await projectWhen(project.id, (p) => p.contract !== undefined);
    let contract: Contract = ok(
      await apiClient(bureau).GET('/v1/contracts/{id}', { params: { path: { id: drafted.contract!.id } } }),
    );
    expect(contract.contractorId).toBe(b.id);
    for (const signer of [b.token, bureau]) {
      const signed = await apiClient(signer).POST('/v1/contracts/{id}/sign', {
        params: { path: { id: contract.id }, header: { 'If-Match': etag(contract.version) } },
      });
      expect(signed.response.status).toBe(200);
      contract = ok(signed);
    }
    await projectWhen(project.id, (p) => p.status === 'contracted');
    const kinds = await announcementKinds(project.id);
    expect(kinds.filter((k) => k === 'award_result')).toHaveLength(2);
    expect(kinds).toContain('award_withdrawn');
  });

  it('declares a project unsuccessful when fewer bids than the method needs arrive (政府采购法 第三十六条)', async () => {
    const project = await approvedProject();
    const published = await publish(project, PERIOD_OVERRIDE_SECONDS + 1);
    expect((await bid(project.id, bidders[0]!, 50_000_000)).response.status).toBe(201);

    const ended = await projectWhen(project.id, (p) => p.status === 'unsuccessful');
    expect(ended.unsuccessful).toMatchObject({ reason: 'too_few_bids' });
    expect(ended.unsuccessful?.detail).toContain('1 bid');
    await executionEnded(published.workflow!.executionArn, 'Unsuccessful');
    expect(await announcementKinds(project.id)).toContain('unsuccessful');
  });

  it('ends the workflow when the project is cancelled while it waits for scores (R-PROC-1, R-SUP-3)', async () => {
    const project = await approvedProject();
    const published = await publish(project, PERIOD_OVERRIDE_SECONDS + 2);
    await Promise.all(bidders.map((bidder, i) => bid(project.id, bidder, 50_000_000 + i * 1_000_000)));
    // CloseBidding shows the wait for scores before AwaitScores has parked its token, and the clerk cancels at
    // once, as a client may: the cancellation lands before, during or after the task's park.
    const waiting = await projectWhen(project.id, (p) => p.workflow?.waitingFor === 'scores');

    const cancelled = await apiClient(town).POST('/v1/projects/{id}/cancel', {
      params: { path: { id: project.id }, header: { 'If-Match': etag(waiting.version) } },
      body: { reason: 'budget_withdrawn', note: '年度预算调减' },
    });
    expect(cancelled.response.status).toBe(200);
    expect(ok(cancelled).status).toBe('cancelled');

    // Ended in Cancelled, whichever came first. Before the task had read the project: it finds it cancelled. Parked
    // before the cancellation looked for the token: the cancellation fails it with ProjectCancelled. Parked after
    // that look (the flake this wait once ran out on: nobody answered the token, and the execution waited for the
    // callback's hourly timeout): the task's read after its park sees the cancellation and fails its own token
    // (awaitCallback, shared/use-cases/procurement-tasks.ts; scripted in test/handlers/procurement-tasks-callbacks).
    await executionEnded(published.workflow!.executionArn, 'Cancelled');
    const sheet = await apiClient(evaluators[0]!.token).PUT('/v1/projects/{id}/scores', {
      params: { path: { id: project.id }, header: { 'If-None-Match': '*' } },
      body: { scores: [] },
    });
    expect(sheet.response.status).toBe(409);
  });
});
