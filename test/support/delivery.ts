/**
 * Stack-level steps the issue 13 tests share (delivery to payment): a contract signed by both sides over HTTP on the
 * embedded stack, the shortest way the procurement rules allow (a single-source project, R-PROC-2: one bidder, one
 * bid, periods and the standstill as short as the test stack's override), and the capabilities whose routes the
 * delivery authorization matrix covers instead of the original one.
 */
import { expect } from 'vitest';
import type { Role } from '#functions/routes';
import { staffRoutes } from '#functions/staff/routes';
import { deliveriesRoutes } from '#functions/deliveries/routes';
import { supervisionRoutes } from '#functions/supervision/routes';
import { acceptancesRoutes } from '#functions/acceptances/routes';
import { paymentsRoutes } from '#functions/payments/routes';
import { api, token, waitFor } from './stack-client';
import type { Schema } from './api-client';
import { enrolEvaluators } from './evaluator-pool';
import { PDF_BYTES, deadlineIn, sha256, uploadWithPresignedPost } from './fixtures';
import { randomInt } from 'node:crypto';
import { residentIdCheckCharacter } from '#shared/domain/credit-code';
import { eligibleContractor, etag, openBudgetLine, unique } from './procurement';
import { PERIOD_OVERRIDE_SECONDS } from './embedded-stack.global';

/**
 * The capability modules of issue 13 (functions/<capability>/routes.ts `<capability>Routes`): every route of these,
 * and `setAcceptancePlan`, is test/e2e/authorization-matrix-delivery.test.ts's to cover; the original matrix leaves
 * them to it, and the delivery matrix checks it covers each of them, so a route of a later capability fails one of
 * the two files' coverage checks.
 */
export const DELIVERY_CAPABILITIES = {
  staff: staffRoutes,
  deliveries: deliveriesRoutes,
  supervision: supervisionRoutes,
  acceptances: acceptancesRoutes,
  payments: paymentsRoutes,
} as const;
/** Routes of older capability modules that issue 13 added and the delivery matrix covers. */
export const DELIVERY_EXTRA_ROUTES = ['setAcceptancePlan'] as const;

/** The names of every route the delivery matrix covers (and the original matrix leaves to it). */
export function deliveryRouteNames(): string[] {
  return [
    ...Object.values(DELIVERY_CAPABILITIES).flatMap((capability) => Object.keys(capability)),
    ...DELIVERY_EXTRA_ROUTES,
  ];
}

/** The purchasers of the seeded stack. */
export type PurchaserId = 'pur-district' | 'pur-town-1' | 'pur-town-2' | (string & {});

export type Contract = Schema<'Contract'>;
export type AcceptancePlan = Schema<'AcceptancePlan'>;

export interface Party {
  id: string;
  token: string;
}

export interface SignedContract {
  /** The contract as the purchaser last read it (`signed` after the second signature). */
  contract: Contract;
  contractId: string;
  projectId: string;
  purchaserId: string;
  budgetLineId: string;
  /** The contractor (its own user's token). */
  contractor: Party;
  /** The purchaser's signer: a bureau user for pur-district, the town's clerk for a town. */
  purchaserToken: string;
  /** A bureau user (not the project's creator: it approved the project, four eyes). */
  bureauToken: string;
}

/** The negotiation group of every single-source project here: pool members (R-PROC-3), fixed subs. */
export const DELIVERY_PANEL = ['delivery-panel-1', 'delivery-panel-2', 'delivery-panel-3'] as const;

/** R-PROC-2: a single-source project carries a written justification of at least 50 characters. */
const SINGLE_SOURCE_RATIONALE =
  '本项目服务对象分散于全区各村居，需延续既有个案服务关系，经专家论证只能由该社会组织提供，' +
  '其他供应商无法在服务期内承接，依法采用单一来源方式采购。';

interface ProjectView {
  id: string;
  status: string;
  version: number;
  contract?: { id: string };
}

