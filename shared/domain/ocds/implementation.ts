/**
 * A contract's implementation in OCDS 1.1.5 (issue 13 §5, R-ACC-4, R-SUP-3): each acceptance decision, each payment
 * and a termination publish a release under the process's ocid whose `contracts[0].implementation` says what changed.
 * Every release is the contract release of the process (buyer, tender, award, contract) with its own id, date, tag
 * and implementation; the record merges them by identifier, so each release carries only what its decision changed.
 *
 * - an acceptance is a milestone of type `assessment` (code `acceptance`, one per payment milestone it releases, id
 *   `acceptance-<seq>`): `met` when passed, `partiallyMet` while sent to rectification, `notMet` when failed for good;
 *   its signed report (验收报告) is a document (`completionCertificate` when passed, else `physicalProgressReport`:
 *   a failed or rectified acceptance certifies no completion), identified by its sha256;
 * - each indicator of the acceptance plan, the recipients' satisfied share and the opinions received are metrics
 *   (metrics extension): the contract's `agreedMetrics` hold the targets, `implementation.metrics` one observation
 *   per acceptance round, linked to the acceptance milestone;
 * - each payment milestone is a milestone of type `payment` (id and code `payment-<seq>`), `met` only with its
 *   transaction, which links back to it (transaction_milestones extension);
 * - a termination for breach, or the last payment, ends the contract (`contractTermination`, contract status
 *   `terminated`, which OCDS uses for both) with `finalValue` = Σ transactions (contract_completion extension).
 *
 * Not published (personal data, R-SUP-3): the termination's reason and liability (free
 * text, which may name a service recipient or a staff member), panel members, recipients and their opinions' texts.
 */
import type { AcceptancePlan } from '../acceptance-plan';
import { businessDate } from '../clock';
import { DomainError } from '../errors';
import type { PaymentEvent } from '../payment-schedule';
import type { AnnouncementTexts } from './core';
import { cny, yuanText } from './core';
import type {
  Implementation,
  Metric,
  MilestoneReference,
  OcdsContract,
  OcdsDocument,
  OcdsMilestone,
  OcdsTransaction,
  OrganizationReference,
  Release,
  ReleaseTag,
} from './types';

// ---- what the callers hand over ----

/** What one acceptance decision publishes (the acceptance workflow builds it from its record). */
export interface AcceptanceOutcome {
  acceptanceId: string;
  /** The payment milestone this stage releases. */
  milestoneSeq: number;
  /** 1, then 2.. after a rectification. */
  round: number;
  outcome: 'passed' | 'rectification' | 'failed';
  /** ISO with offset. */
  decidedAt: string;
  indicators: {
    code: string;
    description: string;
    unit: string;
    target: number;
    comparison: '>=' | '<=' | '=';
    measured: number;
    met: boolean;
  }[];
  opinions: { received: number; minimum: number; satisfiedShareBp: number | null; thresholdBp: number };
  /** The signed acceptance report (验收报告): its id, title and sha256 of its canonical JSON. */
  report: { id: string; title: string; sha256: string };
  /** Shanghai date. */
  rectificationDueBy?: string;
}

/** The contract as its implementation releases need it (shared/domain/contract.ts `Contract`). */
export interface ContractTerms {
  id: string;
  title: string;
  price: number;
  paymentMilestones: readonly { seq: number; event: PaymentEvent; amount: number }[];
  acceptancePlan: Pick<AcceptancePlan, 'indicators' | 'recipients'>;
}

/** A payment milestone as its release needs it (shared/domain/milestone.ts `ContractMilestone`). */
export interface PaidMilestone {
  seq: number;
  event: PaymentEvent;
  amount: number;
  deduction: number;
  acceptance?: { id: string; passedAt: string; rectificationRounds: number };
  payment?: { id: string; amount: number; paidAt: string };
  status: string;
}

/** The parties of a payment: the purchaser pays, the supplier as the process names it (R-SUP-3). */
export interface PaymentParties {
  payer: OrganizationReference;
  payee: OrganizationReference;
}

// ---- ids and labels ----

export const acceptanceMilestoneId = (seq: number) => `acceptance-${seq}`;
export const paymentMilestoneId = (seq: number) => `payment-${seq}`;

