/**
 * Service contracts from the district's standard template (R-CON-1..4), their payment milestones and
 * signatures, and the commitment of the budget line at the second signature (R-FUND-2). Pure: the use case
 * writes the signed contract and `commitFunds` in one transaction.
 */
import type { Actor } from './audit-chain';
import { DomainError } from './errors';
import type { PaymentMilestone, PaymentMilestoneInput } from './payment-schedule';
import { paymentSchedule } from './payment-schedule';
import type { Project } from './project';
import type { AcceptancePlan } from './acceptance-plan';
import { checkAcceptancePlan, defaultAcceptancePlan } from './acceptance-plan';

// The schedule is declared on the project and priced on the contract: its own module, so neither imports the other.
export * from './payment-schedule';

// ---- the template (R-CON-1) ----

export const CLAUSE_KEYS = [
  'content',
  'term',
  'quantity',
  'quality_standard',
  'price',
  'settlement',
  'rights_obligations',
  'breach_liability',
  'no_subcontracting',
  'financial_reporting_supervision',
] as const;
export type ClauseKey = (typeof CLAUSE_KEYS)[number];

export interface Clause {
  key: ClauseKey;
  titleZh: string;
  titleEn: string;
  /** Chinese text; {placeholders} are filled from the project and the award. */
  textZh: string;
}

export interface ContractTemplate {
  templateId: string;
  version: number;
  /** R-CON-1: 区级科学制定统一制式合同文本 — only the district issues templates. */
  issuedBy: 'district';
  issuerName: string;
  issuedAt: string;
  clauses: Clause[];
}

/** The district's standard template, version 1 (R-CON-1, clauses after R-CON-2..4 and the policy's wording). */
export const STANDARD_TEMPLATE: ContractTemplate = {
  templateId: 'district-social-assistance-service',
  version: 1,
  issuedBy: 'district',
  issuerName: '区民政局',
  issuedAt: '2025-01-01T00:00:00.000+08:00',
  clauses: [
    {
      key: 'content',
      titleZh: '服务内容',
      titleEn: 'Content',
      textZh: '乙方按照采购文件及本合同约定，向甲方提供"{title}"（目录编码 {catalogCode}）服务。',
    },
    {
      key: 'term',
      titleZh: '服务期限',
      titleEn: 'Term',
      textZh: '服务期限自 {termStart} 起至 {termEnd} 止。',
    },
    { key: 'quantity', titleZh: '服务数量', titleEn: 'Quantity', textZh: '服务数量为 {quantity}。' },
    {
      key: 'quality_standard',
      titleZh: '服务质量标准',
      titleEn: 'Quality standard',
      textZh: '乙方提供的服务应符合本合同附件所列服务标准及其各项指标，甲方据此组织检查验收。',
    },
    {
      key: 'price',
      titleZh: '合同价款',
      titleEn: 'Price',
      textZh: '合同总价为人民币 {priceYuan} 元（{price} 分），包含完成本合同服务的全部费用。',
    },
    {
      key: 'settlement',
      titleZh: '资金结算方式',
      titleEn: 'Settlement method',
      textZh:
        '甲方按本合同所列付款节点从预算资金中支付价款；最后一期款项在检查验收合格后支付，验收结果作为支付资金的重要依据。',
    },
    {
      key: 'rights_obligations',
      titleZh: '双方的权利义务',
      titleEn: 'Rights and obligations',
      textZh:
        '甲方有权对服务提供全过程进行跟踪监督并按约支付价款；乙方应按约提供服务、主动接受监管，并保护服务对象的个人信息。',
    },
    {
      key: 'breach_liability',
      titleZh: '违约责任',
      titleEn: 'Liability for breach',
      textZh: '任何一方违反本合同约定的，应承担继续履行、采取补救措施或者赔偿损失等违约责任。',
    },
    {
      key: 'no_subcontracting',
      titleZh: '严禁服务转包',
      titleEn: 'No subcontracting',
      textZh: '乙方应自行提供本合同约定的服务，严禁服务转包；乙方将服务转交他人提供的，甲方有权解除合同。',
    },
    {
      key: 'financial_reporting_supervision',
      titleZh: '财务报告与监督',
      titleEn: 'Financial reporting and supervision',
      textZh:
        '乙方应健全财务报告制度，主动接受购买主体对服务数量、质量和效果的监管，并接受审计监督、社会监督和舆论监督。',
    },
  ],
};

