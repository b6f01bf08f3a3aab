/**
 * Issue 3 §3–6 end to end over HTTP on the embedded stack: one project from draft to signed contract
 * through the procurement workflow (infra/workflows/procurement.asl.json on the local runner), one that
 * ends unsuccessful, one cancelled while the workflow waits. Periods last seconds here
 * (MINIMUM_PERIOD_SECONDS_OVERRIDE, set by the test stack); everything else is as in production. Each test
 * must finish inside the stack project's 60 s test timeout: "draft to signed contract in under a minute".
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { api, stackInfo, token, waitFor } from '../support/stack-client';
import { etag, eligibleContractor, openBudgetLine, unique } from '../support/procurement';
import { expectValidRecordPackage, expectValidReleasePackage } from '../support/ocds-schema';
import { deadlineIn, newCreditCode } from '../support/fixtures';
import { enrolEvaluators } from '../support/evaluator-pool';
import { PERIOD_OVERRIDE_SECONDS } from '../support/embedded-stack.global';

interface Project {
  id: string;
  status: string;
  version: number;
  scoringRound: number;
  tender?: { bidDeadline: string; minimumBids: number };
  workflow?: { executionArn: string; waitingFor?: string; failure?: unknown };
  evaluation?: {
    winner?: string;
    ranked: { rank: number; bidId: string; contractorId: string; total: string; price: number }[];
  };
  award?: { bidId: string; contractorId: string; price: number; standstill: { closesAt: string } };
  unsuccessful?: { reason: string; detail: string };
  contract?: { id: string; signedAt?: string };
  cancellation?: { reason: string };
  timeline: { status: string; event: string }[];
}
interface Bid {
  id: string;
  price: number;
  revision: number;
}
interface Contract {
  id: string;
  status: string;
  price: number;
  version: number;
  contractorId: string;
  clauses: { key: string }[];
  paymentMilestones: { event: string; amount: number }[];
}

const YEAR = 2032;
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
afterAll(() => documents.destroy());

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

const get = async (id: string) => (await api<Project>('GET', `/v1/projects/${id}`, { token: town })).json;

/** Polls the project until `until` holds (the workflow moves it asynchronously). */
const projectWhen = (id: string, until: (p: Project) => boolean, timeoutMs = 20_000) =>
  waitFor(
    async () => {
      const project = await get(id);
      return until(project) ? project : undefined;
    },
    { timeoutMs, intervalMs: 50 },
  );

/** The execution as the embedded runner keeps it in DynamoDB Local. */
async function execution(executionArn: string) {
  const name = executionArn.split(':').at(-1)!;
  const { Item } = await documents.send(
    new GetCommand({ TableName: stackInfo().tableName, Key: keys.workflowExecution('procurement', name) }),
  );
  return Item as { status: string; state?: string } | undefined;
}