/** Unique and stable per decision: a task that runs again builds the same id (and the append refuses it). */
export const implementationReleaseIds = {
  acceptance: (contractId: string, a: Pick<AcceptanceOutcome, 'acceptanceId' | 'round'>) =>
    `${contractId}-acceptance-${a.acceptanceId}-r${a.round}`,
  /** A milestone is paid once (R-ACC-3): its sequence number names the payment's release. */
  payment: (contractId: string, seq: number) => `${contractId}-payment-${seq}`,
  termination: (contractId: string) => `${contractId}-termination`,
};

const EVENT_ZH: Record<PaymentEvent, string> = {
  signing: '合同签订',
  mid_term_review: '中期评估',
  acceptance_passed: '终期验收合格',
};
const EVENT_EN: Record<PaymentEvent, string> = {
  signing: 'contract signing',
  mid_term_review: 'mid-term review',
  acceptance_passed: 'final acceptance',
};

const OUTCOME_ZH = { passed: '验收合格', rectification: '限期整改', failed: '验收不合格' } as const;
const OUTCOME_EN = {
  passed: 'passed',
  rectification: 'sent to rectification',
  failed: 'failed',
} as const;
const OUTCOME_STATUS = { passed: 'met', rectification: 'partiallyMet', failed: 'notMet' } as const;

const COMPARISON_ZH = { '>=': '不低于', '<=': '不高于', '=': '等于' } as const;

const percent = (bp: number): number => bp / 100;

function eventOf(contract: ContractTerms, seq: number): PaymentEvent {
  const m = contract.paymentMilestones.find((p) => p.seq === seq);
  if (!m) throw new Error(`contract ${contract.id} has no payment milestone ${seq}`);
  return m.event;
}

const acceptanceTitle = (seq: number, event: PaymentEvent) =>
  `第 ${seq} 期付款节点履约验收（${EVENT_ZH[event]}）`;
const paymentTitle = (seq: number, event: PaymentEvent) => `第 ${seq} 期付款（${EVENT_ZH[event]}）`;

const acceptanceRef = (seq: number, event: PaymentEvent): MilestoneReference => ({
  id: acceptanceMilestoneId(seq),
  title: acceptanceTitle(seq, event),
});
const paymentRef = (seq: number, event: PaymentEvent): MilestoneReference => ({
  id: paymentMilestoneId(seq),
  title: paymentTitle(seq, event),
});

// ---- the rule ----

/**
 * R-ACC-3 as published (milestoneType `payment`: "if the status of a contract's payment milestone is 'met', then
 * the contract ought to have an entry for the payment under its implementation.transactions", made a hard rule):
 * a payment milestone is `met` only with a transaction linked to it; a transaction links to a `met` payment
 * milestone; and a milestone paid on an acceptance (every one but the signing advance) has its acceptance milestone
 * `met` beside it. Checked on every implementation this module builds, and on a compiled record by the tests.
 */
export function checkPaymentDisclosure(
  implementation: Implementation,
  schedule: readonly { seq: number; event: PaymentEvent }[],
): void {
  const milestones = new Map((implementation.milestones ?? []).map((m) => [m.id, m]));
  const transactions = implementation.transactions ?? [];
  const broken = (message: string) => new DomainError('conflict', message, { rule: 'R-ACC-3' });
  for (const m of milestones.values()) {
    if (m.type !== 'payment' || m.status !== 'met') continue;
    if (!transactions.some((t) => t.relatedImplementationMilestone.id === m.id)) {
      throw broken(`payment milestone ${m.id} is met without its transaction`);
    }
  }
  for (const t of transactions) {
    const related = milestones.get(t.relatedImplementationMilestone.id);
    if (related?.type !== 'payment' || related.status !== 'met') {
      throw broken(`transaction ${t.id} is not linked to a met payment milestone`);
    }
    const planned = schedule.find((p) => paymentMilestoneId(p.seq) === related.id);
    if (!planned) throw broken(`transaction ${t.id} pays ${related.id}, which is not in the schedule`);
    if (planned.event === 'signing') continue;
    const acceptance = milestones.get(acceptanceMilestoneId(planned.seq));
    if (acceptance?.type !== 'assessment' || acceptance.status !== 'met') {
      throw broken(`transaction ${t.id} pays ${related.id} without a met acceptance milestone`);
    }
  }
}