/** The project's signer for `purchaserId`: the bureau signs for the district, a town's clerk for its town. */
async function purchaserSigner(purchaserId: string): Promise<string> {
  return purchaserId === 'pur-district'
    ? token('bureau', { purchaserId, sub: `bureau-signer-${unique()}` })
    : token('town', { purchaserId, sub: `town-clerk-${unique()}` });
}

export interface ContractOptions {
  purchaser?: PurchaserId;
  /** Reuse an eligible contractor (saves its qualification, seconds on the embedded stack). */
  contractor?: Party;
  /** Contract price in fen; the line is opened with ten times it. */
  price?: number;
  /** The project's term (default `currentTerm()`); the budget line is of the year it starts in. */
  term?: { start: string; end: string };
  catalogCode?: string;
  quantity?: { value: number; unit: string };
  /**
   * Seconds from publication to the bid deadline (default PERIOD_OVERRIDE_SECONDS + 15): the workflow checks the
   * minimum period again when it publishes, and the bid must land before the deadline, which on two loaded cores
   * takes seconds; callers building several contracts at once give more.
   */
  closesInSeconds?: number;
  /** The project's payment milestones (default the district's: 30 % at signing, 40 % mid-term, 30 % at acceptance). */
  paymentMilestones?: { event: 'signing' | 'mid_term_review' | 'acceptance_passed'; percent: number }[];
}

/** Today in Asia/Shanghai, YYYY-MM-DD (the business date every rule reads). */
export const todayInShanghai = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** The Shanghai date `days` after `date`. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
/**
 * The term of the contracts here: two years back to three months ahead of today, so that dispatches, delivery
 * records, inspections and financial reports (quarters that have started) all fall inside it whatever day it is.
 */
export const currentTerm = (): { start: string; end: string } => {
  const today = todayInShanghai();
  return { start: addDays(today, -730), end: addDays(today, 90) };
};

/**
 * A contract drafted and signed by nobody yet: a fresh eligible contractor (or `contractor`), a fresh budget line of
 * the purchaser, a single-source project created by the purchaser's side, approved by a second bureau user,
 * published, bid, scored by DELIVERY_PANEL, awarded and past its standstill.
 */