/** A consultation project of pur-town-1, approved by a second person, with three evaluators. */
async function approvedProject(estimate = 60_000_000): Promise<Project> {
  const line = await openBudgetLine(town, 'pur-town-1', YEAR, 100_000_000);
  const created = await api<Project>('POST', '/v1/projects', {
    token: town,
    headers: { 'idempotency-key': `prj-${unique()}` },
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
  expect(created.status).toBe(201);
  let project = created.json;
  const submitted = await api<Project>('POST', `/v1/projects/${project.id}/submit`, {
    token: town,
    headers: { 'if-match': etag(project.version) },
  });
  expect(submitted.status).toBe(200);
  const approved = await api<Project>('POST', `/v1/projects/${project.id}/approve`, {
    token: approver,
    headers: { 'if-match': etag(submitted.json.version) },
  });
  expect(approved.status).toBe(200);
  const panel = await api<Project>('PUT', `/v1/projects/${project.id}/evaluators`, {
    token: bureau,
    headers: { 'if-match': etag(approved.json.version) },
    body: { evaluatorIds: evaluators.map((e) => e.sub) },
  });
  expect(panel.status).toBe(200);
  project = panel.json;
  return project;
}

/** Publishes with a deadline `seconds` from now (at least the override's minimum). */
async function publish(project: Project, seconds: number): Promise<Project> {
  const bidDeadline = deadlineIn(seconds);
  const accepted = await api<{ executionArn: string; status: string }>(
    'POST',
    `/v1/projects/${project.id}/publish`,
    { token: town, headers: { 'if-match': etag(project.version) }, body: { bidDeadline } },
  );
  expect(accepted.status).toBe(202);
  expect(accepted.json.status).toBe('publishing');
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
  api<Bid & { version: number; status: number; rule?: string }>('PUT', `/v1/projects/${projectId}/bid`, {
    token: bidder.token,
    headers: version === undefined ? { 'if-none-match': '*' } : { 'if-match': etag(version) },
    body: { price, proposal: { summary } },
  });

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
    expect(first.status).toBe(201);
    expect((await bid(project.id, b, 57_000_000)).status).toBe(201);
    expect((await bid(project.id, c, 45_000_000)).status).toBe(201);
    // A revision keeps the bid (R-PROC-1: revisable until the deadline).
    const revised = await bid(project.id, a, 55_000_000, '修订后的服务方案', first.json.version);
    expect(revised.status).toBe(200);
    expect(revised.json).toMatchObject({ id: first.json.id, revision: 2, price: 55_000_000 });

    // Sealed: not even the bureau reads bids before the deadline.
    const sealed = await api('GET', `/v1/projects/${project.id}/bids`, { token: bureau });
    expect(sealed.status).toBe(409);

    const closed = await projectWhen(project.id, (p) => p.status === 'bidding_closed');
    expect(closed.scoringRound).toBe(1);
    // Late bids are refused, whatever version they name.
    expect((await bid(project.id, a, 50_000_000, undefined, revised.json.version)).status).toBe(409);
    const opened = await api<{ items: (Bid & { contractorId: string })[] }>(
      'GET',
      `/v1/projects/${project.id}/bids`,
      { token: bureau },
    );
    expect(opened.status).toBe(200);
    const bids = opened.json.items;
    expect(bids).toHaveLength(3);
    const bidOf = (contractorId: string) => bids.find((x) => x.contractorId === contractorId)!;

    // Each evaluator scores each bid on each criterion; the last sheet wakes the workflow.
    const plan: Record<string, [number, number]> = {
      [a.id]: [90, 85],
      [b.id]: [80, 80],
      [c.id]: [60, 70],
    };
    for (const evaluator of evaluators) {
      const sheet = await api('PUT', `/v1/projects/${project.id}/scores`, {
        token: evaluator.token,
        headers: { 'if-none-match': '*' },
        body: {
          scores: Object.entries(plan).flatMap(([contractorId, [service, team]]) => [
            { bidId: bidOf(contractorId).id, criterionCode: 'service_plan', score: service },
            { bidId: bidOf(contractorId).id, criterionCode: 'team', score: team },
          ]),
        },
      });
      expect(sheet.status).toBe(201);
    }

    // Ranked by weighted score, not by the lowest price (R-PROC-3): A wins although C is cheapest.
    const awarded = await projectWhen(project.id, (p) => p.status === 'awarded');
    expect(awarded.evaluation?.ranked.map((r) => r.contractorId)).toEqual([a.id, b.id, c.id]);
    expect(awarded.award).toMatchObject({ contractorId: a.id, price: 55_000_000 });

    // A losing bidder challenges inside the standstill; the contract waits until the bureau answers.
    const challenge = await api<{ id: string; version: number }>(
      'POST',
      `/v1/projects/${project.id}/challenges`,
      {
        token: c.token,
        headers: { 'idempotency-key': `chl-${unique()}` },
        body: { grounds: '我方报价最低，认为评分不公。' },
      },
    );
    expect(challenge.status).toBe(201);
    const holding = await projectWhen(project.id, (p) => p.workflow?.waitingFor === 'challenges');
    expect(holding.contract).toBeUndefined();
    const answered = await api('POST', `/v1/projects/${project.id}/challenges/${challenge.json.id}/answer`, {
      token: bureau,
      headers: { 'if-match': etag(challenge.json.version) },
      body: { outcome: 'dismissed', reply: '经复核，评分符合采购文件规定的评审标准。' },
    });
    expect(answered.status).toBe(200);

    // The standard contract is drafted; both sides sign; the second signature commits the line.
    const drafted = await projectWhen(project.id, (p) => p.contract !== undefined);
    const contractId = drafted.contract!.id;
    const contract = await api<Contract>('GET', `/v1/contracts/${contractId}`, { token: a.token });
    expect(contract.status).toBe(200);
    expect(contract.json).toMatchObject({ status: 'draft', price: 55_000_000, contractorId: a.id });
    expect(contract.json.clauses.map((x) => x.key)).toContain('no_subcontracting');
    expect(contract.json.paymentMilestones.reduce((sum, m) => sum + m.amount, 0)).toBe(55_000_000);
    expect((await api('GET', `/v1/contracts/${contractId}`, { token: b.token })).status).toBe(404);

    const byContractor = await api<Contract>('POST', `/v1/contracts/${contractId}/sign`, {
      token: a.token,
      headers: { 'if-match': etag(contract.json.version) },
    });
    expect(byContractor.status).toBe(200);
    const byBureau = await api<Contract>('POST', `/v1/contracts/${contractId}/sign`, {
      token: bureau,
      headers: { 'if-match': etag(byContractor.json.version) },
    });
    expect(byBureau.status).toBe(200);
    expect(byBureau.json.status).toBe('signed');

    const contracted = await projectWhen(project.id, (p) => p.status === 'contracted');
    // Signed when the second signature (the bureau's, as purchaser) landed.
    const secondSignature = (byBureau.json as Contract & { signatures: { purchaser?: { at: string } } })
      .signatures.purchaser;
    expect(secondSignature?.at).toEqual(expect.any(String));
    expect(contracted.contract).toEqual({ id: contractId, signedAt: secondSignature!.at });
    const line = await api<{ committed: number; available: number; amount: number }>(
      'GET',
      `/v1/budget-lines/${(await api<{ budgetLineId: string }>('GET', `/v1/projects/${project.id}`, { token: town })).json.budgetLineId}`,
      { token: town },
    );
    expect(line.json).toMatchObject({ committed: 55_000_000, available: 45_000_000 });
    await waitFor(async () => (await execution(published.workflow!.executionArn))?.status === 'SUCCEEDED', {
      timeoutMs: 10_000,
    });

    // The public record of the process: planning → tender → award → contract, valid OCDS 1.1.5. The feed is
    // shared with every other test of the run: follow its pages from this test's start to this project's release.
    let ocid: string | undefined;
    let path = `/v1/public/ocds/releases?limit=100&since=${encodeURIComponent(startedAt)}`;
    for (;;) {
      const page = await api<{ releases: { ocid: string }[]; links?: { next?: string } }>('GET', path);
      expectValidReleasePackage(page.json);
      ocid = page.json.releases.find((r) => r.ocid.endsWith(project.id))?.ocid;
      if (ocid || !page.json.links?.next) break;
      const next = new URL(page.json.links.next, stackInfo().baseUrl);
      path = next.pathname + next.search;
    }
    // <OCDS_OCID_PREFIX>-<projectId> (docs/api.md); the test stack keeps the placeholder prefix unless set.
    expect(ocid).toBe(`${stackInfo().env.OCDS_OCID_PREFIX ?? 'ocds-xxxxxx'}-${project.id}`);
    const record = await api<{ records: { releases: { tag: string[] }[] }[] }>(
      'GET',
      `/v1/public/ocds/records/${ocid}`,
    );
    expect(record.status).toBe(200);
    expectValidRecordPackage(record.json);
    const tags = record.json.records[0]!.releases.flatMap((r) => r.tag);
    expect(tags).toEqual(expect.arrayContaining(['planning', 'tender', 'award', 'contract']));
    const announcements = await api<{ items: { projectId: string; kind: string }[] }>(
      'GET',
      '/v1/public/announcements?limit=100',
    );
    const kinds = announcements.json.items.filter((x) => x.projectId === project.id).map((x) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(['procurement_notice', 'award_result', 'contract']));
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
      expect((await bid(project.id, bidder, price)).status).toBe(201);
    }
    await projectWhen(project.id, (p) => p.status === 'bidding_closed');
    const bids = (
      await api<{ items: (Bid & { contractorId: string })[] }>('GET', `/v1/projects/${project.id}/bids`, {
        token: bureau,
      })
    ).json.items;
    const bidOf = (contractorId: string) => bids.find((x) => x.contractorId === contractorId)!.id;
    const score = async (round: Record<string, number>) => {
      for (const evaluator of evaluators) {
        const sheet = await api('PUT', `/v1/projects/${project.id}/scores`, {
          token: evaluator.token,
          headers: { 'if-none-match': '*' },
          body: {
            scores: Object.entries(round).flatMap(([contractorId, points]) => [
              { bidId: bidOf(contractorId), criterionCode: 'service_plan', score: points },
              { bidId: bidOf(contractorId), criterionCode: 'team', score: points },
            ]),
          },
        });
        expect(sheet.status).toBe(201);
      }
    };

    // Round 1: A ahead of B.
    await score({ [a.id]: 90, [b.id]: 80, [c.id]: 60 });
    const first = await projectWhen(project.id, (p) => p.status === 'awarded');
    expect(first.award?.contractorId).toBe(a.id);

    // B challenges inside the standstill; the bureau sustains it and orders a new scoring round.
    const challenge = await api<{ id: string; version: number }>(
      'POST',
      `/v1/projects/${project.id}/challenges`,
      {
        token: b.token,
        headers: { 'idempotency-key': `chl-${unique()}` },
        body: { grounds: '评审专家对我方服务方案的评分与采购文件的评分标准不符。' },
      },
    );
    expect(challenge.status).toBe(201);
    const sustained = await api('POST', `/v1/projects/${project.id}/challenges/${challenge.json.id}/answer`, {
      token: bureau,
      headers: { 'if-match': etag(challenge.json.version) },
      body: { outcome: 'sustained', remedy: 'rescore', reply: '质疑成立，组织原评审委员会重新评审。' },
    });
    expect(sustained.status).toBe(200);
    const rescoring = await projectWhen(project.id, (p) => p.status === 'bidding_closed');
    expect(rescoring.scoringRound).toBe(2);
    expect(rescoring.award).toBeUndefined();

    // Round 2: A and B equal on everything, so no rule ranks them apart (R-QUAL-4 applies to both).
    await score({ [a.id]: 85, [b.id]: 85, [c.id]: 60 });
    const tied = await projectWhen(project.id, (p) => p.workflow?.waitingFor === 'draw');
    expect(tied.status).toBe('evaluated');
    expect(tied.evaluation?.winner).toBeUndefined();
    const drawn = await api('POST', `/v1/projects/${project.id}/draw`, {
      token: bureau,
      headers: { 'if-match': etag(tied.version) },
      body: { order: [bidOf(b.id), bidOf(a.id)], witnessedBy: ['区财政局监督员', '区纪委监督员'] },
    });
    expect(drawn.status).toBe(200);

    // B is awarded; after its standstill the contract is drafted for B and both sides sign.
    const second = await projectWhen(project.id, (p) => p.status === 'awarded');
    expect(second.award?.contractorId).toBe(b.id);
    const drafted = await projectWhen(project.id, (p) => p.contract !== undefined);
    let contract = (await api<Contract>('GET', `/v1/contracts/${drafted.contract!.id}`, { token: bureau }))
      .json;
    expect(contract.contractorId).toBe(b.id);
    for (const signer of [b.token, bureau]) {
      const signed = await api<Contract>('POST', `/v1/contracts/${contract.id}/sign`, {
        token: signer,
        headers: { 'if-match': etag(contract.version) },
      });
      expect(signed.status).toBe(200);
      contract = signed.json;
    }
    await projectWhen(project.id, (p) => p.status === 'contracted');
    const announcements = await api<{ items: { projectId: string; kind: string }[] }>(
      'GET',
      '/v1/public/announcements?limit=100',
    );
    const kinds = announcements.json.items.filter((x) => x.projectId === project.id).map((x) => x.kind);
    expect(kinds.filter((k) => k === 'award_result')).toHaveLength(2);
    expect(kinds).toContain('award_withdrawn');
  });

  it('declares a project unsuccessful when fewer bids than the method needs arrive (政府采购法 第三十六条)', async () => {
    const project = await approvedProject();
    const published = await publish(project, PERIOD_OVERRIDE_SECONDS + 1);
    expect((await bid(project.id, bidders[0]!, 50_000_000)).status).toBe(201);

    const ended = await projectWhen(project.id, (p) => p.status === 'unsuccessful');
    expect(ended.unsuccessful).toMatchObject({ reason: 'too_few_bids' });
    expect(ended.unsuccessful?.detail).toContain('1 bid');
    await waitFor(async () => (await execution(published.workflow!.executionArn))?.status === 'SUCCEEDED');
    const announcements = await api<{ items: { projectId: string; kind: string }[] }>(
      'GET',
      '/v1/public/announcements?limit=100',
    );
    expect(announcements.json.items.filter((x) => x.projectId === project.id).map((x) => x.kind)).toContain(
      'unsuccessful',
    );
  });

  it('ends the workflow when the project is cancelled while it waits for scores (R-PROC-1, R-SUP-3)', async () => {
    const project = await approvedProject();
    const published = await publish(project, PERIOD_OVERRIDE_SECONDS + 2);
    await Promise.all(bidders.map((bidder, i) => bid(project.id, bidder, 50_000_000 + i * 1_000_000)));
    const waiting = await projectWhen(project.id, (p) => p.workflow?.waitingFor === 'scores');

    const cancelled = await api<Project>('POST', `/v1/projects/${project.id}/cancel`, {
      token: town,
      headers: { 'if-match': etag(waiting.version) },
      body: { reason: 'budget_withdrawn', note: '年度预算调减' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.status).toBe('cancelled');

    // The parked callback is failed with ProjectCancelled, which the ASL ends in Cancelled.
    await waitFor(async () => {
      const item = await execution(published.workflow!.executionArn);
      return item?.status === 'SUCCEEDED';
    });
    const sheet = await api('PUT', `/v1/projects/${project.id}/scores`, {
      token: evaluators[0]!.token,
      headers: { 'if-none-match': '*' },
      body: { scores: [] },
    });
    expect(sheet.status).toBe(409);
  });
});