const invalid = (field: string, message: string, rule: string) =>
  new DomainError('invalid', `${field}: ${message}`, { field, rule });

/** R-CON-1..4: a template is the district's, versioned, and carries every required clause exactly once. */
export function checkTemplate(template: ContractTemplate): void {
  if (template.issuedBy !== 'district') {
    throw invalid('template.issuedBy', 'the standard contract template is issued by the district', 'R-CON-1');
  }
  if (!Number.isInteger(template.version) || template.version < 1) {
    throw invalid('template.version', 'a template carries a version ≥ 1', 'R-CON-1');
  }
  for (const key of CLAUSE_KEYS) {
    const count = template.clauses.filter((c) => c.key === key).length;
    const rule =
      key === 'no_subcontracting'
        ? 'R-CON-3'
        : key === 'financial_reporting_supervision'
          ? 'R-CON-4'
          : 'R-CON-2';
    if (count !== 1)
      throw invalid(`template.clauses.${key}`, `must appear exactly once, not ${count} times`, rule);
  }
}

// ---- the contract ----

export interface Award {
  projectId: string;
  bidId: string;
  contractorId: string;
  /** The awarded bid's price, integer fen. */
  price: number;
  awardedAt: string;
}

/**
 * draft → signed_by_one → signed → completed (the last milestone paid) | terminated (for breach, by the bureau;
 * the unpaid remainder is released from the budget line). Issue 13.
 */
export type ContractStatus = 'draft' | 'signed_by_one' | 'signed' | 'completed' | 'terminated';
export const CONTRACT_STATUSES = ['draft', 'signed_by_one', 'signed', 'completed', 'terminated'] as const;
export type Party = 'purchaser' | 'contractor';

export interface Signature {
  by: Actor;
  at: string;
}

export interface Contract {
  id: string;
  projectId: string;
  bidId: string;
  purchaserId: string;
  contractorId: string;
  budgetLineId: string;
  template: { templateId: string; version: number };
  title: string;
  catalogCode: string;
  term: Project['term'];
  quantity: Project['quantity'];
  serviceStandard: Project['serviceStandard'];
  price: number;
  currency: 'CNY';
  /** The template's clauses with the placeholders filled: the text both sides sign. */
  clauses: Clause[];
  paymentMilestones: PaymentMilestone[];
  /** 履约验收方案 (R-ACC-1..3): agreed with the contract, the purchaser's to change only while nobody has signed. */
  acceptancePlan: AcceptancePlan;
  status: ContractStatus;
  signatures: Partial<Record<Party, Signature>>;
  /** When the last milestone was paid (status completed). */
  completedAt?: string;
  /** Terminated for breach by the bureau: why, the liability fixed, and what was released from the line. */
  termination?: { reason: string; liability: string; by: Actor; at: string; released: number };
  version: number;
  createdAt: string;
  updatedAt: string;
}

const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * R-CON-1..3: the awarded project's contract, from the district's standard template, at the awarded price,
 * with the payment schedule checked and split to the fen.
 */
