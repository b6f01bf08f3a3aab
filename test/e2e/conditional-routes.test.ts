/**
 * The walk of every conditional route (issue 12 §3), over HTTP on the embedded stack: each route of the route table
 * that declares `conditional` answers 428 to a request without If-Match (and, on a create-or-replace PUT, without
 * If-None-Match), and 412 to one whose If-Match is not the record's version; a create-or-replace PUT answers 412 to
 * If-None-Match: * on a record that exists. None of these requests changes anything, so the fixtures are shared.
 *
 * The routes come from `routes` (functions/routes.ts), and `fixtures` must name every conditional route: a route
 * made conditional later fails to typecheck until it has a fixture, and is then walked without editing the walk.
 *
 * Each fixture holds a record the route's caller may change, in a state where the route's own rules pass, so only
 * the precondition can answer (access, seal and state come first: R-PROC-5). Records that only the workflow reaches
 * (a project whose bidding closed with opened bids, a challenge, a contract) are written with the record store, as
 * the workflow's tasks write them, instead of waiting out deadlines and standstills.
 *
 * Then the counts: concurrent writers from one read, exactly one of which lands (R-PROC-1, R-PROC-3).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef, RouteName } from '#functions/routes';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { store } from '#shared/adapters/store';
import type { Actor } from '#shared/domain/audit-chain';
import { businessDate, isoWithOffset } from '#shared/domain/clock';
import type { Contract } from '#shared/domain/contract';
import { DEFAULT_PAYMENT_MILESTONES, STANDARD_TEMPLATE, draftContract } from '#shared/domain/contract';
import { newId } from '#shared/domain/ids';
import type { BidRecord } from '#shared/domain/procurement-records';
import { DEFAULT_RULES } from '#shared/domain/procurement-rules';
import type { Project } from '#shared/domain/project';
import type { Challenge } from '#shared/domain/standstill';
import { projectChange } from '#shared/use-cases/project-records';
import { recordInspection, respondToFinding, reviewReport, submitReport } from '#shared/domain/supervision';
import type { Dispatch } from '#shared/domain/dispatch';
import type { StaffMember } from '#shared/domain/staff';
import { dispatchChange, staffChange } from '#shared/use-cases/staff';
import { milestonesAtSigning } from '#shared/domain/milestone';
import { milestoneChange } from '#shared/use-cases/contracts';
import type { Acceptance } from '#shared/domain/acceptance';
import { acceptanceChange } from '#shared/use-cases/acceptances';
import { enrolEvaluators } from '../support/evaluator-pool';
import { deadlineIn, socialOrganization } from '../support/fixtures';
import {
  etag,
  openBudgetLine,
  panelledProject,
  projectContent,
  publishedProject,
  qualifyContractor,
  unique,
} from '../support/procurement';
import { PERIOD_OVERRIDE_SECONDS } from '../support/embedded-stack.global';
import { api, token } from '../support/stack-client';

/** The conditional routes of the route table, by name. */
type ConditionalRouteName = {
  [K in RouteName]: (typeof routes)[K] extends { conditional: true | 'create-or-replace' } ? K : never;
}[RouteName];

/** A request a route's caller may send, on a record at `version`: only its precondition is left to the walk. */
interface Target {
  token: string;
  path: string;
  body?: unknown;
  version: number;
}

const PURCHASER = 'pur-town-1';
const FISCAL_YEAR = 2036;
const PANEL = ['walk-scorer-1', 'walk-scorer-2', 'walk-scorer-3'];
const PORTAL = 'walk-portal-1';
const FIXTURE_ACTOR: Actor = { sub: 'conditional-walk-fixture', role: 'bureau' };

/** An If-Match that names a version the record does not have now: the one before it, or after the first. */
const stale = (version: number) => etag(version > 1 ? version - 1 : version + 1);

// ---- records the fixtures share ----

interface Shared {
  bureau: string;
  clerk: string;
  contractor: { id: string; token: string; documentIds: string[] };
  draft: { id: string; version: number };
  submitted: { id: string; version: number };
  panelled: { id: string; version: number };
  /** Bidding closed, one opened bid in, no sheet yet: under compliance review (R-PROC-3). */
  underReview: { id: string; bid: BidRecord };
  /** Bidding closed, one opened bid in, and the walk's evaluator's sheet of round 1. */
  scoring: { id: string; bidId: string; sheetVersion: number };
  published: { id: string; bidVersion: number };
  evaluatorSub: string;
  challenge: Challenge;
  contract: Contract;
  /** The contractor's delegation to the walk's portal, granted by its own user (issue 12 §1). */
  delegation: { path: string; version: number };
}
let shared: Shared;