export async function draftedContract(options: ContractOptions = {}): Promise<SignedContract> {
  const purchaserId = options.purchaser ?? 'pur-town-1';
  const price = options.price ?? 900_000;
  const term = options.term ?? currentTerm();
  const fiscalYear = Number(term.start.slice(0, 4));
  const [clerk, approver, contractor] = await Promise.all([
    purchaserSigner(purchaserId),
    token('bureau', { sub: `approver-${unique()}` }),
    options.contractor ?? eligibleContractor(),
    enrolEvaluators(DELIVERY_PANEL),
  ]);
  const line = await openBudgetLine(approver, purchaserId, fiscalYear, price * 10);
  const created = await api<ProjectView>('POST', '/v1/projects', {
    token: clerk,
    headers: { 'idempotency-key': `prj-${unique()}` },
    body: {
      purchaserId,
      title: '困难群众居家照料服务',
      catalogCode: options.catalogCode ?? 'C-CAREGIVING',
      budgetLineId: line.id,
      estimatedAmount: price,
      quantity: options.quantity ?? { value: 1000, unit: '小时' },
      term,
      ...(options.paymentMilestones ? { paymentMilestones: options.paymentMilestones } : {}),
      procurementMethod: 'single_source',
      singleSourceRationale: SINGLE_SOURCE_RATIONALE,
      evaluationCriteria: {
        quality: [{ code: 'plan', description: '服务方案', weight: 80 }],
        priceWeight: 20,
      },
    },
  });
  expect(created.status, created.text).toBe(201);
  const { id: projectId } = created.json;
  const step = async (method: string, path: string, asToken: string, version: number, body?: unknown) => {
    const done = await api<ProjectView>(method, path, {
      token: asToken,
      headers: { 'if-match': etag(version) },
      body,
    });
    expect(done.status, `${method} ${path}: ${done.text}`).toBeLessThan(300);
    return done.json.version;
  };
  let version = await step('POST', `/v1/projects/${projectId}/submit`, clerk, created.json.version);
  version = await step('POST', `/v1/projects/${projectId}/approve`, approver, version);
  version = await step('PUT', `/v1/projects/${projectId}/evaluators`, approver, version, {
    evaluatorIds: DELIVERY_PANEL,
  });
  const projectWhen = (until: (p: ProjectView) => boolean) =>
    waitFor(
      async () => {
        const project = await api<ProjectView>('GET', `/v1/projects/${projectId}`, { token: approver });
        return until(project.json) ? project.json : undefined;
      },
      // Publication, closing and the standstill are the workflow's: slow when two cores are shared.
      { timeoutMs: 120_000, intervalMs: 100 },
    );
  // The deadline counts from the publication; the workflow checks the minimum again when it runs.
  await step('POST', `/v1/projects/${projectId}/publish`, clerk, version, {
    bidDeadline: deadlineIn(options.closesInSeconds ?? PERIOD_OVERRIDE_SECONDS + 15),
  });
  await projectWhen((p) => p.status === 'published');
  const bid = await api<{ id: string }>('PUT', `/v1/projects/${projectId}/bid`, {
    token: contractor.token,
    headers: { 'if-none-match': '*' },
    body: { price, proposal: { summary: '组建社工团队入户照料' } },
  });
  expect(bid.status, bid.text).toBe(201);
  await projectWhen((p) => p.status === 'bidding_closed');
  // One after another: each sheet checks the project's scoring state in its transaction.
  for (const sub of DELIVERY_PANEL) {
    const sheet = await api('PUT', `/v1/projects/${projectId}/scores`, {
      token: await token('evaluator', { sub }),
      headers: { 'if-none-match': '*' },
      body: { scores: [{ bidId: bid.json.id, criterionCode: 'plan', score: 85 }] },
    });
    expect(sheet.status, sheet.text).toBe(201);
  }
  // Awarded, then the standstill (PERIOD_OVERRIDE_SECONDS) passes without a challenge: the contract is drafted.
  const drafted = await projectWhen((p) => p.contract !== undefined);
  const contractId = drafted.contract!.id;
  const read = await api<Contract>('GET', `/v1/contracts/${contractId}`, { token: clerk });
  expect(read.status, read.text).toBe(200);
  return {
    contract: read.json,
    contractId,
    projectId,
    purchaserId,
    budgetLineId: line.id,
    contractor,
    purchaserToken: clerk,
    bureauToken: approver,
  };
}

/**
 * A contract signed by both sides (a `draftedContract`), with `acceptancePlan` set by the purchaser while nobody had
 * signed (PUT /v1/contracts/{id}/acceptance-plan), then signed by the contractor and by the purchaser.
 */
export async function signedContract(
  options: ContractOptions & {
    /** The plan, or how to make it from the default plan drafted with the contract. */
    acceptancePlan?: AcceptancePlan | ((drafted: AcceptancePlan) => AcceptancePlan);
  } = {},
): Promise<SignedContract> {
  const drafted = await draftedContract(options);
  let contract = drafted.contract;
  if (options.acceptancePlan) {
    const plan =
      typeof options.acceptancePlan === 'function'
        ? options.acceptancePlan(structuredClone(contract.acceptancePlan))
        : options.acceptancePlan;
    const set = await api<Contract>('PUT', `/v1/contracts/${drafted.contractId}/acceptance-plan`, {
      token: drafted.purchaserToken,
      headers: { 'if-match': etag(contract.version) },
      body: plan,
    });
    expect(set.status, set.text).toBe(200);
    contract = set.json;
  }
  for (const signer of [drafted.contractor.token, drafted.purchaserToken]) {
    const signed = await api<Contract>('POST', `/v1/contracts/${drafted.contractId}/sign`, {
      token: signer,
      headers: { 'if-match': etag(contract.version) },
    });
    expect(signed.status, signed.text).toBe(200);
    contract = signed.json;
  }
  expect(contract.status).toBe('signed');
  return { ...drafted, contract };
}