export function draftContract(
  project: Project,
  award: Award,
  template: ContractTemplate,
  input: { paymentMilestones: readonly PaymentMilestoneInput[] },
  ctx: { id: string; now: string },
): Contract {
  if (project.status !== 'awarded') {
    throw new DomainError('conflict', `a ${project.status} project has no award to contract`, {
      rule: 'R-PROC-1',
    });
  }
  if (award.projectId !== project.id) {
    throw invalid('award.projectId', `the award belongs to ${award.projectId}, not ${project.id}`, 'R-CON-2');
  }
  if (!Number.isSafeInteger(award.price) || award.price <= 0) {
    throw invalid('award.price', `a positive whole number of fen, not ${award.price}`, 'R-FUND-2');
  }
  checkTemplate(template);
  const paymentMilestones = paymentSchedule(award.price, input.paymentMilestones);
  const values: Record<string, string> = {
    title: project.title,
    catalogCode: project.catalogCode,
    termStart: project.term.start,
    termEnd: project.term.end,
    quantity: `${project.quantity.value} ${project.quantity.unit}`,
    priceYuan: yuan(award.price),
    price: String(award.price),
  };
  return {
    id: ctx.id,
    projectId: project.id,
    bidId: award.bidId,
    purchaserId: project.purchaserId,
    contractorId: award.contractorId,
    budgetLineId: project.budgetLineId,
    template: { templateId: template.templateId, version: template.version },
    title: project.title,
    catalogCode: project.catalogCode,
    term: project.term,
    quantity: project.quantity,
    serviceStandard: project.serviceStandard,
    price: award.price,
    currency: 'CNY',
    clauses: template.clauses.map((c) => ({ ...c, textZh: fill(c.textZh, values) })),
    paymentMilestones,
    acceptancePlan: defaultAcceptancePlan({
      serviceStandard: project.serviceStandard,
      term: project.term,
      quantity: project.quantity,
      title: project.title,
      paymentMilestones,
    }),
    status: 'draft',
    signatures: {},
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/** What the use case commits on the budget line in the same transaction as the second signature (R-FUND-2). */
export interface FundsCommitment {
  budgetLineId: string;
  amount: number;
  contractId: string;
}

/**
 * Each side signs once; draft → signed_by_one → signed. The second signature returns `commitment`: the use case
 * must add `commitFunds(budgetLineId, amount)` to the same transaction, or the signature does not happen.
 */
export function sign(
  contract: Contract,
  party: Party,
  by: Actor,
  at: string,
): { contract: Contract; commitment?: FundsCommitment } {
  if (contract.status !== 'draft' && contract.status !== 'signed_by_one') {
    throw new DomainError('conflict', `contract ${contract.id} is already signed by both sides`, {
      rule: 'R-CON-1',
    });
  }
  if (contract.signatures[party]) {
    throw new DomainError('conflict', `the ${party} has already signed contract ${contract.id}`, {
      field: 'party',
      rule: 'R-CON-1',
    });
  }
  const signatures = { ...contract.signatures, [party]: { by, at } };
  const both = signatures.purchaser !== undefined && signatures.contractor !== undefined;
  const signed: Contract = {
    ...contract,
    signatures,
    status: both ? 'signed' : 'signed_by_one',
    version: contract.version + 1,
    updatedAt: at,
  };
  if (!both) return { contract: signed };
  // R-FUND-2: commitments at contract, in the same transaction.
  return {
    contract: signed,
    commitment: { budgetLineId: contract.budgetLineId, amount: contract.price, contractId: contract.id },
  };
}

/**
 * R-ACC-1..3: the purchaser sets the acceptance plan while nobody has signed; from the first signature it is what
 * both sides agreed (政府采购需求管理办法 第二十四条: 履约验收方案应当在合同中约定).
 */
export function setAcceptancePlan(contract: Contract, plan: AcceptancePlan, at: string): Contract {
  if (contract.status !== 'draft' || Object.keys(contract.signatures).length > 0) {
    throw new DomainError(
      'conflict',
      `contract ${contract.id} is ${contract.status}: its acceptance plan was agreed with the first signature`,
      { field: 'acceptancePlan', rule: 'R-ACC-1' },
    );
  }
  checkAcceptancePlan(plan, contract);
  return { ...contract, acceptancePlan: plan, version: contract.version + 1, updatedAt: at };
}

// R-CON-3: every contract carries the no-subcontracting clause (checkTemplate refuses a template without it); the
// roster and dispatch rules (shared/domain/staff.ts) refuse delivery by anyone not on the contractor's roster.
