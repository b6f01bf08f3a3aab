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
import { deadlineIn } from './fixtures';
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
  /** The contract as the purchaser read it after the second signature (status `signed`). */
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

/**
 * A contract signed by both sides: a fresh eligible contractor (or `contractor`), a fresh budget line of the
 * purchaser, a single-source project created by the purchaser's side, approved by a second bureau user, published,
 * bid, scored by DELIVERY_PANEL, awarded, past its standstill, drafted; then `acceptancePlan` set by the purchaser
 * while nobody has signed (PUT /v1/contracts/{id}/acceptance-plan), and signed by the contractor and the purchaser.
 */
export async function signedContract(
  options: {
    purchaser?: PurchaserId;
    acceptancePlan?: AcceptancePlan;
    /** Reuse an eligible contractor (saves its qualification, seconds on the embedded stack). */
    contractor?: Party;
    /** Contract price in fen; the line is opened with ten times it. */
    price?: number;
    fiscalYear?: number;
    /** The project's term (default the whole fiscal year from March). */
    term?: { start: string; end: string };
    catalogCode?: string;
    quantity?: { value: number; unit: string };
  } = {},
): Promise<SignedContract> {
  const purchaserId = options.purchaser ?? 'pur-town-1';
  const price = options.price ?? 900_000;
  const fiscalYear = options.fiscalYear ?? 2035;
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
      term: options.term ?? { start: `${fiscalYear}-03-01`, end: `${fiscalYear}-12-31` },
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
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  // The deadline counts from the publication; the workflow checks the minimum again when it runs.
  await step('POST', `/v1/projects/${projectId}/publish`, clerk, version, {
    bidDeadline: deadlineIn(PERIOD_OVERRIDE_SECONDS + 4),
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
  let contract = (await api<Contract>('GET', `/v1/contracts/${contractId}`, { token: clerk })).json;
  if (options.acceptancePlan) {
    const set = await api<Contract>('PUT', `/v1/contracts/${contractId}/acceptance-plan`, {
      token: clerk,
      headers: { 'if-match': etag(contract.version) },
      body: options.acceptancePlan,
    });
    expect(set.status, set.text).toBe(200);
    contract = set.json;
  }
  for (const signer of [contractor.token, clerk]) {
    const signed = await api<Contract>('POST', `/v1/contracts/${contractId}/sign`, {
      token: signer,
      headers: { 'if-match': etag(contract.version) },
    });
    expect(signed.status, signed.text).toBe(200);
    contract = signed.json;
  }
  expect(contract.status).toBe('signed');
  return {
    contract,
    contractId,
    projectId,
    purchaserId,
    budgetLineId: line.id,
    contractor,
    purchaserToken: clerk,
    bureauToken: approver,
  };
}

/** A token of `role` scoped to the contract's purchaser where the role has one (a town's user). */
export function purchaserToken(role: Extract<Role, 'town' | 'bureau'>, purchaserId: string): Promise<string> {
  return token(role, { purchaserId, sub: `${role}-${unique()}` });
}