// ---- the releases ----

/** The contract release of the process as this decision's release: same process, own id, date, tag. */
function implementationRelease(
  base: Release,
  id: string,
  date: string,
  tag: ReleaseTag[],
  contract: (c: OcdsContract) => OcdsContract,
): Release {
  const [first, ...rest] = base.contracts ?? [];
  if (!first || rest.length > 0) throw new Error(`release ${base.id} has not exactly one contract`);
  return { ...base, id, date, tag, contracts: [contract(first)] };
}

/** The acceptance plan's targets as the contract's agreed metrics (the same in every acceptance release). */
export function agreedMetrics(contract: ContractTerms): Metric[] {
  const { indicators, recipients } = contract.acceptancePlan;
  return [
    ...indicators.map((i) => ({
      id: i.code,
      title: i.description,
      description: `${i.mandatory ? '必达指标' : '一般指标'}：${COMPARISON_ZH[i.comparison]} ${i.target} ${i.unit}`,
      observations: [
        {
          id: `${i.code}-target`,
          measure: i.target,
          unit: { name: i.unit },
          dimensions: { comparison: i.comparison, mandatory: String(i.mandatory) },
        },
      ],
    })),
    {
      id: 'recipient-satisfied-share',
      title: '服务对象满意率',
      description: '服务对象意见中评分为 4 或 5 的占比，低于约定比例的验收不合格（R-ACC-2）',
      observations: [
        {
          id: 'recipient-satisfied-share-target',
          measure: percent(recipients.satisfiedShareBp),
          unit: { name: '%' },
          dimensions: { comparison: '>=' },
        },
      ],
    },
    {
      id: 'recipient-opinions',
      title: '收到的服务对象意见数',
      description: `每次验收邀请 ${recipients.sampleSize} 名服务对象，意见少于约定份数的验收不合格（R-ACC-2）`,
      observations: [
        {
          id: 'recipient-opinions-target',
          measure: recipients.minimumOpinions,
          unit: { name: '份' },
          dimensions: { comparison: '>=' },
        },
      ],
    },
  ];
}

function acceptanceMilestone(contract: ContractTerms, a: AcceptanceOutcome): OcdsMilestone {
  const event = eventOf(contract, a.milestoneSeq);
  const metCount = a.indicators.filter((i) => i.met).length;
  const share = a.opinions.satisfiedShareBp === null ? '无' : `${percent(a.opinions.satisfiedShareBp)} %`;
  const due =
    a.outcome === 'rectification' && a.rectificationDueBy
      ? { dueDate: `${a.rectificationDueBy}T23:59:59+08:00` }
      : {};
  return {
    ...acceptanceRef(a.milestoneSeq, event),
    type: 'assessment',
    code: 'acceptance',
    status: OUTCOME_STATUS[a.outcome],
    description:
      `第 ${a.round} 轮验收：${OUTCOME_ZH[a.outcome]}。服务标准指标 ${metCount}/${a.indicators.length} 项达标；` +
      `服务对象意见 ${a.opinions.received} 份（至少 ${a.opinions.minimum} 份），满意率 ${share}` +
      `（不低于 ${percent(a.opinions.thresholdBp)} %）。`,
    ...due,
    ...(a.outcome === 'passed' ? { dateMet: a.decidedAt } : {}),
    dateModified: a.decidedAt,
  };
}