/** A token of `role` scoped to the contract's purchaser where the role has one (a town's user). */
export function purchaserToken(role: Extract<Role, 'town' | 'bureau'>, purchaserId: string): Promise<string> {
  return token(role, { purchaserId, sub: `${role}-${unique()}` });
}

/** A fresh, valid resident ID number (GB 11643): a Shandong region code, a birth date in the 1980s, random digits. */
export function newResidentId(): string {
  const birth = `198${randomInt(10)}0${1 + randomInt(9)}1${randomInt(10)}`;
  const first17 = `370402${birth}${String(randomInt(1000)).padStart(3, '0')}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

export interface StaffMember {
  id: string;
  contractorId: string;
  residentId: string;
  version: number;
  evidence?: { documentId: string; status: string };
}

/**
 * A person on `contractorId`'s roster, added by `asToken` (the bureau or the contractor), with employment evidence
 * uploaded and, unless `verified: false`, verified by the document verifier (R-CON-3).
 */
export async function rosteredStaff(
  contractorId: string,
  asToken: string,
  options: {
    verified?: boolean;
    role?: 'caregiver' | 'coordinator' | 'social_worker' | 'other';
    qualified?: boolean;
    name?: string;
  } = {},
): Promise<StaffMember> {
  const residentId = newResidentId();
  const created = await api<StaffMember>('POST', `/v1/contractors/${contractorId}/staff`, {
    token: asToken,
    body: {
      name: options.name ?? '王芳',
      residentId,
      role: options.role ?? 'caregiver',
      joinedOn: addDays(todayInShanghai(), -800),
      ...(options.qualified
        ? {
            qualification: {
              level: 'social_worker',
              certificateNumber: `SW-${unique()}`,
              validUntil: addDays(todayInShanghai(), 3650),
            },
          }
        : {}),
    },
  });
  expect(created.status, created.text).toBe(201);
  const staff = created.json;
  if (options.verified === false) return { ...staff, residentId };
  const declared = await api<{ documentId: string; upload: { url: string; fields: Record<string, string> } }>(
    'POST',
    `/v1/contractors/${contractorId}/staff/${staff.id}/evidence`,
    {
      token: asToken,
      body: {
        kind: 'labour_contract',
        fileName: '劳动合同.pdf',
        contentType: 'application/pdf',
        size: PDF_BYTES.length,
        sha256: sha256(PDF_BYTES),
      },
    },
  );
  expect(declared.status, declared.text).toBe(201);
  expect(await uploadWithPresignedPost(declared.json.upload, PDF_BYTES, 'application/pdf')).toBeLessThan(300);
  const verified = await waitFor(
    async () => {
      const read = await api<StaffMember>('GET', `/v1/contractors/${contractorId}/staff/${staff.id}`, {
        token: asToken,
      });
      return read.json.evidence?.status === 'verified' ? read.json : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  return { ...verified, residentId };
}

export interface Dispatch {
  id: string;
  version: number;
  staffId: string;
  period: { start: string; end: string };
  place: { kind: string; purchaserId: string; code?: string };
}

/** The place a contract's staff serve by default: the purchaser's town, or the service center for the district. */
export const placeOf = (purchaserId: string) =>
  purchaserId === 'pur-district' ? { kind: 'service_center', purchaserId } : { kind: 'town', purchaserId };

/** Dispatches `staffId` under the contract for `period` (default the last 30 days to 30 days ahead) to `place`. */
export async function dispatched(
  contractId: string,
  asToken: string,
  staffId: string,
  place: { kind: string; purchaserId: string; code?: string },
  period: { start: string; end: string } = {
    start: addDays(todayInShanghai(), -30),
    end: addDays(todayInShanghai(), 30),
  },
): Promise<Dispatch> {
  const created = await api<Dispatch>('POST', `/v1/contracts/${contractId}/dispatches`, {
    token: asToken,
    body: { staffId, place, period },
  });
  expect(created.status, created.text).toBe(201);
  return created.json;
}

/** A village of each seeded town, where its delivery records are made. */
export const VILLAGE: Record<string, string> = {
  'pur-town-1': 'vil-1-1',
  'pur-town-2': 'vil-2-1',
  'pur-town-3': 'vil-3-1',
  'pur-district': 'vil-1-2',
};

/**
 * One delivery record's body: `staffId` served a recipient in `villageId` yesterday (Shanghai) for an hour, against
 * the contract's first delivery line; `recipientId` is the recipient's resident ID (fresh by default).
 */
export function deliveryBody(
  contract: Pick<Contract, 'catalogCode' | 'acceptancePlan'>,
  staffId: string,
  villageId: string,
  options: { recipientId?: string; name?: string; phone?: string; hoursAgo?: number } = {},
) {
  const end = new Date(Date.now() - (options.hoursAgo ?? 24) * 3_600_000);
  const start = new Date(end.getTime() - 3_600_000);
  return {
    catalogCode: contract.catalogCode,
    lineCode: contract.acceptancePlan.delivery[0]!.code,
    recipient: {
      villageId,
      name: options.name ?? '赵大爷',
      residentId: options.recipientId ?? newResidentId(),
      ...(options.phone ? { phone: options.phone } : {}),
    },
    staffId,
    start: start.toISOString(),
    end: end.toISOString(),
    quantity: 1,
    notes: '上门照料一小时',
  };
}

// ---- later stages: records served, and an acceptance run to its end (issue 13 §2, §3) ----

/**
 * `count` delivery records on the contract by `staffId` (rostered, dispatched around today to the purchaser's town),
 * for `recipients` distinct recipients in the town's village, an hour each and two hours apart, in one batch as
 * `asToken` (the contractor, or a portal acting for it with `onBehalfOf`). Returns the records' ids.
 */
export async function deliveredRecords(
  signed: Pick<SignedContract, 'contractId' | 'contract' | 'purchaserId'>,
  asToken: string,
  staffId: string,
  options: { count?: number; recipients?: number; onBehalfOf?: string } = {},
): Promise<string[]> {
  const count = options.count ?? 10;
  const people = Array.from({ length: options.recipients ?? Math.min(count, 10) }, () => newResidentId());
  const records = Array.from({ length: count }, (_, i) => ({
    recordId: `rec-${unique()}-${i}`,
    ...deliveryBody(signed.contract, staffId, VILLAGE[signed.purchaserId] ?? 'vil-1-1', {
      recipientId: people[i % people.length],
      hoursAgo: 2 + i * 2,
    }),
  }));
  const batch = await api<{ created: number; results: { id?: string }[] }>(
    'POST',
    `/v1/contracts/${signed.contractId}/deliveries/batch`,
    {
      token: asToken,
      ...(options.onBehalfOf ? { headers: { 'on-behalf-of': options.onBehalfOf } } : {}),
      body: { records },
    },
  );
  expect(batch.status, batch.text.slice(0, 2000)).toBe(200);
  expect(batch.json.created, batch.text.slice(0, 2000)).toBe(count);
  return batch.json.results.map((r) => r.id ?? '');
}

export interface AcceptanceView {
  id: string;
  status: 'collecting_opinions' | 'inspecting' | 'rectification' | 'passed' | 'failed';
  round: number;
  version: number;
  rounds: { round: number; next: string }[];
}

/** Polls an acceptance until `until` holds (the workflow moves it asynchronously). */
export const acceptanceWhen = (
  contractId: string,
  id: string,
  asToken: string,
  until: (a: AcceptanceView) => boolean,
): Promise<AcceptanceView> =>
  waitFor(
    async () => {
      const read = await api<AcceptanceView>('GET', `/v1/contracts/${contractId}/acceptances/${id}`, {
        token: asToken,
      });
      return until(read.json) ? read.json : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );

/**
 * A signedContract `acceptancePlan` option: every stage may be opened from today, with these recipients' settings and
 * this panel quorum.
 */
export const openableToday =
  (recipients: AcceptancePlan['recipients'], quorum: number) =>
  (plan: AcceptancePlan): AcceptancePlan => ({
    ...plan,
    stages: plan.stages.map((stage) => ({ ...stage, from: todayInShanghai() })),
    recipients,
    panel: { quorum },
  });

/** A panel of `size` members (the plan's quorum by default 3): bureau users with fresh subs, and their tokens. */
export async function acceptancePanel(
  size = 3,
): Promise<{ panel: { sub: string; role: 'bureau' }[]; tokens: string[] }> {
  const subs = Array.from({ length: size }, () => `panel-${unique()}`);
  return {
    panel: subs.map((sub) => ({ sub, role: 'bureau' as const })),
    tokens: await Promise.all(subs.map((sub) => token('bureau', { sub }))),
  };
}

/**
 * The acceptance of `milestoneSeq` run by the bureau to its first decision: opened with a fresh panel of
 * `quorum` members, each invited recipient answering `satisfaction` (5 by default) for the first delivery line, each
 * plan indicator measured at its target (or `values`), every member confirming; resolves with the acceptance once it
 * is decided (`passed` when the rule passes it). The contract needs served recipients (deliveredRecords) and a plan
 * whose stage may be opened today.
 */
export async function decidedAcceptance(
  signed: Pick<SignedContract, 'contractId' | 'contract'>,
  milestoneSeq: number,
  options: { quorum?: number; satisfaction?: number; values?: { code: string; value: number }[] } = {},
): Promise<AcceptanceView> {
  const opener = await token('bureau', { sub: `opener-${unique()}` });
  const { panel, tokens } = await acceptancePanel(
    options.quorum ?? signed.contract.acceptancePlan.panel.quorum,
  );
  const base = `/v1/contracts/${signed.contractId}/acceptances`;
  const opened = await api<AcceptanceView & { tokens: { token?: string }[] }>('POST', base, {
    token: opener,
    body: { milestoneSeq, panel },
  });
  expect(opened.status, opened.text).toBe(201);
  const { id } = opened.json;
  for (const { token: invitation } of opened.json.tokens) {
    const answered = await api('POST', '/v1/opinions', {
      body: {
        token: invitation,
        satisfaction: options.satisfaction ?? 5,
        items: [signed.contract.acceptancePlan.delivery[0]!.code],
      },
    });
    expect(answered.status, answered.text).toBe(200);
  }
  const inspecting = await acceptanceWhen(signed.contractId, id, opener, (a) => a.status === 'inspecting');
  const measured = await api<AcceptanceView>('PUT', `${base}/${id}/measurements`, {
    token: opener,
    headers: { 'if-match': etag(inspecting.version) },
    body: {
      values:
        options.values ??
        signed.contract.acceptancePlan.indicators.map((i) => ({ code: i.code, value: i.target })),
    },
  });
  expect(measured.status, measured.text).toBe(200);
  for (const member of tokens) {
    // A member signs the measurements of the version they read (If-Match, R-ACC-1).
    const signature = await api('POST', `${base}/${id}/signatures`, {
      token: member,
      headers: { 'if-match': etag(measured.json.version) },
      body: { verdict: 'confirm' },
    });
    expect(signature.status, signature.text).toBe(201);
  }
  return acceptanceWhen(signed.contractId, id, opener, (a) => a.status !== 'inspecting' || a.round > 1);
}
