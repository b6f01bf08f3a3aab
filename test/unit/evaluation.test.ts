import { describe, expect, it } from 'vitest';
import type { Bid, EvaluatorScore, RankingInput } from '#shared/domain/evaluation';
import {
  aggregate,
  allScoresIn,
  applyDraw,
  checkScores,
  compare,
  fromDecimal,
  priceScore,
  rankBids,
  rational,
  scoreInTenths,
  sub,
  toFixed,
} from '#shared/domain/evaluation';
import type { EvaluationCriteria } from '#shared/domain/project';

const E3 = ['ev-1', 'ev-2', 'ev-3'];
const enterprise = (id: string) => ({ id, name: id, kind: 'enterprise' as const, nonProfit: false });
const nonProfit = (id: string) => ({ id, name: id, kind: 'social_organization' as const, nonProfit: true });

/** Scores: per bid, per criterion, one score per evaluator (in evaluator order). */
function scoresFrom(
  table: Record<string, Record<string, number[]>>,
  evaluators: readonly string[] = E3,
): EvaluatorScore[] {
  return Object.entries(table).flatMap(([bidId, byCriterion]) =>
    Object.entries(byCriterion).flatMap(([criterionCode, values]) =>
      values.map((score, i) => ({ evaluatorId: evaluators[i]!, bidId, criterionCode, score })),
    ),
  );
}

const CRITERIA: EvaluationCriteria = {
  quality: [
    { code: 'plan', description: '服务方案', weight: 40 },
    { code: 'team', description: '团队', weight: 30 },
  ],
  priceWeight: 30,
};

describe('exact arithmetic (R-PROC-3)', () => {
  it('rounds only for presentation, half up to 2 decimals', () => {
    expect(toFixed(rational(2n, 3n))).toBe('0.67');
    expect(toFixed(rational(1n, 8n))).toBe('0.13');
    expect(toFixed(rational(8466_5n, 1000n))).toBe('84.67');
    expect(toFixed(rational(80n))).toBe('80.00');
    expect(compare(fromDecimal(12.5), rational(25n, 2n))).toBe(0);
    expect(compare(fromDecimal(0.1), rational(1n, 10n))).toBe(0);
  });
});

describe('scores (R-PROC-3)', () => {
  it('R-PROC-3: accepts 0–100 with at most one decimal and keeps them in tenths', () => {
    expect(scoreInTenths(0)).toBe(0);
    expect(scoreInTenths(100)).toBe(1000);
    expect(scoreInTenths(87.5)).toBe(875);
    expect(scoreInTenths(90.1)).toBe(901);
  });

  it.each([87.25, 100.1, -1, Number.NaN, Number.POSITIVE_INFINITY])('R-PROC-3: refuses score %s', (score) => {
    expect(() => scoreInTenths(score)).toThrow(expect.objectContaining({ code: 'invalid' }));
  });

  const bids: Bid[] = [
    { id: 'b1', contractorId: 'c1', price: 100 },
    { id: 'b2', contractorId: 'c2', price: 100, disqualified: { reason: '资格不符' } },
  ];

  it('R-PROC-3: allScoresIn is true only when every evaluator scored every valid bid on every criterion', () => {
    const all = scoresFrom({ b1: { plan: [80, 80, 80], team: [70, 70, 70] } });
    expect(allScoresIn(E3, bids, CRITERIA, all)).toBe(true); // the disqualified b2 needs no scores
    expect(allScoresIn(E3, bids, CRITERIA, all.slice(1))).toBe(false);
    expect(allScoresIn([], bids, CRITERIA, [])).toBe(false);
  });

  it('R-PROC-3: refuses scores of unassigned evaluators, unknown or disqualified bids, and repeats', () => {
    const one = { evaluatorId: 'ev-1', bidId: 'b1', criterionCode: 'plan', score: 80 };
    expect(() => checkScores(E3, bids, CRITERIA, [{ ...one, evaluatorId: 'ev-9' }])).toThrow(
      expect.objectContaining({ code: 'refused', details: expect.objectContaining({ rule: 'R-PROC-3' }) }),
    );
    expect(() => checkScores(E3, bids, CRITERIA, [{ ...one, bidId: 'b2' }])).toThrow(/not a valid bid/);
    expect(() => checkScores(E3, bids, CRITERIA, [{ ...one, criterionCode: 'price' }])).toThrow(
      /not a criterion/,
    );
    expect(() => checkScores(E3, bids, CRITERIA, [one, { ...one, score: 90 }])).toThrow(
      expect.objectContaining({ code: 'duplicate' }),
    );
    expect(() => checkScores(E3, bids, CRITERIA, [{ ...one, score: 80.55 }])).toThrow(/one decimal/);
  });

  it('R-PROC-6: evaluators do not score the past-performance criterion', () => {
    const criteria = {
      ...CRITERIA,
      quality: [...CRITERIA.quality, { code: 'past', description: '履约', weight: 0 }],
    };
    const one = { evaluatorId: 'ev-1', bidId: 'b1', criterionCode: 'past', score: 80 };
    expect(() => checkScores(E3, bids, criteria, [one], 'past')).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ rule: 'R-PROC-6' }) }),
    );
  });

  it('R-PROC-3: the mean excludes nothing by default; drop_extremes trims only with ≥ 5 scores', () => {
    expect(toFixed(aggregate([1000, 800, 800, 800, 0]))).toBe('68.00');
    expect(toFixed(aggregate([1000, 800, 800, 800, 0], 'drop_extremes'))).toBe('80.00');
    expect(toFixed(aggregate([1000, 800, 0], 'drop_extremes'))).toBe('60.00');
    expect(toFixed(aggregate([855, 850, 851]))).toBe('85.20');
  });
});