function acceptanceMetrics(contract: ContractTerms, a: AcceptanceOutcome): Metric[] {
  const ref = acceptanceRef(a.milestoneSeq, eventOf(contract, a.milestoneSeq));
  const observationId = `${a.acceptanceId}-r${a.round}`;
  const dims = { round: String(a.round) };
  return [
    ...a.indicators.map((i) => ({
      id: i.code,
      title: i.description,
      observations: [
        {
          id: observationId,
          measure: i.measured,
          unit: { name: i.unit },
          dimensions: { ...dims, result: i.met ? 'met' : 'notMet' },
          relatedImplementationMilestone: ref,
        },
      ],
    })),
    {
      id: 'recipient-satisfied-share',
      title: '服务对象满意率',
      observations: [
        {
          id: observationId,
          ...(a.opinions.satisfiedShareBp === null
            ? { notes: '未收到服务对象意见' }
            : { measure: percent(a.opinions.satisfiedShareBp), unit: { name: '%' } }),
          dimensions: {
            ...dims,
            result:
              a.opinions.satisfiedShareBp !== null && a.opinions.satisfiedShareBp >= a.opinions.thresholdBp
                ? 'met'
                : 'notMet',
          },
          relatedImplementationMilestone: ref,
        },
      ],
    },
    {
      id: 'recipient-opinions',
      title: '收到的服务对象意见数',
      observations: [
        {
          id: observationId,
          measure: a.opinions.received,
          unit: { name: '份' },
          dimensions: { ...dims, result: a.opinions.received >= a.opinions.minimum ? 'met' : 'notMet' },
          relatedImplementationMilestone: ref,
        },
      ],
    },
  ];
}

function reportDocument(a: AcceptanceOutcome, date: string): OcdsDocument {
  return {
    id: a.report.id,
    documentType: a.outcome === 'passed' ? 'completionCertificate' : 'physicalProgressReport',
    title: a.report.title,
    description:
      `验收报告（第 ${a.round} 轮，${OUTCOME_ZH[a.outcome]}），对应实施里程碑 ${acceptanceMilestoneId(a.milestoneSeq)}；` +
      `报告规范化 JSON 的 SHA-256：${a.report.sha256}`,
    datePublished: date,
    language: 'zh',
  };
}

/** One acceptance decision (R-ACC-4): its milestone, report, and the measured values against the agreed ones. */
export function acceptanceRelease(
  base: Release,
  contract: ContractTerms,
  a: AcceptanceOutcome,
  input: { tag: 'implementation' | 'implementationUpdate'; date: string },
): Release {
  eventOf(contract, a.milestoneSeq);
  const implementation: Implementation = {
    milestones: [acceptanceMilestone(contract, a)],
    documents: [reportDocument(a, input.date)],
    metrics: acceptanceMetrics(contract, a),
  };
  checkPaymentDisclosure(implementation, contract.paymentMilestones);
  return implementationRelease(
    base,
    implementationReleaseIds.acceptance(contract.id, a),
    input.date,
    [input.tag],
    (c) => ({ ...c, agreedMetrics: agreedMetrics(contract), implementation }),
  );
}

/** A paid milestone, its transaction and (paid on an acceptance) its met acceptance milestone. */
function paidItems(
  milestone: PaidMilestone,
  payment: { id: string; amount: number; paidAt: string },
  parties: PaymentParties,
): { milestones: OcdsMilestone[]; transaction: OcdsTransaction } {
  const { seq, event } = milestone;
  if (event !== 'signing' && !milestone.acceptance) {
    throw new DomainError(
      'conflict',
      `payment milestone ${seq} is paid on an acceptance and none passed (R-ACC-3)`,
      { rule: 'R-ACC-3' },
    );
  }
  // The passed acceptance restated beside the payment, so the release holds to the rule on its own; without dates
  // or description, so merging it leaves those of the acceptance's own release (dateMet = when it was decided).
  const acceptance: OcdsMilestone[] = milestone.acceptance
    ? [{ ...acceptanceRef(seq, event), type: 'assessment', code: 'acceptance', status: 'met' }]
    : [];
  const deduction =
    milestone.deduction > 0 ? `，扣减 ${yuanText(milestone.deduction)} 元（整改违约责任）` : '';
  return {
    milestones: [
      ...acceptance,
      {
        ...paymentRef(seq, event),
        type: 'payment',
        code: paymentMilestoneId(seq),
        status: 'met',
        description: `合同约定 ${yuanText(milestone.amount)} 元${deduction}，实付 ${yuanText(payment.amount)} 元`,
        dateMet: payment.paidAt,
        dateModified: payment.paidAt,
      },
    ],
    transaction: {
      id: payment.id,
      date: payment.paidAt,
      value: cny(payment.amount),
      payer: parties.payer,
      payee: parties.payee,
      relatedImplementationMilestone: paymentRef(seq, event),
    },
  };
}

