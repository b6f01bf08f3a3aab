/**
 * The acceptance plan (履约验收方案, R-ACC-1..3): agreed in the contract when it is signed, as 政府采购需求管理办法
 * (财库〔2021〕22号) 第二十四条 asks (subject, time, method, procedure, content and standards of the acceptance), and
 * shown to both sides. The purchaser may change it only while nobody has signed (PUT /v1/contracts/{id}/acceptance-plan);
 * from the first signature it is what both sides agreed.
 *
 * What it fixes:
 * - the indicators the panel measures (the catalog's, as refined for the project, R-CAT-4) with their targets, and which
 *   are mandatory (a mandatory indicator that misses its target fails the acceptance, R-ACC-1);
 * - the stages: one acceptance per payment milestone paid on a review or a passed acceptance (分期验收);
 * - the service recipients: how many are invited (sample size), the minimum number of opinions, the satisfied share
 *   (scores 4–5) below which the acceptance fails (default 80 %), and how long they have to answer (R-ACC-2);
 * - the panel's quorum (the number of members whose signature completes a decision);
 * - rectification: how many rounds at most, how long each, and the deduction the liability clause fixes per round;
 * - the payment term after a passed acceptance (default 30 days, at most 60: 国务院令第802号, applied to every
 *   contractor, R-ACC-3);
 * - the minimum share of social-work-qualified staff among those dispatched (R-STAFF-1, 0 when the project asks none);
 * - the delivery plan: planned quantities per delivery line over the term, against which progress is measured (R-SUP-1).
 */
import type { Indicator, ServiceStandard } from './catalog';
import { DomainError } from './errors';
import type { PaymentEvent, PaymentMilestone } from './payment-schedule';

export interface PlanIndicator extends Indicator {
  /** A mandatory indicator that misses its target fails the acceptance (R-ACC-1). */
  mandatory: boolean;
}

export interface AcceptanceStage {
  /** The payment milestone this stage's acceptance releases. */
  milestoneSeq: number;
  event: Exclude<PaymentEvent, 'signing'>;
  /** The Shanghai date on or after which the purchaser opens this stage's acceptance. */
  from: string;
}

export interface DeliveryLine {
  /** What a delivery record counts against, e.g. `home_visits`. */
  code: string;
  description: string;
  unit: string;
  /** Planned over the whole term. */
  planned: number;
}

export interface AcceptancePlan {
  /** How the panel inspects (on-site inspection, records review, recipient survey, …). */
  method: string;
  indicators: PlanIndicator[];
  stages: AcceptanceStage[];
  recipients: {
    sampleSize: number;
    minimumOpinions: number;
    /** Basis points (1/100 %) of opinions scoring 4 or 5; default 8 000 (80 %). */
    satisfiedShareBp: number;
    /** Days recipients have to answer their invitation. */
    answerDays: number;
  };
  panel: { quorum: number };
  rectification: { maxRounds: number; days: number; deductionBpPerRound: number };
  paymentTermDays: number;
  /** Basis points of dispatched staff holding a social-work qualification (R-STAFF-1). */
  minimumQualifiedShareBp: number;
  delivery: DeliveryLine[];
}

export const PAYMENT_TERM_DEFAULT_DAYS = 30;
/** 保障中小企业款项支付条例 (国务院令第802号) 第九条: at most 60 days by agreement. */
export const PAYMENT_TERM_MAX_DAYS = 60;
export const SATISFIED_SHARE_DEFAULT_BP = 8_000;

const invalid = (field: string, message: string, rule: string) =>
  new DomainError('invalid', `acceptancePlan.${field}: ${message}`, {
    field: `acceptancePlan.${field}`,
    rule,
  });

/** Shanghai date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

function midpoint(start: string, end: string): string {
  const a = Date.parse(`${start}T00:00:00Z`);
  const b = Date.parse(`${end}T00:00:00Z`);
  return new Date(a + Math.floor((b - a) / 86_400_000 / 2) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The district's default plan for a contract: every indicator of the service standard mandatory, a stage per
 * milestone after signing (the review at mid-term, the final acceptance from the term's last month), 10 recipients
 * invited, 5 opinions at least, 80 % satisfied, a quorum of 3, two rectification rounds of 30 days at 5 % each, payment
 * within 30 days, and the whole quantity as one delivery line.
 */