async function draftProject(clerk: string): Promise<{ id: string; version: number }> {
  const line = await openBudgetLine(await token('bureau'), PURCHASER, FISCAL_YEAR, 10_000_000);
  const created = await api<{ id: string; version: number }>('POST', '/v1/projects', {
    token: clerk,
    body: { purchaserId: PURCHASER, ...projectContent(FISCAL_YEAR, 1_000_000, line.id) },
  });
  expect(created.status, created.text).toBe(201);
  return created.json;
}

/**
 * A panelled project moved to where CloseBidding leaves one: bidding closed in round 1, its deadline an hour ago,
 * with one opened bid of `contractorId` (written as the close writes them: record and audit entry in one commit).
 */
async function closedWithOneBid(contractorId: string): Promise<{ id: string; bid: BidRecord }> {
  const { id } = await panelledProject({
    evaluatorIds: PANEL,
    purchaserId: PURCHASER,
    fiscalYear: FISCAL_YEAR,
  });
  const stored = (await store.get<Project>(keys.project(id)))!;
  const now = new Date();
  const at = isoWithOffset(now);
  const hourAgo = isoWithOffset(new Date(now.getTime() - 3_600_000));
  const closed: Project = {
    ...stored.value,
    status: 'bidding_closed',
    scoringRound: 1,
    tender: {
      publishedAt: isoWithOffset(new Date(now.getTime() - 7_200_000)),
      bidDeadline: hourAgo,
      minimumBids: 1,
    },
    version: stored.value.version + 1,
    updatedAt: at,
  };
  const bid: BidRecord = {
    id: newId('bid', now),
    projectId: id,
    contractorId,
    contractorKind: 'social_organization',
    contractorName: '条件请求测试社会工作服务中心',
    nonProfit: true,
    price: 900_000,
    proposal: { summary: '服务方案' },
    documentIds: [],
    revision: 1,
    submittedAt: hourAgo,
    submittedBy: { sub: `u-${contractorId}`, role: 'contractor' },
    version: 1,
  };
  await store.commit([
    projectChange(closed, 'project.bidding_closed', FIXTURE_ACTOR, stored),
    {
      recordType: 'bid',
      recordId: bid.id,
      key: keys.bid(id, contractorId),
      value: bid,
      actor: FIXTURE_ACTOR,
      action: 'bid.opened',
      at,
    },
  ]);
  return { id, bid };
}