/** The end of a contract (contract_completion): finalValue is Σ of the transactions the release carries. */
function completion(
  transactions: readonly OcdsTransaction[],
  contract: ContractTerms,
  end: { at: string; details: string },
): Pick<Implementation, 'endDate' | 'endDateDetails' | 'finalValue' | 'finalValueDetails'> {
  const paidFen = transactions.reduce((sum, t) => sum + Math.round(t.value.amount * 100), 0);
  const unpaid = contract.price - paidFen;
  return {
    endDate: end.at,
    endDateDetails: end.details,
    finalValue: cny(paidFen),
    finalValueDetails:
      `合同金额 ${yuanText(contract.price)} 元，实付 ${yuanText(paidFen)} 元` +
      (unpaid > 0 ? `，未付 ${yuanText(unpaid)} 元（验收整改扣减或合同解除后不再支付）` : ''),
  };
}

/**
 * One payment (R-ACC-3): the payment milestone met with its transaction. `completedWith`: the contract completes
 * with this payment (its last): every paid milestone of the contract, this one included, so the release ends the
 * contract with finalValue = Σ of its transactions.
 */
export function paymentRelease(
  base: Release,
  contract: ContractTerms,
  milestone: PaidMilestone,
  payment: { id: string; amount: number; paidAt: string },
  input: {
    tag: 'implementation' | 'implementationUpdate';
    date: string;
    parties: PaymentParties;
    completedWith?: readonly PaidMilestone[];
  },
): Release {
  const own = paidItems(milestone, payment, input.parties);
  const others = (input.completedWith ?? [])
    .filter((m) => m.seq !== milestone.seq && m.payment)
    .map((m) => paidItems(m, m.payment as NonNullable<PaidMilestone['payment']>, input.parties));
  const all = [own, ...others].sort((a, b) => a.transaction.date.localeCompare(b.transaction.date));
  const transactions = all.map((p) => p.transaction);
  const implementation: Implementation = {
    milestones: all.flatMap((p) => p.milestones),
    transactions,
    ...(input.completedWith
      ? completion(transactions, contract, { at: payment.paidAt, details: '最后一期款项支付，合同履行完毕' })
      : {}),
  };
  checkPaymentDisclosure(implementation, contract.paymentMilestones);
  return implementationRelease(
    base,
    implementationReleaseIds.payment(contract.id, milestone.seq),
    input.date,
    input.completedWith ? [input.tag, 'contractTermination'] : [input.tag],
    (c) => ({ ...c, ...(input.completedWith ? { status: 'terminated' } : {}), implementation }),
  );
}

/**
 * A termination for breach: the contract `terminated`; each paid milestone met with its transaction, each unpaid one
 * `notMet` (never to be paid); finalValue = Σ paid. The reason and liability stay in the contract (free text).
 */
export function terminationRelease(
  base: Release,
  contract: ContractTerms,
  milestones: readonly PaidMilestone[],
  input: { date: string; terminatedAt: string; parties: PaymentParties },
): Release {
  const paid = milestones
    .filter((m) => m.payment)
    .map((m) => paidItems(m, m.payment as NonNullable<PaidMilestone['payment']>, input.parties));
  const unpaid: OcdsMilestone[] = milestones
    .filter((m) => !m.payment)
    .map((m) => ({
      ...paymentRef(m.seq, m.event),
      type: 'payment',
      code: paymentMilestoneId(m.seq),
      status: 'notMet',
      description: `合同约定 ${yuanText(m.amount)} 元；合同解除，本期不再支付`,
      dateModified: input.terminatedAt,
    }));
  const transactions = paid.map((p) => p.transaction);
  const implementation: Implementation = {
    milestones: [...paid.flatMap((p) => p.milestones), ...unpaid],
    transactions,
    ...completion(transactions, contract, {
      at: input.terminatedAt,
      details: '采购人因供应商违约解除合同',
    }),
  };
  checkPaymentDisclosure(implementation, contract.paymentMilestones);
  return implementationRelease(
    base,
    implementationReleaseIds.termination(contract.id),
    input.date,
    ['contractTermination'],
    (c) => ({ ...c, status: 'terminated', implementation }),
  );
}