export function defaultAcceptancePlan(input: {
  serviceStandard: ServiceStandard;
  term: { start: string; end: string };
  quantity: { value: number; unit: string };
  title: string;
  paymentMilestones: readonly Pick<PaymentMilestone, 'seq' | 'event'>[];
}): AcceptancePlan {
  const finalFrom =
    addDays(input.term.end, -30) < input.term.start ? input.term.start : addDays(input.term.end, -30);
  return {
    method: '现场检查、服务记录抽查与服务对象满意度调查相结合',
    indicators: input.serviceStandard.indicators.map((indicator) => ({ ...indicator, mandatory: true })),
    stages: input.paymentMilestones
      .filter((m) => m.event !== 'signing')
      .map((m) => ({
        milestoneSeq: m.seq,
        event: m.event as Exclude<PaymentEvent, 'signing'>,
        from: m.event === 'mid_term_review' ? midpoint(input.term.start, input.term.end) : finalFrom,
      })),
    recipients: {
      sampleSize: 10,
      minimumOpinions: 5,
      satisfiedShareBp: SATISFIED_SHARE_DEFAULT_BP,
      answerDays: 14,
    },
    panel: { quorum: 3 },
    rectification: { maxRounds: 2, days: 30, deductionBpPerRound: 500 },
    paymentTermDays: PAYMENT_TERM_DEFAULT_DAYS,
    minimumQualifiedShareBp: 0,
    delivery: [
      {
        code: 'service',
        description: input.title,
        unit: input.quantity.unit,
        planned: input.quantity.value,
      },
    ],
  };
}

/**
 * R-ACC-1..3, R-STAFF-1: a plan both sides can sign. Indicators are the service standard's (codes unique, each at
 * most once); one stage per milestone after signing, in order; recipients' numbers coherent; the payment term within
 * 国务院令第802号's 60 days.
 */
export function checkAcceptancePlan(
  plan: AcceptancePlan,
  contract: {
    serviceStandard: ServiceStandard;
    term: { start: string; end: string };
    paymentMilestones: readonly Pick<PaymentMilestone, 'seq' | 'event'>[];
  },
): void {
  const standard = new Map(contract.serviceStandard.indicators.map((i) => [i.code, i]));
  const seen = new Set<string>();
  plan.indicators.forEach((indicator, i) => {
    if (!standard.has(indicator.code)) {
      throw invalid(
        `indicators.${i}.code`,
        `${indicator.code} is not an indicator of the contract's service standard (${[...standard.keys()].join(', ')})`,
        'R-ACC-1',
      );
    }
    if (seen.has(indicator.code))
      throw invalid(`indicators.${i}.code`, `${indicator.code} appears twice`, 'R-ACC-1');
    seen.add(indicator.code);
  });
  if (!plan.indicators.some((i) => i.mandatory)) {
    throw invalid(
      'indicators',
      'at least one indicator is mandatory: the panel inspects against the standard',
      'R-ACC-1',
    );
  }
  const staged = contract.paymentMilestones.filter((m) => m.event !== 'signing');
  if (plan.stages.length !== staged.length) {
    throw invalid(
      'stages',
      `one stage per milestone paid on a review or an acceptance (${staged.map((m) => m.seq).join(', ')}), not ${plan.stages.length}`,
      'R-ACC-3',
    );
  }
  plan.stages.forEach((stage, i) => {
    const milestone = staged[i]!;
    if (stage.milestoneSeq !== milestone.seq || stage.event !== milestone.event) {
      throw invalid(
        `stages.${i}.milestoneSeq`,
        `stage ${i + 1} releases milestone ${milestone.seq} (${milestone.event})`,
        'R-ACC-3',
      );
    }
    if (stage.from < contract.term.start || stage.from > contract.term.end) {
      throw invalid(
        `stages.${i}.from`,
        `within the term ${contract.term.start} to ${contract.term.end}`,
        'R-ACC-3',
      );
    }
    if (i > 0 && stage.from < plan.stages[i - 1]!.from) {
      throw invalid(`stages.${i}.from`, 'stages open in milestone order', 'R-ACC-3');
    }
  });
  const r = plan.recipients;
  if (r.minimumOpinions < 1) throw invalid('recipients.minimumOpinions', 'at least one opinion', 'R-ACC-2');
  if (r.minimumOpinions > r.sampleSize) {
    throw invalid('recipients.minimumOpinions', `at most the sample size (${r.sampleSize})`, 'R-ACC-2');
  }
  // R-ACC-3, R-FUND-2: the deductions of every round the plan allows leave something to pay, so a passed acceptance
  // always releases a payment and a milestone never blocks the ones after it (they are paid in order).
  const { maxRounds, deductionBpPerRound } = plan.rectification;
  if (maxRounds * deductionBpPerRound >= 10_000) {
    throw invalid(
      'rectification.deductionBpPerRound',
      `${maxRounds} rounds of ${deductionBpPerRound / 100} % would deduct the whole milestone; keep the total below 100 %`,
      'R-ACC-3',
    );
  }
  if (plan.paymentTermDays < 1 || plan.paymentTermDays > PAYMENT_TERM_MAX_DAYS) {
    throw invalid('paymentTermDays', `1 to ${PAYMENT_TERM_MAX_DAYS} days (国务院令第802号)`, 'R-ACC-3');
  }
  const codes = new Set<string>();
  plan.delivery.forEach((line, i) => {
    if (codes.has(line.code)) throw invalid(`delivery.${i}.code`, `${line.code} appears twice`, 'R-SUP-1');
    codes.add(line.code);
  });
}