beforeAll(async () => {
  const [bureau, clerk] = await Promise.all([
    token('bureau'),
    token('town', { purchaserId: PURCHASER, sub: `walk-clerk-${unique()}` }),
  ]);
  await enrolEvaluators(PANEL);

  // A qualified contractor (its evidence ids are what a decision names) and its bid on a published notice.
  const registered = await api<{ id: string }>('POST', '/v1/contractors', {
    token: bureau,
    headers: { 'idempotency-key': `walk-${unique()}` },
    body: socialOrganization(),
  });
  expect(registered.status, registered.text).toBe(201);
  const contractorId = registered.json.id;
  // Everything that does not wait for the qualification is built meanwhile.
  const [documentIds, contractorToken, published, draft, toSubmit, panelled, underReview, scoring] =
    await Promise.all([
      qualifyContractor(contractorId),
      token('contractor', { contractorId }),
      publishedProject({
        evaluatorIds: PANEL,
        closesInSeconds: PERIOD_OVERRIDE_SECONDS + 3_600,
        purchaserId: PURCHASER,
        fiscalYear: FISCAL_YEAR,
      }),
      draftProject(clerk),
      draftProject(clerk),
      panelledProject({ evaluatorIds: PANEL, purchaserId: PURCHASER, fiscalYear: FISCAL_YEAR }),
      closedWithOneBid(contractorId),
      closedWithOneBid(contractorId),
    ]);
  const bid = await api<{ version: number }>('PUT', `/v1/projects/${published.id}/bid`, {
    token: contractorToken,
    headers: { 'if-none-match': '*' },
    body: { price: 900_000, proposal: { summary: '服务方案' } },
  });
  expect(bid.status, bid.text).toBe(201);
  const delegationPath = `/v1/contractors/${contractorId}/delegations/${PORTAL}`;
  const delegation = await api<{ version: number }>('PUT', delegationPath, {
    token: contractorToken,
    headers: { 'if-none-match': '*' },
    body: { scopes: ['documents'], validUntil: deadlineIn(30 * 86_400) },
  });
  expect(delegation.status, delegation.text).toBe(201);
  const submitted = await api<{ version: number }>('POST', `/v1/projects/${toSubmit.id}/submit`, {
    token: clerk,
    headers: { 'if-match': etag(toSubmit.version) },
  });
  expect(submitted.status, submitted.text).toBe(200);

  // The walk's evaluator scores the one bid: its sheet of round 1 exists.
  const evaluatorSub = PANEL[0]!;
  const sheet = await api<{ version: number }>('PUT', `/v1/projects/${scoring.id}/scores`, {
    token: await token('evaluator', { sub: evaluatorSub }),
    headers: { 'if-none-match': '*' },
    body: { scores: [{ bidId: scoring.bid.id, criterionCode: 'plan', score: 80 }] },
  });
  expect(sheet.status, sheet.text).toBe(201);

  // A challenge of the bid's contractor, and the contract drafted from an award of the bid, as the workflow's
  // tasks store them.
  const now = new Date();
  const at = isoWithOffset(now);
  const challenge: Challenge = {
    id: newId('chl', now),
    projectId: underReview.id,
    contractorId,
    round: 1,
    grounds: '评分未按采购文件规定的标准进行。',
    filedAt: at,
    status: 'open',
    version: 1,
  };
  const project = (await store.get<Project>(keys.project(panelled.id)))!.value;
  const contract = draftContract(
    { ...project, status: 'awarded' },
    { projectId: project.id, bidId: underReview.bid.id, contractorId, price: 900_000, awardedAt: at },
    STANDARD_TEMPLATE,
    { paymentMilestones: DEFAULT_PAYMENT_MILESTONES },
    { id: newId('con', now), now: at },
  );
  await store.commit([
    {
      recordType: 'challenge',
      recordId: challenge.id,
      key: keys.challenge(challenge.projectId, challenge.id),
      value: challenge,
      actor: { sub: `u-${contractorId}`, role: 'contractor' },
      action: 'challenge.filed',
      at,
    },
    {
      recordType: 'contract',
      recordId: contract.id,
      key: keys.contract(contract.id),
      index: keys.contractIndex(contract.contractorId, contract.createdAt, contract.id),
      value: contract,
      actor: FIXTURE_ACTOR,
      action: 'contract.drafted',
      at,
    },
  ]);

  shared = {
    bureau,
    clerk,
    contractor: { id: contractorId, token: contractorToken, documentIds },
    draft,
    submitted: { id: toSubmit.id, version: submitted.json.version },
    panelled: { id: panelled.id, version: panelled.version },
    underReview,
    scoring: { id: scoring.id, bidId: scoring.bid.id, sheetVersion: sheet.json.version },
    published: { id: published.id, bidVersion: bid.json.version },
    evaluatorSub,
    challenge,
    contract,
    delegation: { path: delegationPath, version: delegation.json.version },
  };
}, 300_000);

// ---- one fixture per conditional route ----

/**
 * Issue 13 §1: a staff member of the walk's contractor and a dispatch of it under the walk's contract, written as the
 * dispatch route writes them (record and audit entry in one commit); the walk never gets past the precondition.
 */