// ---- announcements (R-ACC-4) ----

export function acceptanceAnnouncement(
  contract: ContractTerms,
  a: AcceptanceOutcome,
  names: { purchaser: { zh: string; en: string }; supplier: { zh: string; en: string } },
): AnnouncementTexts {
  const event = eventOf(contract, a.milestoneSeq);
  const metCount = a.indicators.filter((i) => i.met).length;
  const total = a.indicators.length;
  const { received, minimum, satisfiedShareBp, thresholdBp } = a.opinions;
  const shareZh = satisfiedShareBp === null ? '无（未收到意见）' : `${percent(satisfiedShareBp)} %`;
  const shareEn = satisfiedShareBp === null ? 'none (no opinion received)' : `${percent(satisfiedShareBp)} %`;
  const rectifyZh =
    a.outcome === 'rectification' && a.rectificationDueBy
      ? `，供应商须于 ${a.rectificationDueBy} 前完成整改后再次验收，并再次征询服务对象意见`
      : '';
  const rectifyEn =
    a.outcome === 'rectification' && a.rectificationDueBy
      ? `; the supplier rectifies by ${a.rectificationDueBy} and is inspected again, the service recipients asked for their opinion again`
      : '';
  const { title } = contract;
  return {
    title: {
      zh: `${title} 验收结果公告（第 ${a.milestoneSeq} 期）`,
      en: `Acceptance result: ${title} (milestone ${a.milestoneSeq})`,
    },
    summary: {
      zh:
        `${names.purchaser.zh}对${names.supplier.zh}提供的服务进行第 ${a.milestoneSeq} 期（${EVENT_ZH[event]}）履约验收` +
        `第 ${a.round} 轮，结论：${OUTCOME_ZH[a.outcome]}${rectifyZh}。服务标准指标 ${metCount}/${total} 项达标；` +
        `服务对象意见 ${received} 份（至少 ${minimum} 份），满意率 ${shareZh}（不低于 ${percent(thresholdBp)} %）。`,
      en:
        `${names.purchaser.en} inspected the service of ${names.supplier.en} for milestone ${a.milestoneSeq} ` +
        `(${EVENT_EN[event]}), round ${a.round}: ${OUTCOME_EN[a.outcome]}${rectifyEn}. ${metCount} of ${total} ` +
        `service-standard indicators met; ${received} recipients' opinions (at least ${minimum}), satisfied share ` +
        `${shareEn} (at least ${percent(thresholdBp)} %).`,
    },
    statements: a.indicators.map(
      (i) =>
        `${i.description}：约定${COMPARISON_ZH[i.comparison]} ${i.target} ${i.unit}，实测 ${i.measured} ${i.unit}，` +
        `${i.met ? '达标' : '未达标'}（${i.code}: target ${i.comparison} ${i.target}, measured ${i.measured}, ` +
        `${i.met ? 'met' : 'not met'}）`,
    ),
  };
}

export function terminationAnnouncement(
  contract: ContractTerms,
  milestones: readonly PaidMilestone[],
  input: {
    terminatedAt: string;
    names: { purchaser: { zh: string; en: string }; supplier: { zh: string; en: string } };
  },
): AnnouncementTexts {
  const paid = milestones.reduce((sum, m) => sum + (m.payment?.amount ?? 0), 0);
  const unpaid = contract.price - paid;
  const day = businessDate(new Date(input.terminatedAt));
  const { purchaser, supplier } = input.names;
  return {
    title: {
      zh: `${contract.title} 合同终止公告`,
      en: `Contract terminated: ${contract.title}`,
    },
    summary: {
      zh:
        `${purchaser.zh}因${supplier.zh}违约，于 ${day} 解除"${contract.title}"服务合同。合同金额 ${yuanText(contract.price)} 元，` +
        `已支付 ${yuanText(paid)} 元，其余 ${yuanText(unpaid)} 元不再支付。`,
      en:
        `${purchaser.en} terminated the service contract with ${supplier.en} for breach on ${day}. Contract value ` +
        `CNY ${yuanText(contract.price)}, paid CNY ${yuanText(paid)}; the remaining CNY ${yuanText(unpaid)} will not be paid.`,
    },
  };
}
