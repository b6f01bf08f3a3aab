/**
 * Bid evaluation and ranking (R-PROC-3, R-PROC-6, R-QUAL-4, R-EVAL-3). Pure arithmetic: the use cases load
 * the scores, the bids and the contractors, and store the ranking.
 *
 * Everything is computed exactly, as rationals over bigint, and rounded only for presentation (2 decimals,
 * half up): two totals are tied only when they are equal exactly, never because they round alike.
 */
import type { Contractor } from './contractor';
import { DomainError } from './errors';
import type { EvaluationCriteria, QualityCriterion } from './project';

// ---- exact rationals ----

/** A non-negative rational number num/den in lowest terms (den > 0). */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('division by zero');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const ZERO = rational(0n);
export const add = (a: Rational, b: Rational) => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational) => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational) => rational(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational) => rational(a.num * b.den, a.den * b.num);
export const compare = (a: Rational, b: Rational): -1 | 0 | 1 => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};

/** An exact rational from a JavaScript number written in plain decimals (a weight such as 12.5). */
export function fromDecimal(value: number): Rational {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const text = String(value);
  if (/e/i.test(text)) throw new RangeError(`${value} is too small or too large for a weight or score`);
  const [whole, fraction = ''] = text.split('.');
  return rational(BigInt(`${whole}${fraction}`), 10n ** BigInt(fraction.length));
}