async function storedDispatch(): Promise<{ path: string; version: number }> {
  const at = isoWithOffset(new Date());
  const contractorId = shared.contractor.id;
  const staff: StaffMember = {
    id: newId('stf'),
    contractorId,
    name: '条件请求测试人员',
    residentId: '370402**********1X',
    personHash: newId('person'),
    role: 'caregiver',
    joinedOn: '2025-01-01',
    createdBy: FIXTURE_ACTOR,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const dispatch: Dispatch = {
    id: newId('dsp'),
    contractId: shared.contract.id,
    contractorId,
    staffId: staff.id,
    place: { kind: 'town', purchaserId: PURCHASER },
    period: shared.contract.term,
    qualified: false,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await store.commit([
    staffChange(staff, 'test.rostered', FIXTURE_ACTOR),
    dispatchChange(dispatch, 'test.dispatched', FIXTURE_ACTOR),
  ]);
  return { path: `/v1/contracts/${dispatch.contractId}/dispatches/${dispatch.id}/end`, version: 1 };
}

/**
 * Issue 13 §4 (payments): the shared contract's first milestone as the second signature writes it (the signing
 * advance, payable, version 1), once. Withholding and release check If-Match on the milestone, termination on the
 * contract, before any rule of state, so the draft contract serves all three.
 */
let advance: Promise<{ contractId: string; version: number }> | undefined;
const storedAdvance = () =>
  (advance ??= (async () => {
    const [first] = milestonesAtSigning(shared.contract, isoWithOffset(new Date()), 30);
    await store.commit([milestoneChange(first!, 'test.scheduled', FIXTURE_ACTOR)]);
    return { contractId: shared.contract.id, version: first!.version };
  })());

const versionAt = async (path: string, asToken: string): Promise<number> => {
  const read = await api('GET', path, { token: asToken });
  expect(read.status, `GET ${path}: ${read.text}`).toBe(200);
  return Number(JSON.parse(read.headers.get('etag') ?? 'null'));
};

/**
 * Issue 13 §2 (supervision), written once as the routes write them: a signed copy of the shared contract over a term
 * around today, its report for the current quarter returned to the contractor, and an inspection whose finding 1 the
 * contractor answered (finding 2 awaits a response). Each record at version 2.
 */
let supervised: Promise<{ contractId: string; period: string; inspectionId: string }> | undefined;
const supervision = () =>
  (supervised ??= (async () => {
    const now = new Date();
    const at = isoWithOffset(now);
    const today = businessDate(now);
    const period = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
    const contract: Contract = {
      ...shared.contract,
      id: newId('con', now),
      status: 'signed',
      term: { start: '2000-01-01', end: '2099-12-31' },
    };
    const contractorActor: Actor = { sub: `u-${contract.contractorId}`, role: 'contractor' };
    const submitted = submitReport(
      undefined,
      contract,
      period,
      { income: 1, expenditure: { staff: 1, materials: 0, administration: 0 }, documents: [] },
      { actor: contractorActor, at, today },
    );
    const report = reviewReport(
      submitted,
      { decision: 'returned', reason: '核对' },
      { actor: FIXTURE_ACTOR, at },
    );
    const findings = [1, 2].map((n) => ({
      description: `发现 ${n}`,
      severity: 'minor' as const,
      responseDueBy: today,
    }));
    const inspection = respondToFinding(
      recordInspection(
        contract,
        { date: today, place: '东溪村', checked: '入户记录', findings },
        {
          id: newId('ins', now),
          actor: FIXTURE_ACTOR,
          at,
          today,
        },
      ),
      1,
      { text: '已整改', documents: [] },
      { actor: contractorActor, at, today },
    );
    await store.commit([
      {
        recordType: 'contract',
        recordId: contract.id,
        key: keys.contract(contract.id),
        index: keys.contractIndex(contract.contractorId, contract.createdAt, contract.id),
        value: contract,
        actor: FIXTURE_ACTOR,
        action: 'contract.signed',
        at,
      },
      {
        recordType: 'financial-report',
        recordId: `${contract.id}.${period}`,
        key: keys.financialReport(contract.id, period),
        value: report,
        actor: FIXTURE_ACTOR,
        action: 'financial-report.returned',
        at,
      },
      {
        recordType: 'inspection',
        recordId: inspection.id,
        key: keys.inspection(contract.id, inspection.id),
        value: inspection,
        actor: FIXTURE_ACTOR,
        action: 'inspection.finding-responded',
        at,
      },
    ]);
    return { contractId: contract.id, period, inspectionId: inspection.id };
  })());
const findingPath = async (n: number) => {
  const { contractId, inspectionId } = await supervision();
  return `/v1/contracts/${contractId}/inspections/${inspectionId}/findings/${n}`;
};

const fixtures: Record<ConditionalRouteName, () => Promise<Target>> = {
  refineStandard: async () => {
    const catalog = await api<{ items: { code: string; version: number }[] }>('GET', '/v1/public/catalog');
    const item = catalog.json.items.find((i) => i.code === 'C-CAREGIVING')!;
    return {
      token: shared.bureau,
      path: '/v1/catalog/items/C-CAREGIVING/standard',
      body: {
        summary: '日常照料',
        indicators: [
          { code: 'hours', description: '服务时长', unit: '小时', target: 1000, comparison: '>=' },
        ],
      },
      version: item.version,
    };
  },
  decideCondition: async () => ({
    token: shared.bureau,
    path: `/v1/contractors/${shared.contractor.id}/conditions/1/decision`,
    body: {
      documentId: shared.contractor.documentIds[0],
      decision: 'approved',
      reason: '材料齐全，符合条件',
    },
    version: await versionAt(`/v1/contractors/${shared.contractor.id}`, shared.bureau),
  }),
  setFlags: async () => ({
    token: shared.bureau,
    path: `/v1/contractors/${shared.contractor.id}/flags`,
    body: { creditListHit: false, annualReportFailed: false, note: '复核通过' },
    version: await versionAt(`/v1/contractors/${shared.contractor.id}`, shared.bureau),
  }),
  setProcurementRules: async () => {
    const path = `/v1/purchasers/${PURCHASER}/procurement-rules`;
    return { token: shared.bureau, path, body: DEFAULT_RULES, version: await versionAt(path, shared.bureau) };
  },
  updateProject: async () => ({
    token: shared.clerk,
    path: `/v1/projects/${shared.draft.id}`,
    body: projectContent(FISCAL_YEAR, 1_000_000, (await projectOf(shared.draft.id)).budgetLineId),
    version: shared.draft.version,
  }),
  submitProject: async () => ({
    token: shared.clerk,
    path: `/v1/projects/${shared.draft.id}/submit`,
    version: shared.draft.version,
  }),
  approveProject: async () => ({
    token: shared.bureau,
    path: `/v1/projects/${shared.submitted.id}/approve`,
    version: shared.submitted.version,
  }),
  cancelProject: async () => ({
    token: shared.clerk,
    path: `/v1/projects/${shared.draft.id}/cancel`,
    body: { reason: 'duplicate', note: '条件请求测试' },
    version: shared.draft.version,
  }),
  publishProject: async () => ({
    token: shared.clerk,
    path: `/v1/projects/${shared.panelled.id}/publish`,
    body: { bidDeadline: deadlineIn(86_400) },
    version: shared.panelled.version,
  }),
  submitBid: async () => ({
    token: shared.contractor.token,
    path: `/v1/projects/${shared.published.id}/bid`,
    body: { price: 890_000, proposal: { summary: '修订后的服务方案' } },
    version: shared.published.bidVersion,
  }),
  disqualifyBid: async () => ({
    token: shared.bureau,
    path: `/v1/projects/${shared.underReview.id}/bids/${shared.contractor.id}/disqualify`,
    body: { reason: '未按采购文件要求提供服务承诺函' },
    version: shared.underReview.bid.version,
  }),
  assignEvaluators: async () => ({
    token: shared.clerk,
    path: `/v1/projects/${shared.panelled.id}/evaluators`,
    body: { evaluatorIds: PANEL },
    version: shared.panelled.version,
  }),
  submitScores: async () => ({
    token: await token('evaluator', { sub: shared.evaluatorSub }),
    path: `/v1/projects/${shared.scoring.id}/scores`,
    body: { scores: [{ bidId: shared.scoring.bidId, criterionCode: 'plan', score: 90 }] },
    version: shared.scoring.sheetVersion,
  }),
  recordDraw: async () => ({
    token: shared.bureau,
    path: `/v1/projects/${shared.underReview.id}/draw`,
    body: { order: [shared.underReview.bid.id, newId('bid')], witnessedBy: ['区民政局监督员 王芳'] },
    version: (await projectOf(shared.underReview.id)).version,
  }),
  drawPanel: async () => ({
    token: shared.clerk,
    path: `/v1/projects/${shared.panelled.id}/evaluators/draw`,
    body: { size: 3 },
    version: shared.panelled.version,
  }),
  registerEvaluator: async () => ({
    token: shared.bureau,
    path: `/v1/evaluators/${shared.evaluatorSub}`,
    body: { name: `评审专家 ${shared.evaluatorSub}`, expertise: ['社会救助', '财务'] },
    // enrolEvaluators registers each sub once: version 1.
    version: 1,
  }),
  retireEvaluator: async () => ({
    token: shared.bureau,
    path: `/v1/evaluators/${shared.evaluatorSub}/retire`,
    body: { reason: '条件请求测试' },
    version: 1,
  }),
  answerChallenge: async () => ({
    token: shared.bureau,
    path: `/v1/projects/${shared.challenge.projectId}/challenges/${shared.challenge.id}/answer`,
    body: { outcome: 'dismissed', reply: '经复核，评分符合采购文件规定的评审标准。' },
    version: shared.challenge.version,
  }),
  grantDelegation: async () => ({
    token: shared.contractor.token,
    path: shared.delegation.path,
    body: { scopes: ['documents', 'deliveries'], validUntil: deadlineIn(60 * 86_400) },
    version: shared.delegation.version,
  }),
  revokeDelegation: async () => ({
    token: shared.contractor.token,
    path: `${shared.delegation.path}/revoke`,
    body: { reason: '条件请求测试' },
    version: shared.delegation.version,
  }),
  signContract: async () => ({
    token: shared.bureau,
    path: `/v1/contracts/${shared.contract.id}/sign`,
    version: shared.contract.version,
  }),
  // Issue 13 §1: the contractor dates a staff member's leaving, and ends a dispatch early.
  leaveStaff: async () => {
    const created = await api<{ id: string; version: number }>(
      'POST',
      `/v1/contractors/${shared.contractor.id}/staff`,
      {
        token: shared.contractor.token,
        body: {
          name: '条件请求测试人员',
          residentId: '330110198503120022',
          role: 'caregiver',
          joinedOn: '2025-01-01',
        },
      },
    );
    expect(created.status, created.text).toBe(201);
    return {
      token: shared.contractor.token,
      path: `/v1/contractors/${shared.contractor.id}/staff/${created.json.id}/leave`,
      body: { on: '2025-12-31' },
      version: created.json.version,
    };
  },
  endDispatch: async () => {
    const { path, version } = await storedDispatch();
    return { token: shared.contractor.token, path, body: { on: shared.contract.term.start }, version };
  },
  // Issue 13 §4 (payments): a milestone of the shared contract; the contract itself for termination.
  withholdMilestone: async () => {
    const { contractId, version } = await storedAdvance();
    return {
      token: shared.bureau,
      path: `/v1/contracts/${contractId}/milestones/1/withhold`,
      body: { reason: '待整改' },
      version,
    };
  },
  releaseMilestone: async () => {
    const { contractId, version } = await storedAdvance();
    return {
      token: shared.bureau,
      path: `/v1/contracts/${contractId}/milestones/1/release`,
      body: { note: '已整改' },
      version,
    };
  },
  terminateContract: async () => {
    const read = await api<Contract>('GET', `/v1/contracts/${shared.contract.id}`, { token: shared.bureau });
    expect(read.status, read.text).toBe(200);
    return {
      token: shared.bureau,
      path: `/v1/contracts/${shared.contract.id}/terminate`,
      body: { reason: '转包', liability: '违约金' },
      version: read.json.version,
    };
  },
  // Issue 13: the purchaser's side sets the acceptance plan of the draft contract (its own, sent back unchanged).
  setAcceptancePlan: async () => {
    const read = await api<Contract & { acceptancePlan: unknown }>(
      'GET',
      `/v1/contracts/${shared.contract.id}`,
      {
        token: shared.bureau,
      },
    );
    expect(read.status, read.text).toBe(200);
    return {
      token: shared.bureau,
      path: `/v1/contracts/${shared.contract.id}/acceptance-plan`,
      body: read.json.acceptancePlan,
      version: read.json.version,
    };
  },
  // Issue 13 §2 (supervision): the records of `supervision()`, each at version 2.
  submitFinancialReport: async () => {
    const { contractId, period } = await supervision();
    return {
      token: shared.contractor.token,
      path: `/v1/contracts/${contractId}/financial-reports/${period}`,
      body: { income: 1, expenditure: { staff: 1, materials: 0, administration: 0 }, documents: [] },
      version: 2,
    };
  },
  reviewFinancialReport: async () => {
    const { contractId, period } = await supervision();
    return {
      token: shared.bureau,
      path: `/v1/contracts/${contractId}/financial-reports/${period}/review`,
      body: { decision: 'accepted' },
      version: 2,
    };
  },
  respondToFinding: async () => ({
    token: shared.contractor.token,
    path: `${await findingPath(2)}/response`,
    body: { text: '已整改' },
    version: 2,
  }),
  closeFinding: async () => ({
    token: shared.bureau,
    path: `${await findingPath(1)}/close`,
    body: {},
    version: 2,
  }),
  reopenFinding: async () => ({
    token: shared.bureau,
    path: `${await findingPath(1)}/reopen`,
    body: { reason: '不足', responseDueBy: '2099-12-31' },
    version: 2,
  }),
  // Issue 13 §3: an acceptance of the shared contract inspecting its first round, written as the opening route would.
  recordMeasurements: async () => {
    const at = isoWithOffset(new Date());
    const acceptance: Acceptance = {
      id: newId('acc'),
      contractId: shared.contract.id,
      purchaserId: shared.contract.purchaserId,
      contractorId: shared.contract.contractorId,
      milestoneSeq: 2,
      status: 'inspecting',
      round: 1,
      panel: [{ sub: 'walk-panel', role: 'evaluator' }],
      quorum: 1,
      plan: {
        indicators: [
          { code: 'visits', description: '走访', unit: '%', target: 90, comparison: '>=', mandatory: true },
        ],
        recipients: { sampleSize: 1, minimumOpinions: 1, satisfiedShareBp: 8000, answerDays: 14 },
        rectification: { maxRounds: 1, days: 30, deductionBpPerRound: 500 },
        paymentTermDays: 30,
      },
      sample: { population: 1, size: 1, seed: '0'.repeat(64) },
      invitations: [],
      answerBy: at,
      rounds: [],
      workflow: { waitingFor: 'panel' },
      openedBy: { sub: 'walk', role: 'bureau' },
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await store.commit([acceptanceChange(acceptance, 'acceptance.opened', { sub: 'walk', role: 'bureau' })]);
    return {
      token: shared.bureau,
      path: `/v1/contracts/${shared.contract.id}/acceptances/${acceptance.id}/measurements`,
      body: { values: [{ code: 'visits', value: 95 }] },
      version: 1,
    };
  },
  // Issue 13 §3 (R-ACC-1): a panel member signs the measurements of the version they read.
  signAcceptance: async () => {
    const at = isoWithOffset(new Date());
    const member = `walk-signer-${unique()}`;
    const acceptance: Acceptance = {
      id: newId('acc'),
      contractId: shared.contract.id,
      purchaserId: shared.contract.purchaserId,
      contractorId: shared.contract.contractorId,
      milestoneSeq: 2,
      status: 'inspecting',
      round: 1,
      panel: [{ sub: member, role: 'evaluator' }],
      quorum: 1,
      plan: {
        indicators: [
          { code: 'visits', description: '走访', unit: '%', target: 90, comparison: '>=', mandatory: true },
        ],
        recipients: { sampleSize: 1, minimumOpinions: 1, satisfiedShareBp: 8000, answerDays: 14 },
        rectification: { maxRounds: 1, days: 30, deductionBpPerRound: 500 },
        paymentTermDays: 30,
      },
      sample: { population: 1, size: 1, seed: '0'.repeat(64) },
      invitations: [],
      answerBy: at,
      measurements: { round: 1, values: { visits: 95 }, by: { sub: 'walk', role: 'bureau' }, at },
      rounds: [],
      workflow: { waitingFor: 'panel' },
      openedBy: { sub: 'walk', role: 'bureau' },
      version: 2,
      createdAt: at,
      updatedAt: at,
    };
    await store.commit([
      acceptanceChange(acceptance, 'acceptance.measured', { sub: 'walk', role: 'bureau' }),
    ]);
    return {
      token: await token('evaluator', { sub: member }),
      path: `/v1/contracts/${shared.contract.id}/acceptances/${acceptance.id}/signatures`,
      body: { verdict: 'confirm' },
      version: 2,
    };
  },
};

async function projectOf(id: string): Promise<Project> {
  const read = await api<Project>('GET', `/v1/projects/${id}`, { token: await token('bureau') });
  expect(read.status, read.text).toBe(200);
  return read.json;
}

// ---- the walk ----

const conditional = Object.entries(routes as Record<RouteName, RouteDef>)
  .filter(([, route]) => route.conditional)
  .map(([name, route]) => ({ name: name as ConditionalRouteName, route }));

const send = (route: { method: string }, target: Target, headers: Record<string, string>) =>
  api(route.method, target.path, {
    token: target.token,
    headers,
    ...(target.body !== undefined ? { body: target.body } : {}),
    // A 429 is the per-caller limit, not the precondition: waited out (stack-client.ts).
  });

describe('every conditional route of the route table (issue 12 §3)', () => {
  it('has a fixture, and nothing else has one', () => {
    expect(Object.keys(fixtures).sort()).toEqual(conditional.map((c) => c.name).sort());
    // The three create-or-replace PUTs are among them.
    expect(conditional.filter((c) => c.route.conditional === 'create-or-replace').map((c) => c.name)).toEqual(
      expect.arrayContaining(['submitBid', 'submitScores', 'registerEvaluator']),
    );
  });

  it.each(conditional)(
    '$name: 428 without a precondition, 412 with an If-Match that is not the version (and with If-None-Match: * on a record that exists)',
    async ({ name, route }) => {
      const target = await fixtures[name]();

      const none = await send(route, target, {});
      expect(none.status, `${route.method} ${target.path}: ${none.text}`).toBe(428);
      expect(none.headers.get('content-type')).toContain('application/problem+json');
      expect((none.json as { errors?: { in: string; field: string }[] }).errors).toEqual([
        expect.objectContaining({ in: 'header', field: 'If-Match' }),
      ]);

      const old = await send(route, target, { 'if-match': stale(target.version) });
      expect(
        old.status,
        `${route.method} ${target.path} If-Match ${stale(target.version)}: ${old.text}`,
      ).toBe(412);
      expect(old.headers.get('content-type')).toContain('application/problem+json');

      if (route.conditional === 'create-or-replace') {
        const exists = await send(route, target, { 'if-none-match': '*' });
        expect(exists.status, `${route.method} ${target.path} If-None-Match: *: ${exists.text}`).toBe(412);
        // The 412 names the version there is, so the caller knows what to send as If-Match.
        expect((exists.json as { detail: string }).detail).toMatch(new RegExp(`\\b${target.version}\\b`));
      }
    },
  );
});

// ---- the counts: writers from one read ----

describe('concurrent writers from one read: exactly one lands (issue 12 §3)', () => {
  const WRITERS = 6;
  const count = (statuses: number[]) =>
    statuses.reduce<Record<number, number>>((tally, s) => ({ ...tally, [s]: (tally[s] ?? 0) + 1 }), {});

  it(`R-PROC-1: ${WRITERS} revisions of one bid with the same If-Match: one 200, the others 412`, async () => {
    // Arrange: the bid as the contractor reads it now
    const path = `/v1/projects/${shared.published.id}/bid`;
    const version = await versionAt(path, shared.contractor.token);

    // Act
    const statuses = await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        const revised = await api('PUT', path, {
          token: shared.contractor.token,
          headers: { 'if-match': etag(version) },
          body: { price: 880_000 - i, proposal: { summary: `修订方案 ${i}` } },
        });
        return revised.status;
      }),
    );

    // Assert
    expect(count(statuses)).toEqual({ 200: 1, 412: WRITERS - 1 });
    expect(await versionAt(path, shared.contractor.token)).toBe(version + 1);
  });

  it(`R-PROC-3: ${WRITERS} registrations of one new pool sub: one 201, the others 412`, async () => {
    const sub = `walk-race-${unique()}`;
    const statuses = await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        const registered = await api('PUT', `/v1/evaluators/${sub}`, {
          token: shared.bureau,
          headers: { 'if-none-match': '*' },
          body: { name: `评审专家 ${i}`, expertise: ['社会救助'] },
        });
        return registered.status;
      }),
    );
    expect(count(statuses)).toEqual({ 201: 1, 412: WRITERS - 1 });
  });

  it(`R-PROC-3: ${WRITERS} updates of one pool entry with the same If-Match: one 200, the others 412`, async () => {
    const sub = `walk-race-${unique()}`;
    await enrolEvaluators([sub]);
    const statuses = await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        const updated = await api('PUT', `/v1/evaluators/${sub}`, {
          token: shared.bureau,
          headers: { 'if-match': etag(1) },
          body: { name: `评审专家 ${sub}`, expertise: ['社会救助', `领域 ${i}`] },
        });
        return updated.status;
      }),
    );
    expect(count(statuses)).toEqual({ 200: 1, 412: WRITERS - 1 });
  });
});