describe('price score, low-price baseline (R-PROC-3)', () => {
  it('R-PROC-3: lowest valid price ÷ bid price × price weight, exactly', () => {
    expect(toFixed(priceScore(9_000_000, 8_000_000, 30))).toBe('26.67');
    expect(compare(priceScore(9_000_000, 8_000_000, 30), rational(80n, 3n))).toBe(0);
    expect(compare(priceScore(10_000_000, 8_000_000, 30), rational(24n))).toBe(0);
    expect(compare(priceScore(8_000_000, 8_000_000, 30), rational(30n))).toBe(0);
  });

  it('R-PROC-3: a disqualified bid is no baseline; a single valid bid gets the full price weight', () => {
    const ranking = rankBids({
      criteria: CRITERIA,
      bids: [
        { id: 'cheap', contractorId: 'c1', price: 1_000, disqualified: { reason: '未按要求提交资格证明' } },
        { id: 'only', contractorId: 'c2', price: 5_000 },
      ],
      contractors: [enterprise('c1'), enterprise('c2')],
      evaluators: E3,
      scores: scoresFrom({ only: { plan: [70, 70, 70], team: [60, 60, 60] } }),
    });
    expect(ranking.ranked.map((r) => r.bidId)).toEqual(['only']);
    expect(ranking.ranked[0]!.display).toEqual({ quality: '46.00', price: '30.00', total: '76.00' });
    expect(ranking.disqualified).toEqual([
      { bidId: 'cheap', contractorId: 'c1', reason: '未按要求提交资格证明' },
    ]);
    expect(ranking.winner).toBe('only');
  });
});

describe('past performance (R-PROC-6, R-EVAL-3)', () => {
  it('R-PROC-6: counts as a quality criterion in the ranking, neutral (50 = 合格) for every bid until evaluations exist', () => {
    const criteria: EvaluationCriteria = {
      quality: [
        { code: 'plan', description: '服务方案', weight: 60 },
        { code: 'past', description: '以往绩效评价', weight: 10 },
      ],
      priceWeight: 30,
    };
    const ranking = rankBids({
      criteria,
      bids: ['c1', 'c2'].map((c) => ({ id: `b-${c}`, contractorId: c, price: 10_000 })),
      contractors: ['c1', 'c2'].map(enterprise),
      evaluators: E3,
      scores: scoresFrom({ 'b-c1': { plan: [90, 90, 90] }, 'b-c2': { plan: [80, 80, 80] } }),
      options: { pastPerformance: { criterionCode: 'past' } },
    });
    // plan 60 × 90 % = 54 / 48; past 10 × 50 % = 5 each; price 30 each.
    expect(ranking.ranked.map((r) => [r.bidId, r.display.total])).toEqual([
      ['b-c1', '89.00'],
      ['b-c2', '83.00'],
    ]);
    for (const ranked of ranking.ranked) {
      expect(ranked.criteria[1]).toEqual({
        code: 'past',
        weight: 10,
        source: 'past_performance',
        score: rational(50n),
        weighted: rational(5n),
      });
    }
  });

  it('R-PROC-6: refuses a past-performance code that is not a quality criterion', () => {
    expect(() =>
      rankBids({
        criteria: CRITERIA,
        bids: [],
        contractors: [],
        evaluators: E3,
        scores: [],
        options: { pastPerformance: { criterionCode: 'nope' } },
      }),
    ).toThrow(expect.objectContaining({ details: expect.objectContaining({ rule: 'R-PROC-6' }) }));
  });
});