/** Presentation only: a fixed-point string, half up (values here are never negative). */
export function toFixed(value: Rational, digits = 2): string {
  const scale = 10n ** BigInt(digits);
  const negative = value.num < 0n;
  const num = negative ? -value.num : value.num;
  const scaled = (num * scale * 2n + value.den) / (2n * value.den);
  const whole = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(digits, '0');
  return `${negative && scaled !== 0n ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

export const toNumber = (value: Rational, digits = 2): number => Number(toFixed(value, digits));

// ---- scores (R-PROC-3) ----

export const SCORE_MIN = 0;
export const SCORE_MAX = 100;

export interface EvaluatorScore {
  evaluatorId: string;
  bidId: string;
  criterionCode: string;
  /** 0–100 with at most one decimal (87 or 87.5, not 87.25). */
  score: number;
}

export interface Bid {
  id: string;
  contractorId: string;
  /** Integer fen. */
  price: number;
  /** Set by the compliance review (符合性审查); a disqualified bid is neither scored nor a price baseline. */
  disqualified?: { reason: string };
}

/**
 * R-PROC-6 / R-EVAL-3: past evaluation results are a key reference when choosing contractors. There is no
 * record of evaluations yet: performance evaluation (R-EVAL-1..4) is its own capability, after delivery and
 * payment (issue 13). Until it lands, a past-performance criterion gives every bid the neutral midpoint 50,
 * the score of 合格, so the criterion neither rewards nor punishes anyone and does not lock newcomers out
 * (R-PROC-5). The evaluation capability replaces this constant with the contractor's latest grade, read
 * through a port by the Evaluate task.
 */
export const NEUTRAL_PAST_PERFORMANCE_SCORE = 50;

export interface PastPerformanceOption {
  /** The quality criterion scored from the evaluation record instead of by the evaluators (neutral today). */
  criterionCode: string;
}

export interface RankingOptions {
  /**
   * 'mean' (default): the plain mean of all evaluators' scores, nothing dropped. 'drop_extremes': Chinese
   * practice sometimes drops the highest and the lowest score (去掉一个最高分和一个最低分) when at least 5
   * evaluators score; applied here per bid and per criterion, and only with ≥ 5 scores (else the plain mean).
   */
  aggregation?: 'mean' | 'drop_extremes';
  pastPerformance?: PastPerformanceOption;
}

const invalid = (field: string, message: string, rule = 'R-PROC-3') =>
  new DomainError('invalid', `${field}: ${message}`, { field, rule });

/** R-PROC-3: a score is 0–100 with at most one decimal; returns it in tenths (an integer 0–1000). */
export function scoreInTenths(score: number, field = 'score'): number {
  const tenths = Math.round(score * 10);
  if (
    !Number.isFinite(score) ||
    score < SCORE_MIN ||
    score > SCORE_MAX ||
    Math.abs(score * 10 - tenths) > 1e-9
  ) {
    throw invalid(
      field,
      `a score is between ${SCORE_MIN} and ${SCORE_MAX} with at most one decimal, not ${score}`,
    );
  }
  return tenths;
}

/** The criteria the evaluators score: every quality criterion except a record-based past-performance one. */
export const scoredCriteria = (
  criteria: EvaluationCriteria,
  pastPerformanceCode?: string,
): QualityCriterion[] => criteria.quality.filter((c) => c.code !== pastPerformanceCode);

/**
 * R-PROC-3: every score is well-formed and belongs to the project (assigned evaluator, valid bid, scored
 * criterion), and no evaluator scores the same thing twice. Throws on the first problem.
 */
export function checkScores(
  evaluators: readonly string[],
  bids: readonly Bid[],
  criteria: EvaluationCriteria,
  scores: readonly EvaluatorScore[],
  pastPerformanceCode?: string,
): void {
  const valid = new Set(bids.filter((b) => !b.disqualified).map((b) => b.id));
  const codes = new Set(scoredCriteria(criteria, pastPerformanceCode).map((c) => c.code));
  const seen = new Set<string>();
  for (const [i, s] of scores.entries()) {
    const field = `scores.${i}`;
    scoreInTenths(s.score, `${field}.score`);
    if (!evaluators.includes(s.evaluatorId)) {
      throw new DomainError(
        'refused',
        `${field}.evaluatorId: ${s.evaluatorId} is not assigned to this project`,
        {
          field: `${field}.evaluatorId`,
          rule: 'R-PROC-3',
        },
      );
    }
    if (!valid.has(s.bidId)) throw invalid(`${field}.bidId`, `${s.bidId} is not a valid bid of this project`);
    if (s.criterionCode === pastPerformanceCode) {
      throw invalid(
        `${field}.criterionCode`,
        `${s.criterionCode} comes from the evaluation record, not from evaluators`,
        'R-PROC-6',
      );
    }
    if (!codes.has(s.criterionCode)) {
      throw invalid(`${field}.criterionCode`, `${s.criterionCode} is not a criterion of this project`);
    }
    const key = JSON.stringify([s.evaluatorId, s.bidId, s.criterionCode]);
    if (seen.has(key)) {
      throw new DomainError(
        'duplicate',
        `${field}: ${s.evaluatorId} already scored ${s.criterionCode} of ${s.bidId}`,
        {
          field,
          rule: 'R-PROC-3',
        },
      );
    }
    seen.add(key);
  }
}

/** R-PROC-3: true when every assigned evaluator has scored every valid bid on every scored criterion. */
export function allScoresIn(
  evaluators: readonly string[],
  bids: readonly Bid[],
  criteria: EvaluationCriteria,
  scores: readonly EvaluatorScore[],
  pastPerformanceCode?: string,
): boolean {
  const have = new Set(scores.map((s) => JSON.stringify([s.evaluatorId, s.bidId, s.criterionCode])));
  const valid = bids.filter((b) => !b.disqualified);
  if (evaluators.length === 0 || valid.length === 0) return false;
  return evaluators.every((e) =>
    valid.every((b) =>
      scoredCriteria(criteria, pastPerformanceCode).every((c) => have.has(JSON.stringify([e, b.id, c.code]))),
    ),
  );
}

/** The mean (or trimmed mean) of scores given in tenths, as a rational on the 0–100 scale. */
export function aggregate(
  tenths: readonly number[],
  aggregation: RankingOptions['aggregation'] = 'mean',
): Rational {
  if (tenths.length === 0) throw new RangeError('no scores to aggregate');
  let used = [...tenths].sort((a, b) => a - b);
  if (aggregation === 'drop_extremes' && used.length >= 5) used = used.slice(1, -1);
  const sum = used.reduce((s, t) => s + BigInt(t), 0n);
  return rational(sum, 10n * BigInt(used.length));
}

/**
 * R-PROC-3: the low-price-baseline formula, lowest valid price ÷ bid price × price weight. A single valid bid
 * is its own baseline and gets the full weight.
 */
export function priceScore(price: number, lowestValidPrice: number, priceWeight: number): Rational {
  if (!Number.isSafeInteger(price) || price <= 0)
    throw invalid('price', `a positive whole number of fen, not ${price}`);
  return div(mul(rational(BigInt(lowestValidPrice)), fromDecimal(priceWeight)), rational(BigInt(price)));
}

// ---- ranking (R-PROC-3, R-QUAL-4) ----

export interface CriterionBreakdown {
  code: string;
  weight: number;
  source: 'evaluators' | 'past_performance';
  /** The (possibly trimmed) mean evaluator score, or the record-based score, 0–100. */
  score: Rational;
  /** weight × score ÷ 100. */
  weighted: Rational;
}

export type TieBreakReason = 'non_profit_preference' | 'higher_quality' | 'draw_required';

export interface TieBreak {
  /** The bid placed above (for a draw: the two bids that stay tied). */
  above: string;
  below: string;
  reason: TieBreakReason;
  rule: 'R-QUAL-4' | 'R-PROC-3' | 'R-PROC-5';
  /** One sentence, Chinese then English, for the award notice. */
  statement: string;
}

export interface RankedBid {
  /** Competition ranking: bids tied after every tie-break share a rank (1, 1, 3). */
  rank: number;
  bidId: string;
  contractorId: string;
  price: number;
  nonProfitSocialOrganization: boolean;
  criteria: CriterionBreakdown[];
  quality: Rational;
  priceScore: Rational;
  total: Rational;
  /** The same figures rounded to 2 decimals (half up), for the notice. */
  display: { quality: string; price: string; total: string };
  /** True when this bid is tied with another at its rank and only a documented draw can order them. */
  drawRequired: boolean;
}

export interface Ranking {
  ranked: RankedBid[];
  disqualified: { bidId: string; contractorId: string; reason: string }[];
  tieBreaks: TieBreak[];
  /** The first-ranked bid, unless a draw is required among the first. */
  winner?: string;
  drawRequired: boolean;
}

export interface RankingInput {
  criteria: EvaluationCriteria;
  bids: readonly Bid[];
  contractors: readonly Pick<Contractor, 'id' | 'kind' | 'nonProfit' | 'name'>[];
  evaluators: readonly string[];
  scores: readonly EvaluatorScore[];
  options?: RankingOptions;
}

/** R-QUAL-4: 非营利性社会组织 — a social organization registered as non-profit. */
export const isNonProfitSocialOrganization = (c: Pick<Contractor, 'kind' | 'nonProfit'>): boolean =>
  c.kind === 'social_organization' && c.nonProfit;

/**
 * R-PROC-3, R-QUAL-4: scores every valid bid and ranks them. total = quality + price, where quality =
 * Σ weight × mean score ÷ 100 over the quality criteria (past performance among them, R-PROC-6). Equal totals
 * (exactly) go to the non-profit social organization, then to the higher quality score; still tied, they share
 * a rank and are flagged for a documented draw: nothing is ever broken silently by id or submission order.
 */
export function rankBids(input: RankingInput): Ranking {
  const { criteria, bids, contractors, evaluators, scores, options = {} } = input;
  const past = options.pastPerformance;
  if (past && !criteria.quality.some((c) => c.code === past.criterionCode)) {
    throw invalid(
      'pastPerformance.criterionCode',
      `${past.criterionCode} is not a quality criterion`,
      'R-PROC-6',
    );
  }
  checkScores(evaluators, bids, criteria, scores, past?.criterionCode);
  if (!bids.some((b) => !b.disqualified)) {
    // Nothing to rank: the project is unsuccessful (政府采购法 第三十六条), not waiting for scores.
    throw new DomainError('conflict', 'no valid bid to rank', { rule: 'R-PROC-3' });
  }
  if (!allScoresIn(evaluators, bids, criteria, scores, past?.criterionCode)) {
    throw new DomainError('conflict', 'scoring is not complete: every evaluator scores every valid bid', {
      rule: 'R-PROC-3',
    });
  }
  const valid = bids.filter((b) => !b.disqualified);
  for (const b of valid) priceScore(b.price, b.price, criteria.priceWeight); // validates the price
  const lowest = Math.min(...valid.map((b) => b.price));
  const hundred = rational(100n);

  const scored = valid.map((bid) => {
    const contractor = contractors.find((c) => c.id === bid.contractorId);
    if (!contractor) throw new DomainError('not_found', `contractor ${bid.contractorId} not found`);
    const breakdown = criteria.quality.map((c): CriterionBreakdown => {
      if (c.code === past?.criterionCode) {
        const score = fromDecimal(NEUTRAL_PAST_PERFORMANCE_SCORE); // R-PROC-6: neutral until evaluations exist
        return {
          code: c.code,
          weight: c.weight,
          source: 'past_performance',
          score,
          weighted: div(mul(fromDecimal(c.weight), score), hundred),
        };
      }
      const tenths = scores
        .filter((s) => s.bidId === bid.id && s.criterionCode === c.code)
        .map((s) => scoreInTenths(s.score));
      const score = aggregate(tenths, options.aggregation);
      return {
        code: c.code,
        weight: c.weight,
        source: 'evaluators',
        score,
        weighted: div(mul(fromDecimal(c.weight), score), hundred),
      };
    });
    const quality = breakdown.reduce((s, c) => add(s, c.weighted), ZERO);
    const price = priceScore(bid.price, lowest, criteria.priceWeight); // R-PROC-3
    const total = add(quality, price);
    return {
      bidId: bid.id,
      contractorId: bid.contractorId,
      price: bid.price,
      nonProfitSocialOrganization: isNonProfitSocialOrganization(contractor),
      criteria: breakdown,
      quality,
      priceScore: price,
      total,
      display: { quality: toFixed(quality), price: toFixed(price), total: toFixed(total) },
      drawRequired: false,
      rank: 0,
    };
  });

  // Ordering keys only; equal on every key means a draw (stable sort keeps input order, which is never reported as a decision).
  const order = (a: RankedBid, b: RankedBid): number =>
    compare(b.total, a.total) ||
    Number(b.nonProfitSocialOrganization) - Number(a.nonProfitSocialOrganization) ||
    compare(b.quality, a.quality);
  scored.sort(order);

  const tieBreaks: TieBreak[] = [];
  for (let i = 0; i < scored.length; i++) {
    const current = scored[i]!;
    const previous = scored[i - 1];
    if (!previous || order(previous, current) !== 0) {
      current.rank = i + 1;
    } else {
      current.rank = previous.rank;
      previous.drawRequired = true;
      current.drawRequired = true;
    }
    if (previous && compare(previous.total, current.total) === 0) {
      tieBreaks.push(tieBreakBetween(previous, current));
    }
  }

  const first = scored[0];
  const drawRequired = first?.drawRequired ?? false;
  return {
    ranked: scored,
    disqualified: bids
      .filter((b) => b.disqualified)
      .map((b) => ({ bidId: b.id, contractorId: b.contractorId, reason: b.disqualified!.reason })),
    tieBreaks,
    ...(first && !drawRequired ? { winner: first.bidId } : {}),
    drawRequired,
  };
}

function tieBreakBetween(above: RankedBid, below: RankedBid): TieBreak {
  const total = above.display.total;
  if (above.nonProfitSocialOrganization !== below.nonProfitSocialOrganization) {
    // R-QUAL-4: 同等条件下优先选择非营利性社会组织.
    return {
      above: above.bidId,
      below: below.bidId,
      reason: 'non_profit_preference',
      rule: 'R-QUAL-4',
      statement:
        `${above.bidId} 与 ${below.bidId} 综合得分相同（${total}），同等条件下优先选择非营利性社会组织，${above.bidId} 排名在前。` +
        ` / ${above.bidId} and ${below.bidId} have equal totals (${total}); under equal conditions the non-profit social organization is preferred.`,
    };
  }
  if (compare(above.quality, below.quality) !== 0) {
    // R-PROC-3: quality and service standard first.
    return {
      above: above.bidId,
      below: below.bidId,
      reason: 'higher_quality',
      rule: 'R-PROC-3',
      statement:
        `${above.bidId} 与 ${below.bidId} 综合得分相同（${total}），${above.bidId} 质量得分较高（${above.display.quality} > ${below.display.quality}），排名在前。` +
        ` / Equal totals (${total}); ${above.bidId} has the higher quality score (${above.display.quality} > ${below.display.quality}).`,
    };
  }
  // R-PROC-5: no silent tie-break; the draw is held and documented publicly.
  return {
    above: above.bidId,
    below: below.bidId,
    reason: 'draw_required',
    rule: 'R-PROC-5',
    statement:
      `${above.bidId} 与 ${below.bidId} 综合得分、质量得分均相同（${total}），且非营利性社会组织条件相同，须以公开抽签确定排序。` +
      ` / ${above.bidId} and ${below.bidId} are equal on total, quality and non-profit status; their order needs a documented draw.`,
  };
}

/** What a draw reorders: the exact `Ranking`, or its stored summary (`ProjectEvaluation` in project.ts). */
export interface DrawableRanking {
  ranked: readonly { rank: number; bidId: string; drawRequired: boolean }[];
  tieBreaks: readonly { above: string; below: string; reason: string; statement: string }[];
  winner?: string;
  drawRequired: boolean;
}

/**
 * R-PROC-5: records the result of a documented draw among bids that share a rank: `order` lists exactly those
 * bids in the drawn order. Ranks below are unchanged; the draw is added to the tie-breaks.
 */
export function applyDraw<R extends DrawableRanking>(
  ranking: R,
  order: readonly string[],
  record: { drawnBy: string; witnessedBy: readonly string[]; at: string },
): R {
  const tied = ranking.ranked.filter((r) => order.includes(r.bidId));
  const rank = tied[0]?.rank;
  const group = ranking.ranked.filter((r) => r.rank === rank && r.drawRequired);
  if (
    tied.length !== order.length ||
    new Set(order).size !== order.length ||
    group.length !== order.length ||
    !tied.every((r) => r.rank === rank && r.drawRequired)
  ) {
    throw invalid('order', 'a draw orders exactly the bids that share one tied rank', 'R-PROC-5');
  }
  if (record.witnessedBy.length === 0) throw invalid('witnessedBy', 'a draw is witnessed', 'R-PROC-5');
  const start = ranking.ranked.indexOf(group[0]!);
  const reordered = order.map((id, i) => ({
    ...group.find((r) => r.bidId === id)!,
    rank: rank! + i,
    drawRequired: false,
  }));
  const ranked = [
    ...ranking.ranked.slice(0, start),
    ...reordered,
    ...ranking.ranked.slice(start + reordered.length),
  ];
  const statement = `抽签结果（${record.at}，${record.drawnBy} 主持，${record.witnessedBy.join('、')} 见证）：${order.join(' > ')} / Draw held at ${record.at}: ${order.join(' > ')}`;
  const tieBreaks = ranking.tieBreaks.map((t) =>
    t.reason === 'draw_required' && order.includes(t.above) && order.includes(t.below)
      ? {
          ...t,
          above: order.indexOf(t.above) < order.indexOf(t.below) ? t.above : t.below,
          below: order.indexOf(t.above) < order.indexOf(t.below) ? t.below : t.above,
          statement: `${t.statement} ${statement}`,
        }
      : t,
  );
  const first = ranked[0];
  const drawRequired = first?.drawRequired ?? false;
  const drawn: R = { ...ranking, ranked, tieBreaks, drawRequired };
  if (first && !drawRequired) drawn.winner = first.bidId;
  else delete drawn.winner;
  return drawn;
}
