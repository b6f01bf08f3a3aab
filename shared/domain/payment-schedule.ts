/**
 * Payment milestones (R-FUND-2, R-ACC-3): declared on the project, priced on the contract. Its own module so
 * project.ts and contract.ts both use it without importing each other (issue 9 §2).
 */
import { DomainError } from './errors';

const invalid = (field: string, message: string, rule: string) =>
  new DomainError('invalid', `${field}: ${message}`, { field, rule });

/** Payment events in the order they happen. */
export const PAYMENT_EVENTS = ['signing', 'mid_term_review', 'acceptance_passed'] as const;
export type PaymentEvent = (typeof PAYMENT_EVENTS)[number];

export interface PaymentMilestoneInput {
  event: PaymentEvent;
  /** Percent of the price, > 0, at most two decimals (e.g. 33.33). */
  percent: number;
  note?: string;
}

/**
 * The district's default settlement (R-CON-2, R-ACC-3) when a project names none: an advance at signing so a
 * non-profit can start, a second part after the mid-term review, the rest only on passed acceptance.
 */
export const DEFAULT_PAYMENT_MILESTONES: readonly PaymentMilestoneInput[] = [
  { event: 'signing', percent: 30 },
  { event: 'mid_term_review', percent: 40 },
  { event: 'acceptance_passed', percent: 30 },
];

export interface PaymentMilestone {
  seq: number;
  event: PaymentEvent;
  percent: number;
  /** Exact share in basis points (1/100 %); the milestones sum to 10 000. */
  basisPoints: number;
  /** Fen; the milestones sum to the contract price exactly. */
  amount: number;
  note?: string;
}

/**
 * Splits `total` fen by weights so the parts sum to `total` exactly (largest remainder, Hamilton): each part gets
 * the floor of its exact share, and the fen left over go one each to the largest remainders (earlier milestone
 * first on equal remainders).
 */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
  const exact = weights.map((w) => BigInt(total) * BigInt(w));
  const parts = exact.map((e) => e / sum);
  let left = BigInt(total) - parts.reduce((s, p) => s + p, 0n);
  const byRemainder = exact
    .map((e, i) => ({ i, r: e % sum }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

/**
 * R-FUND-2, R-ACC-3: percentages > 0 with at most two decimals, summing to exactly 100, in event order, signing at
 * most once, and the last (and only the last) tied to a passed acceptance: no final payment without it.
 */
export function paymentSchedule(price: number, inputs: readonly PaymentMilestoneInput[]): PaymentMilestone[] {
  const field = 'paymentMilestones';
  if (inputs.length === 0) throw invalid(field, 'at least one payment milestone', 'R-FUND-2');
  const basisPoints = inputs.map((m, i) => {
    const bp = Math.round(m.percent * 100);
    if (!Number.isFinite(m.percent) || m.percent <= 0 || Math.abs(m.percent * 100 - bp) > 1e-7) {
      throw invalid(
        `${field}.${i}.percent`,
        `a percentage > 0 with at most two decimals, not ${m.percent}`,
        'R-FUND-2',
      );
    }
    if (!PAYMENT_EVENTS.includes(m.event)) {
      throw invalid(`${field}.${i}.event`, `one of ${PAYMENT_EVENTS.join(', ')}`, 'R-FUND-2');
    }
    return bp;
  });
  const total = basisPoints.reduce((s, b) => s + b, 0);
  if (total !== 10_000) {
    throw invalid(field, `the milestones add up to ${total / 100} %, not exactly 100 %`, 'R-FUND-2');
  }
  for (let i = 1; i < inputs.length; i++) {
    const before = PAYMENT_EVENTS.indexOf(inputs[i - 1]!.event);
    const now = PAYMENT_EVENTS.indexOf(inputs[i]!.event);
    if (now < before) {
      throw invalid(
        `${field}.${i}.event`,
        `${inputs[i]!.event} cannot follow ${inputs[i - 1]!.event}`,
        'R-FUND-2',
      );
    }
  }
  if (inputs.filter((m) => m.event === 'signing').length > 1) {
    throw invalid(field, 'at most one payment at signing', 'R-FUND-2');
  }
  const acceptances = inputs.filter((m) => m.event === 'acceptance_passed').length;
  if (inputs.at(-1)!.event !== 'acceptance_passed' || acceptances !== 1) {
    throw invalid(field, 'the last milestone, and only it, is paid on a passed acceptance', 'R-ACC-3');
  }
  const amounts = allocateLargestRemainder(price, basisPoints);
  return inputs.map((m, i) => ({
    seq: i + 1,
    event: m.event,
    percent: m.percent,
    basisPoints: basisPoints[i]!,
    amount: amounts[i]!,
    ...(m.note !== undefined ? { note: m.note } : {}),
  }));
}