describe('ranking and tie-breaks (R-PROC-3, R-QUAL-4)', () => {
  it('R-PROC-3: the cheapest of three bids loses on quality', () => {
    const ranking = rankBids({
      criteria: CRITERIA,
      bids: [
        { id: 'cheap', contractorId: 'c1', price: 8_000_000 },
        { id: 'mid', contractorId: 'c2', price: 9_000_000 },
        { id: 'dear', contractorId: 'c3', price: 10_000_000 },
      ],
      contractors: [enterprise('c1'), enterprise('c2'), enterprise('c3')],
      evaluators: E3,
      scores: scoresFrom({
        cheap: { plan: [60, 62, 58], team: [50, 50, 50] }, // 40×60% + 30×50% = 39; price 30 → 69
        mid: { plan: [90, 85, 80], team: [80, 80, 80] }, // 34 + 24 = 58; price 30×8/9 = 26.67 → 84.67
        dear: { plan: [95, 95, 95], team: [90, 90, 90] }, // 38 + 27 = 65; price 24 → 89
      }),
    });
    expect(ranking.ranked.map((r) => [r.rank, r.bidId, r.display])).toEqual([
      [1, 'dear', { quality: '65.00', price: '24.00', total: '89.00' }],
      [2, 'mid', { quality: '58.00', price: '26.67', total: '84.67' }],
      [3, 'cheap', { quality: '39.00', price: '30.00', total: '69.00' }],
    ]);
    expect(ranking.winner).toBe('dear');
    expect(ranking.drawRequired).toBe(false);
    expect(ranking.ranked[1]!.criteria.map((c) => [c.code, toFixed(c.score), toFixed(c.weighted)])).toEqual([
      ['plan', '85.00', '34.00'],
      ['team', '80.00', '24.00'],
    ]);
  });

  it('R-PROC-3: ties are exact: totals that round alike (84.67) are not tied', () => {
    const ranking = rankBids({
      criteria: CRITERIA,
      bids: [
        { id: 'thirds', contractorId: 'c1', price: 9_000 }, // 58 + 26.666… = 84.666…
        { id: 'exact', contractorId: 'c2', price: 8_000 }, // 36.04 + 18.63 + 30 = 84.67
      ],
      contractors: [nonProfit('c1'), enterprise('c2')],
      evaluators: E3,
      scores: scoresFrom({
        thirds: { plan: [90, 85, 80], team: [80, 80, 80] },
        exact: { plan: [90.1, 90.1, 90.1], team: [62.1, 62.1, 62.1] },
      }),
    });
    expect(ranking.ranked.map((r) => [r.rank, r.bidId, r.display.total])).toEqual([
      [1, 'exact', '84.67'],
      [2, 'thirds', '84.67'],
    ]);
    expect(ranking.tieBreaks).toEqual([]);
  });

  it('R-QUAL-4: equal totals go to the non-profit social organization, and the notice says why', () => {
    const input: RankingInput = {
      criteria: CRITERIA,
      bids: [
        { id: 'firm', contractorId: 'ent', price: 10_000 },
        { id: 'ngo', contractorId: 'npo', price: 10_000 },
      ],
      contractors: [enterprise('ent'), nonProfit('npo')],
      evaluators: E3,
      scores: scoresFrom({
        firm: { plan: [80, 80, 80], team: [70, 70, 70] },
        ngo: { plan: [80, 80, 80], team: [70, 70, 70] },
      }),
    };
    const ranking = rankBids(input);
    expect(ranking.ranked.map((r) => [r.rank, r.bidId, r.display.total])).toEqual([
      [1, 'ngo', '83.00'],
      [2, 'firm', '83.00'],
    ]);
    expect(ranking.winner).toBe('ngo');
    expect(ranking.tieBreaks).toEqual([
      expect.objectContaining({
        above: 'ngo',
        below: 'firm',
        reason: 'non_profit_preference',
        rule: 'R-QUAL-4',
      }),
    ]);
    expect(ranking.tieBreaks[0]!.statement).toContain('同等条件下优先选择非营利性社会组织');
  });

  it('R-QUAL-4: a non-profit that is not a social organization (public institution) gets no preference', () => {
    const ranking = rankBids({
      criteria: CRITERIA,
      bids: [
        { id: 'a', contractorId: 'pi', price: 10_000 },
        { id: 'b', contractorId: 'ent', price: 10_000 },
      ],
      contractors: [{ id: 'pi', name: 'pi', kind: 'public_institution', nonProfit: true }, enterprise('ent')],
      evaluators: E3,
      scores: scoresFrom({
        a: { plan: [80, 80, 80], team: [70, 70, 70] },
        b: { plan: [80, 80, 80], team: [70, 70, 70] },
      }),
    });
    expect(ranking.drawRequired).toBe(true);
    expect(ranking.tieBreaks[0]!.reason).toBe('draw_required');
  });

  it('R-PROC-3: equal totals between like organizations go to the higher quality score', () => {
    const criteria: EvaluationCriteria = {
      quality: [
        { code: 'plan', description: '服务方案', weight: 50 },
        { code: 'team', description: '团队', weight: 20 },
      ],
      priceWeight: 30,
    };
    const ranking = rankBids({
      criteria,
      bids: [
        { id: 'low', contractorId: 'c1', price: 9_000 }, // 40 + 16 = 56; price 30 → 86
        { id: 'high', contractorId: 'c2', price: 10_000 }, // 43 + 16 = 59; price 27 → 86
      ],
      contractors: [enterprise('c1'), enterprise('c2')],
      evaluators: E3,
      scores: scoresFrom({
        low: { plan: [80, 80, 80], team: [80, 80, 80] },
        high: { plan: [86, 86, 86], team: [80, 80, 80] },
      }),
    });
    expect(ranking.ranked.map((r) => [r.rank, r.bidId, r.display.quality, r.display.total])).toEqual([
      [1, 'high', '59.00', '86.00'],
      [2, 'low', '56.00', '86.00'],
    ]);
    expect(ranking.tieBreaks).toEqual([
      expect.objectContaining({ above: 'high', below: 'low', reason: 'higher_quality', rule: 'R-PROC-3' }),
    ]);
  });

  it('R-QUAL-4: the non-profit preference applies before quality', () => {
    const criteria: EvaluationCriteria = {
      quality: [
        { code: 'plan', description: '服务方案', weight: 50 },
        { code: 'team', description: '团队', weight: 20 },
      ],
      priceWeight: 30,
    };
    const ranking = rankBids({
      criteria,
      bids: [
        { id: 'firm', contractorId: 'ent', price: 10_000 }, // quality 59, price 27 → 86
        { id: 'ngo', contractorId: 'npo', price: 9_000 }, // quality 56, price 30 → 86
      ],
      contractors: [enterprise('ent'), nonProfit('npo')],
      evaluators: E3,
      scores: scoresFrom({
        firm: { plan: [86, 86, 86], team: [80, 80, 80] },
        ngo: { plan: [80, 80, 80], team: [80, 80, 80] },
      }),
    });
    expect(ranking.ranked.map((r) => [r.rank, r.bidId, r.display.quality, r.display.total])).toEqual([
      [1, 'ngo', '56.00', '86.00'],
      [2, 'firm', '59.00', '86.00'],
    ]);
    expect(ranking.tieBreaks.map((t) => t.reason)).toEqual(['non_profit_preference']);
  });

  it('R-PROC-5: an unbreakable tie is flagged for a documented draw, never broken by id', () => {
    const make = (order: string[]) =>
      rankBids({
        criteria: CRITERIA,
        bids: order.map((id) => ({ id, contractorId: `c-${id}`, price: 10_000 })),
        contractors: order.map((id) => nonProfit(`c-${id}`)),
        evaluators: E3,
        scores: scoresFrom(
          Object.fromEntries(order.map((id) => [id, { plan: [80, 70, 90], team: [70, 70, 70] }])),
        ),
      });
    const ranking = make(['zeta', 'alpha']);
    expect(ranking.drawRequired).toBe(true);
    expect(ranking.winner).toBeUndefined();
    expect(ranking.ranked.map((r) => [r.rank, r.drawRequired])).toEqual([
      [1, true],
      [1, true],
    ]);
    expect(ranking.tieBreaks).toEqual([
      expect.objectContaining({ reason: 'draw_required', rule: 'R-PROC-5' }),
    ]);
    expect(ranking.tieBreaks[0]!.statement).toContain('抽签');

    const drawn = applyDraw(ranking, ['alpha', 'zeta'], {
      drawnBy: 'u-bureau',
      witnessedBy: ['u-finance'],
      at: '2025-03-10T10:00:00.000+08:00',
    });
    expect(drawn.winner).toBe('alpha');
    expect(drawn.drawRequired).toBe(false);
    expect(drawn.ranked.map((r) => [r.rank, r.bidId])).toEqual([
      [1, 'alpha'],
      [2, 'zeta'],
    ]);
    expect(drawn.tieBreaks[0]).toMatchObject({ above: 'alpha', below: 'zeta', reason: 'draw_required' });
    expect(drawn.tieBreaks[0]!.statement).toContain('alpha > zeta');
    expect(() => applyDraw(ranking, ['alpha'], { drawnBy: 'u', witnessedBy: ['w'], at: 'x' })).toThrow(
      /exactly the bids/,
    );
    expect(() => applyDraw(ranking, ['alpha', 'zeta'], { drawnBy: 'u', witnessedBy: [], at: 'x' })).toThrow(
      /witnessed/,
    );
  });

  it('R-PROC-3: a tie lower down keeps the winner and shares the lower rank', () => {
    const ranking = rankBids({
      criteria: CRITERIA,
      bids: ['a', 'b', 'c'].map((id) => ({ id, contractorId: id, price: 10_000 })),
      contractors: ['a', 'b', 'c'].map(enterprise),
      evaluators: E3,
      scores: scoresFrom({
        a: { plan: [90, 90, 90], team: [90, 90, 90] },
        b: { plan: [80, 80, 80], team: [70, 70, 70] },
        c: { plan: [80, 80, 80], team: [70, 70, 70] },
      }),
    });
    expect(ranking.ranked.map((r) => r.rank)).toEqual([1, 2, 2]);
    expect(ranking.winner).toBe('a');
    expect(ranking.drawRequired).toBe(false);
  });

  it('R-PROC-3: ranking waits until every score is in', () => {
    expect(() =>
      rankBids({
        criteria: CRITERIA,
        bids: [{ id: 'a', contractorId: 'a', price: 1 }],
        contractors: [enterprise('a')],
        evaluators: E3,
        scores: scoresFrom({ a: { plan: [90, 90, 90], team: [90, 90] } }),
      }),
    ).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('R-PROC-3: with every bid disqualified there is nothing to rank', () => {
    expect(() =>
      rankBids({
        criteria: CRITERIA,
        bids: [{ id: 'a', contractorId: 'a', price: 1, disqualified: { reason: 'x' } }],
        contractors: [enterprise('a')],
        evaluators: E3,
        scores: [],
      }),
    ).toThrow(/no valid bid/);
  });

  it('R-PROC-3: drop_extremes changes the quality mean when 5 evaluators score', () => {
    const five = ['e1', 'e2', 'e3', 'e4', 'e5'];
    const input: RankingInput = {
      criteria: { quality: [{ code: 'plan', description: '方案', weight: 70 }], priceWeight: 30 },
      bids: [{ id: 'a', contractorId: 'a', price: 100 }],
      contractors: [enterprise('a')],
      evaluators: five,
      scores: scoresFrom({ a: { plan: [100, 80, 80, 80, 0] } }, five),
    };
    expect(rankBids(input).ranked[0]!.display.quality).toBe('47.60'); // 70 × 68 %
    expect(rankBids({ ...input, options: { aggregation: 'drop_extremes' } }).ranked[0]!.display.quality).toBe(
      '56.00',
    );
  });
});

/** Small deterministic PRNG (mulberry32) so the property test is reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('not "lowest price wins" (R-PROC-3), property', () => {
  it('R-PROC-3: with priceWeight ≤ 30, a bid whose quality is lower by more than the price weight never ranks first', () => {
    const random = prng(20250310);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    let meaningful = 0;
    for (let run = 0; run < 400; run++) {
      const priceWeight = int(10, 30);
      const split = int(1, 100 - priceWeight - 1);
      const criteria: EvaluationCriteria = {
        quality: [
          { code: 'q1', description: 'q1', weight: split },
          { code: 'q2', description: 'q2', weight: 100 - priceWeight - split },
        ],
        priceWeight,
      };
      const ids = Array.from({ length: int(2, 6) }, (_, i) => `b${i}`);
      const bids = ids.map((id) => ({ id, contractorId: id, price: int(1, 50_000_000) }));
      const scores = ids.flatMap((bidId) =>
        ['q1', 'q2'].flatMap((criterionCode) =>
          E3.map((evaluatorId) => ({ evaluatorId, bidId, criterionCode, score: int(0, 1000) / 10 })),
        ),
      );
      const ranking = rankBids({
        criteria,
        bids,
        contractors: ids.map((id) => (random() < 0.5 ? nonProfit(id) : enterprise(id))),
        evaluators: E3,
        scores,
      });
      const best = ranking.ranked.reduce((q, r) => (compare(r.quality, q) > 0 ? r.quality : q), rational(0n));
      for (const first of ranking.ranked.filter((r) => r.rank === 1)) {
        // first.quality + priceWeight ≥ best quality, i.e. never lower by more than the price weight.
        expect(compare(sub(best, first.quality), rational(BigInt(priceWeight)))).toBeLessThanOrEqual(0);
      }
      if (ranking.ranked.some((r) => compare(sub(best, r.quality), rational(BigInt(priceWeight))) > 0)) {
        meaningful++;
      }
    }
    // The property was exercised: many runs had a bid lower in quality by more than the price weight.
    expect(meaningful).toBeGreaterThan(50);
  });
});

/** The refusal a call throws: code, field, rule and message, as problem+json carries them. */
function refusalOf(call: () => unknown) {
  try {
    call();
  } catch (error) {
    const e = error as { code?: string; details?: { field?: string; rule?: string }; message: string };
    return { code: e.code, field: e.details?.field, rule: e.details?.rule, message: e.message };
  }
  throw new Error('it was accepted');
}

describe('exact arithmetic, signs and edges (R-PROC-3)', () => {
  it('R-PROC-3: a rational is kept in lowest terms with a positive denominator, whatever the signs', () => {
    expect(rational(-6n, 4n)).toEqual({ num: -3n, den: 2n });
    expect(rational(4n, -6n)).toEqual({ num: -2n, den: 3n });
    expect(rational(-4n, -6n)).toEqual({ num: 2n, den: 3n });
    expect(rational(0n, -5n)).toEqual({ num: 0n, den: 1n });
    expect(() => rational(1n, 0n)).toThrow(RangeError);
  });

  it('R-PROC-3: a difference below zero compares and prints as negative (how far a bid is behind the best)', () => {
    const behind = sub(rational(1n), rational(3n, 2n));
    expect(behind).toEqual({ num: -1n, den: 2n });
    expect(compare(behind, rational(0n))).toBe(-1);
    expect(toFixed(behind)).toBe('-0.50');
    expect(toFixed(rational(-1n, 1000n))).toBe('0.00'); // rounds to zero: no "-0.00"
    expect(toFixed(rational(5n, 2n), 0)).toBe('3');
  });

  it('R-PROC-3: a weight or score that is not a plain decimal is refused, naming the value', () => {
    expect(() => fromDecimal(Number.NaN)).toThrow(/NaN/);
    expect(() => fromDecimal(1e-7)).toThrow(/1e-7/);
    expect(() => aggregate([])).toThrow(RangeError);
  });

  it('R-PROC-3: a price that is not a positive whole number of fen is refused on price', () => {
    expect(refusalOf(() => priceScore(0, 8_000, 30))).toMatchObject({
      code: 'invalid',
      field: 'price',
      rule: 'R-PROC-3',
      message: 'price: a positive whole number of fen, not 0',
    });
    expect(refusalOf(() => priceScore(10.5, 8_000, 30))).toMatchObject({ field: 'price' });
  });
});

describe('what a refused score names (R-PROC-3, R-PROC-6)', () => {
  const bids: Bid[] = [
    { id: 'b1', contractorId: 'c1', price: 100 },
    { id: 'b2', contractorId: 'c2', price: 100, disqualified: { reason: '资格不符' } },
  ];
  const criteria: EvaluationCriteria = {
    ...CRITERIA,
    quality: [...CRITERIA.quality, { code: 'past', description: '履约', weight: 0 }],
  };
  const ok = { evaluatorId: 'ev-1', bidId: 'b1', criterionCode: 'plan', score: 80 };
  const refusal = (scores: EvaluatorScore[]) =>
    refusalOf(() => checkScores(E3, bids, criteria, scores, 'past'));

  it('R-PROC-3: each refusal names the score’s field and what is wrong with it', () => {
    expect(refusal([ok, { ...ok, evaluatorId: 'ev-9' }])).toEqual({
      code: 'refused',
      field: 'scores.1.evaluatorId',
      rule: 'R-PROC-3',
      message: 'scores.1.evaluatorId: ev-9 is not assigned to this project',
    });
    expect(refusal([{ ...ok, bidId: 'b2' }])).toEqual({
      code: 'invalid',
      field: 'scores.0.bidId',
      rule: 'R-PROC-3',
      message: 'scores.0.bidId: b2 is not a valid bid of this project',
    });
    expect(refusal([{ ...ok, criterionCode: 'price' }])).toEqual({
      code: 'invalid',
      field: 'scores.0.criterionCode',
      rule: 'R-PROC-3',
      message: 'scores.0.criterionCode: price is not a criterion of this project',
    });
    expect(refusal([ok, { ...ok, evaluatorId: 'ev-2' }, { ...ok, score: 90 }])).toEqual({
      code: 'duplicate',
      field: 'scores.2',
      rule: 'R-PROC-3',
      message: 'scores.2: ev-1 already scored plan of b1',
    });
    expect(refusal([{ ...ok, score: 80.55 }])).toMatchObject({ field: 'scores.0.score', rule: 'R-PROC-3' });
  });

  it('R-PROC-6: the past-performance criterion is refused on criterionCode: it comes from the record', () => {
    expect(refusal([{ ...ok, criterionCode: 'past' }])).toEqual({
      code: 'invalid',
      field: 'scores.0.criterionCode',
      rule: 'R-PROC-6',
      message: 'scores.0.criterionCode: past comes from the evaluation record, not from evaluators',
    });
    expect(
      refusalOf(() =>
        rankBids({
          criteria: CRITERIA,
          bids: [],
          contractors: [],
          evaluators: E3,
          scores: [],
          options: { pastPerformance: { criterionCode: 'nope' } },
        }),
      ),
    ).toEqual({
      code: 'invalid',
      field: 'pastPerformance.criterionCode',
      rule: 'R-PROC-6',
      message: 'pastPerformance.criterionCode: nope is not a quality criterion',
    });
  });

  it('R-PROC-3: nothing to rank and incomplete scoring are conflicts of the project under R-PROC-3', () => {
    expect(
      refusalOf(() =>
        rankBids({
          criteria: CRITERIA,
          bids: [{ id: 'a', contractorId: 'a', price: 1, disqualified: { reason: 'x' } }],
          contractors: [enterprise('a')],
          evaluators: E3,
          scores: [],
        }),
      ),
    ).toEqual({ code: 'conflict', field: undefined, rule: 'R-PROC-3', message: 'no valid bid to rank' });
    expect(
      refusalOf(() =>
        rankBids({
          criteria: CRITERIA,
          bids: [{ id: 'a', contractorId: 'a', price: 1 }],
          contractors: [enterprise('a')],
          evaluators: E3,
          scores: scoresFrom({ a: { plan: [90, 90, 90], team: [90, 90] } }),
        }),
      ),
    ).toEqual({
      code: 'conflict',
      field: undefined,
      rule: 'R-PROC-3',
      message: 'scoring is not complete: every evaluator scores every valid bid',
    });
  });

  it('R-PROC-3: a bid whose contractor is unknown is not ranked', () => {
    expect(
      refusalOf(() =>
        rankBids({
          criteria: CRITERIA,
          bids: [{ id: 'a', contractorId: 'ctr-gone', price: 1 }],
          contractors: [enterprise('c1')],
          evaluators: E3,
          scores: scoresFrom({ a: { plan: [90, 90, 90], team: [90, 90, 90] } }),
        }),
      ),
    ).toMatchObject({ code: 'not_found', message: 'contractor ctr-gone not found' });
  });
});

describe('the award notice’s tie-break statements (R-QUAL-4, R-PROC-3, R-PROC-5)', () => {
  /** One criterion (weight 70) and price 30; `table` gives each contractor's [score, price]. */
  const tied = (contractors: RankingInput['contractors'], table: Record<string, [number, number]>) =>
    rankBids({
      criteria: { quality: [{ code: 'plan', description: '方案', weight: 70 }], priceWeight: 30 },
      bids: contractors.map((c) => ({ id: `b-${c.id}`, contractorId: c.id, price: table[c.id]![1] })),
      contractors,
      evaluators: E3,
      scores: scoresFrom(
        Object.fromEntries(
          contractors.map((c) => [`b-${c.id}`, { plan: Array<number>(3).fill(table[c.id]![0]) }]),
        ),
      ),
    });

  it('R-QUAL-4: the non-profit preference, in Chinese then English', () => {
    const ranking = tied([enterprise('ent'), nonProfit('npo')], { ent: [80, 10_000], npo: [80, 10_000] });
    expect(ranking.tieBreaks.map((t) => t.statement)).toEqual([
      'b-npo 与 b-ent 综合得分相同（86.00），同等条件下优先选择非营利性社会组织，b-npo 排名在前。' +
        ' / b-npo and b-ent have equal totals (86.00); under equal conditions the non-profit social organization is preferred.',
    ]);
  });

  it('R-PROC-3: the higher quality score, with both scores', () => {
    const ranking = rankBids({
      criteria: { quality: [{ code: 'plan', description: '方案', weight: 50 }], priceWeight: 30 },
      bids: [
        { id: 'low', contractorId: 'c1', price: 9_000 }, // 40 + 30 = 70
        { id: 'high', contractorId: 'c2', price: 10_000 }, // 43 + 27 = 70
      ],
      contractors: [enterprise('c1'), enterprise('c2')],
      evaluators: E3,
      scores: scoresFrom({ low: { plan: [80, 80, 80] }, high: { plan: [86, 86, 86] } }),
    });
    expect(ranking.tieBreaks.map((t) => t.statement)).toEqual([
      'high 与 low 综合得分相同（70.00），high 质量得分较高（43.00 > 40.00），排名在前。' +
        ' / Equal totals (70.00); high has the higher quality score (43.00 > 40.00).',
    ]);
  });

  it('R-PROC-5: the draw, and the draw’s result appended with who held and who witnessed it', () => {
    const ranking = tied([enterprise('x'), enterprise('y')], { x: [80, 10_000], y: [80, 10_000] });
    const statement =
      'b-x 与 b-y 综合得分、质量得分均相同（86.00），且非营利性社会组织条件相同，须以公开抽签确定排序。' +
      ' / b-x and b-y are equal on total, quality and non-profit status; their order needs a documented draw.';
    expect(ranking.tieBreaks.map((t) => t.statement)).toEqual([statement]);
    const drawn = applyDraw(ranking, ['b-y', 'b-x'], {
      drawnBy: 'u-bureau',
      witnessedBy: ['u-finance', 'u-discipline'],
      at: '2025-03-10T10:00:00.000+08:00',
    });
    expect(drawn.tieBreaks.map((t) => t.statement)).toEqual([
      `${statement} 抽签结果（2025-03-10T10:00:00.000+08:00，u-bureau 主持，u-finance、u-discipline 见证）：b-y > b-x` +
        ' / Draw held at 2025-03-10T10:00:00.000+08:00: b-y > b-x',
    ]);
  });
});

describe('a draw changes only its own group (R-PROC-5)', () => {
  // Four equal totals: two non-profits share rank 1, two enterprises share rank 3.
  const ranking = rankBids({
    criteria: CRITERIA,
    bids: ['n1', 'n2', 'f1', 'f2'].map((id) => ({ id, contractorId: id, price: 10_000 })),
    contractors: [nonProfit('n1'), nonProfit('n2'), enterprise('f1'), enterprise('f2')],
    evaluators: E3,
    scores: scoresFrom(
      Object.fromEntries(
        ['n1', 'n2', 'f1', 'f2'].map((id) => [id, { plan: [80, 80, 80], team: [70, 70, 70] }]),
      ),
    ),
  });
  const record = { drawnBy: 'u-bureau', witnessedBy: ['u-finance'], at: '2025-03-10T10:00:00.000+08:00' };

  it('R-PROC-5: the ranking before the draws', () => {
    expect(ranking.ranked.map((r) => [r.rank, r.bidId, r.drawRequired])).toEqual([
      [1, 'n1', true],
      [1, 'n2', true],
      [3, 'f1', true],
      [3, 'f2', true],
    ]);
    expect(ranking.tieBreaks.map((t) => [t.above, t.below, t.reason])).toEqual([
      ['n1', 'n2', 'draw_required'],
      ['n2', 'f1', 'non_profit_preference'],
      ['f1', 'f2', 'draw_required'],
    ]);
  });

  it('R-PROC-5: a draw lower down leaves the other tie-breaks as they were, and the first place still waits for its draw', () => {
    const drawn = applyDraw(ranking, ['f1', 'f2'], record);
    expect(drawn.ranked.map((r) => [r.rank, r.bidId, r.drawRequired])).toEqual([
      [1, 'n1', true],
      [1, 'n2', true],
      [3, 'f1', false],
      [4, 'f2', false],
    ]);
    expect(drawn.tieBreaks[0]).toEqual(ranking.tieBreaks[0]);
    expect(drawn.tieBreaks[1]).toEqual(ranking.tieBreaks[1]);
    // Drawn in the order they were listed: above and below stay as they were, the result is appended.
    expect(drawn.tieBreaks[2]).toMatchObject({ above: 'f1', below: 'f2', reason: 'draw_required' });
    expect(drawn.tieBreaks[2]!.statement).toMatch(/：f1 > f2 \/ Draw held at .*: f1 > f2$/);
    expect(drawn.drawRequired).toBe(true);
    expect(drawn.winner).toBeUndefined();
  });

  it('R-PROC-5: the draw for first place leaves the non-profit preference below it as it was', () => {
    const drawn = applyDraw(ranking, ['n2', 'n1'], record);
    expect(drawn.tieBreaks[0]).toMatchObject({ above: 'n2', below: 'n1', reason: 'draw_required' });
    expect(drawn.tieBreaks[1]).toEqual(ranking.tieBreaks[1]);
    expect(drawn.tieBreaks[2]).toEqual(ranking.tieBreaks[2]);
    expect(drawn.winner).toBe('n2');
  });

  it('R-PROC-5: a draw naming bids that are not in the ranking is refused on order', () => {
    expect(refusalOf(() => applyDraw(ranking, ['zz', 'yy'], record))).toMatchObject({
      code: 'invalid',
      field: 'order',
      rule: 'R-PROC-5',
    });
    expect(refusalOf(() => applyDraw(ranking, ['n1', 'n2'], { ...record, witnessedBy: [] }))).toEqual({
      code: 'invalid',
      field: 'witnessedBy',
      rule: 'R-PROC-5',
      message: 'witnessedBy: a draw is witnessed',
    });
  });
});
