import { describe, expect, it } from 'vitest';
import type { BidRecord, ScoreSheet } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import {
  assignPanel,
  checkEvaluatorPanel,
  drawFirstPlace,
  evaluateRound,
  recordDraw,
  scoreSheet,
  scoringComplete,
} from '#shared/domain/scoring';
import { MAX_TIMELINE_ENTRIES } from '#shared/domain/project';
import type { PoolMember } from '#shared/domain/evaluator-pool';
import { project as baseProject } from '../handlers/procurement-fixtures';

const NOW = '2025-04-02T10:00:00.000+08:00';
const BUREAU = { sub: 'u-bureau', role: 'bureau' };
const PANEL = ['ev-1', 'ev-2', 'ev-3'];

/** plan 40 %, team 30 %, price 30 % (consultation: a panel of 3). */
const project = (overrides: Partial<Project> = {}): Project =>
  baseProject({
    status: 'bidding_closed',
    scoringRound: 1,
    evaluatorIds: PANEL,
    tender: {
      publishedAt: '2025-03-12T10:00:00.000+08:00',
      bidDeadline: '2025-03-25T10:00:00.000+08:00',
      minimumBids: 3,
    },
    evaluationCriteria: {
      quality: [
        { code: 'plan', description: '服务方案', weight: 40 },
        { code: 'team', description: '团队', weight: 30 },
      ],
      priceWeight: 30,
    },
    version: 8,
    ...overrides,
  });

function poolMember(sub: string, overrides: Partial<PoolMember> = {}): PoolMember {
  return {
    sub,
    name: `专家 ${sub}`,
    expertise: ['社会救助'],
    status: 'active',
    registeredAt: '2025-01-02T09:00:00.000+08:00',
    registeredBy: BUREAU,
    version: 1,
    updatedAt: '2025-01-02T09:00:00.000+08:00',
    ...overrides,
  };
}

function bid(id: string, price: number, overrides: Partial<BidRecord> = {}): BidRecord {
  return {
    id,
    projectId: 'prj_01jabcdefg0123456789',
    contractorId: `ctr-${id}`,
    contractorKind: 'enterprise',
    contractorName: `公司 ${id}`,
    nonProfit: false,
    price,
    proposal: { summary: '方案' },
    documentIds: [],
    revision: 1,
    submittedAt: '2025-03-20T10:00:00.000+08:00',
    submittedBy: { sub: 'u-c', role: 'contractor' },
    version: 1,
    ...overrides,
  };
}

const npo = (id: string, price: number) =>
  bid(id, price, { contractorKind: 'social_organization', nonProfit: true, contractorName: `中心 ${id}` });

/** Every evaluator gives the same scores: `{ bidId: { criterion: score } }`. */
function sheets(
  table: Record<string, Record<string, number>>,
  evaluators: readonly string[] = PANEL,
  round = 1,
): ScoreSheet[] {
  return evaluators.map((evaluatorId) => ({
    projectId: 'prj_01jabcdefg0123456789',
    round,
    evaluatorId,
    scores: Object.entries(table).flatMap(([bidId, byCriterion]) =>
      Object.entries(byCriterion).map(([criterionCode, score]) => ({ bidId, criterionCode, score })),
    ),
    submittedAt: NOW,
    version: 1,
  }));
}

/** The evaluator pool: every id these tests name is an active member (R-PROC-3). */
const POOL = new Map(
  ['ev-1', 'ev-2', 'ev-3', 'ev-4', 'ev-5', 'ev-6', 'ev-9'].map((sub) => [sub, poolMember(sub)]),
);
/** A panel change on the fixture's closed project: after its bid deadline, so the bureau gives a reason. */
const CHANGE = { sheetsInRound: 0, actor: BUREAU, now: NOW, pool: POOL, reason: '原评审专家回避' };

const refusedPanel = expect.objectContaining({
  code: 'refused',
  details: { field: 'evaluatorIds', rule: 'R-PROC-3' },
});

describe('the evaluation panel (R-PROC-3)', () => {
  it.each([
    ['open_tender', 5],
    ['invited_tender', 5],
    ['competitive_consultation', 3],
    ['competitive_negotiation', 3],
    ['single_source', 3],
  ] as const)('R-PROC-3: %s needs at least %i evaluators', (method, minimum) => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `ev-${i}`);
    expect(() => checkEvaluatorPanel(method, ids(minimum))).not.toThrow();
    expect(() => checkEvaluatorPanel(method, ids(minimum + 2))).not.toThrow();
    expect(() => checkEvaluatorPanel(method, ids(minimum - 2))).toThrow(refusedPanel);
    expect(() => checkEvaluatorPanel(method, ids(minimum - 2))).toThrow(/at least/);
  });

  it('R-PROC-3: a panel has an odd number of members', () => {
    expect(() => checkEvaluatorPanel('open_tender', ['a', 'b', 'c', 'd', 'e', 'f'])).toThrow(refusedPanel);
    expect(() => checkEvaluatorPanel('competitive_consultation', ['a', 'b', 'c', 'd'])).toThrow(/odd/);
  });

  it('R-PROC-3: a panel names each evaluator once', () => {
    expect(() => checkEvaluatorPanel('competitive_consultation', ['a', 'b', 'a'])).toThrow(refusedPanel);
    expect(() => checkEvaluatorPanel('competitive_consultation', ['a', 'b', 'a'])).toThrow(
      /a is named twice/,
    );
  });

  it('R-PROC-3: assigning a panel bumps the version and records it on the timeline', () => {
    const approved = project({
      status: 'approved',
      evaluatorIds: [],
      scoringRound: undefined,
      tender: undefined,
    });
    const next = assignPanel(approved, PANEL, { sheetsInRound: 0, actor: BUREAU, now: NOW, pool: POOL });
    expect(next).toMatchObject({ evaluatorIds: PANEL, version: 9, updatedAt: NOW });
    expect(next.timeline.at(-1)).toEqual({
      at: NOW,
      status: 'approved',
      event: 'evaluators_assigned',
      by: BUREAU,
      note: '3 evaluators',
    });
    // The same panel again changes nothing.
    expect(assignPanel(next, PANEL, { sheetsInRound: 0, actor: BUREAU, now: NOW, pool: POOL })).toBe(next);
  });

  it('R-PROC-3: the panel is fixed once a sheet of the round exists, and outside approved…bidding_closed', () => {
    const other = ['ev-4', 'ev-5', 'ev-6'];
    expect(() => assignPanel(project(), other, { ...CHANGE, sheetsInRound: 1 })).toThrow(
      expect.objectContaining({ code: 'conflict', details: { rule: 'R-PROC-3' } }),
    );
    expect(assignPanel(project(), other, CHANGE).evaluatorIds).toEqual(other);
    for (const status of ['draft', 'submitted', 'evaluated', 'awarded'] as const) {
      expect(() => assignPanel(project({ status }), other, CHANGE)).toThrow(
        expect.objectContaining({ code: 'conflict' }),
      );
    }
  });
});

describe('scoring completeness (R-PROC-3)', () => {
  const bids = [
    bid('b1', 8_000_000),
    bid('b2', 9_000_000, { disqualified: { reason: '资格不符', by: BUREAU, at: NOW } }),
  ];
  const full = { b1: { plan: 80, team: 70 } };

  it('R-PROC-3: complete only when every assigned evaluator scored every valid bid on every criterion', () => {
    expect(scoringComplete(project(), bids, sheets(full))).toBe(true);
    expect(scoringComplete(project(), bids, sheets(full, ['ev-1', 'ev-2']))).toBe(false);
    expect(scoringComplete(project(), bids, sheets({ b1: { plan: 80 } }))).toBe(false);
  });

  it('R-PROC-3: only sheets of the current round count', () => {
    expect(scoringComplete(project({ scoringRound: 2 }), bids, sheets(full, PANEL, 1))).toBe(false);
    expect(scoringComplete(project({ scoringRound: 2 }), bids, sheets(full, PANEL, 2))).toBe(true);
  });

  it('R-PROC-6: the past-performance criterion is not scored by evaluators', () => {
    const withPast = project({
      evaluationCriteria: {
        quality: [
          { code: 'plan', description: '服务方案', weight: 40 },
          { code: 'team', description: '团队', weight: 20 },
          { code: 'past', description: '以往履约评价', weight: 10, pastPerformance: true },
        ],
        priceWeight: 30,
      },
    });
    expect(scoringComplete(withPast, bids, sheets(full))).toBe(true);
  });
});

describe('score sheets (R-PROC-3)', () => {
  const bids = [bid('b1', 8_000_000), bid('b2', 10_000_000)];
  const whole = [
    { bidId: 'b1', criterionCode: 'plan', score: 80 },
    { bidId: 'b1', criterionCode: 'team', score: 70.5 },
    { bidId: 'b2', criterionCode: 'plan', score: 90 },
    { bidId: 'b2', criterionCode: 'team', score: 90 },
  ];
  const submit = (p: Project, stored: ScoreSheet[], scores = whole, evaluatorId = 'ev-1') =>
    scoreSheet(p, bids, stored, { evaluatorId, scores, now: NOW });

  it('R-PROC-3: a whole sheet for the current round, version 1, then replaced as version 2', () => {
    const first = submit(project(), []);
    expect(first).toEqual({
      outcome: 'written',
      sheet: {
        projectId: project().id,
        round: 1,
        evaluatorId: 'ev-1',
        scores: whole,
        submittedAt: NOW,
        version: 1,
      },
    });
    const stored = first.outcome === 'written' ? [first.sheet] : [];
    const second = submit(
      project(),
      stored,
      whole.map((s) => ({ ...s, score: 60 })),
    );
    expect(second).toMatchObject({ outcome: 'written', sheet: { version: 2 }, previous: stored[0] });
  });

  it('R-PROC-1: no scores before bidding closes: the deadline is named', () => {
    expect(() => submit(project({ status: 'published' }), [])).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: expect.stringContaining('2025-03-25T10:00:00.000+08:00'),
      }),
    );
    expect(() => submit(project({ status: 'evaluated' }), [])).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });

  it('R-PROC-3: an incomplete sheet is 400 naming scores and what is missing', () => {
    expect(() => submit(project(), [], whole.slice(0, 3))).toThrow(
      expect.objectContaining({
        code: 'invalid',
        details: { field: 'scores', rule: 'R-PROC-3' },
        message: expect.stringContaining('team of bid b2'),
      }),
    );
  });

  it('R-PROC-3: scores out of range, on unknown bids or repeated are refused', () => {
    expect(() => submit(project(), [], [...whole.slice(1), { ...whole[0]!, score: 100.5 }])).toThrow(
      expect.objectContaining({
        code: 'invalid',
        details: expect.objectContaining({ field: 'scores.3.score' }),
      }),
    );
    expect(() => submit(project(), [], [...whole, { ...whole[0]!, bidId: 'b9' }])).toThrow(/not a valid bid/);
    expect(() => submit(project(), [], [...whole, whole[0]!])).toThrow(
      expect.objectContaining({ code: 'duplicate' }),
    );
  });

  it('R-PROC-6: the past-performance criterion is refused on a sheet', () => {
    const withPast = project({
      evaluationCriteria: {
        quality: [
          { code: 'plan', description: '服务方案', weight: 40 },
          { code: 'team', description: '团队', weight: 20 },
          { code: 'past', description: '以往履约评价', weight: 10, pastPerformance: true },
        ],
        priceWeight: 30,
      },
    });
    expect(() => submit(withPast, [], [...whole, { bidId: 'b1', criterionCode: 'past', score: 90 }])).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ rule: 'R-PROC-6' }) }),
    );
  });

  it('R-PROC-3: once the round is complete a sheet no longer changes; sending it again changes nothing', () => {
    const complete = sheets({ b1: { plan: 80, team: 70.5 }, b2: { plan: 90, team: 90 } });
    expect(() =>
      submit(
        project(),
        complete,
        whole.map((s) => ({ ...s, score: 10 })),
      ),
    ).toThrow(expect.objectContaining({ code: 'conflict', message: expect.stringContaining('complete') }));
    expect(submit(project(), complete, [...whole].reverse())).toEqual({
      outcome: 'unchanged',
      sheet: complete[0],
    });
  });

  it('R-PROC-3: with no valid bid there is nothing to score', () => {
    const none = [bid('b1', 1, { disqualified: { reason: '资格不符', by: BUREAU, at: NOW } })];
    expect(() => scoreSheet(project(), none, [], { evaluatorId: 'ev-1', scores: [], now: NOW })).toThrow(
      /no valid bid/,
    );
  });
});

describe('evaluateRound (R-PROC-3, R-QUAL-4, R-PROC-6, R-PROC-5)', () => {
  it('R-PROC-3: ranks by weighted score, price by the low-price baseline: the cheaper bid does not simply win', () => {
    // b1: 0.4×80 + 0.3×70 = 53 quality, 30 price (lowest) → 83; b2: 36 + 27 = 63, 8/10 × 30 = 24 → 87.
    const evaluation = evaluateRound(
      project(),
      [bid('b1', 8_000_000), bid('b2', 10_000_000)],
      sheets({ b1: { plan: 80, team: 70 }, b2: { plan: 90, team: 90 } }),
      NOW,
    );
    expect(evaluation).toEqual({
      round: 1,
      evaluatedAt: NOW,
      ranked: [
        expect.objectContaining({
          rank: 1,
          bidId: 'b2',
          quality: '63.00',
          priceScore: '24.00',
          total: '87.00',
        }),
        expect.objectContaining({
          rank: 2,
          bidId: 'b1',
          quality: '53.00',
          priceScore: '30.00',
          total: '83.00',
        }),
      ],
      disqualified: [],
      tieBreaks: [],
      winner: 'b2',
      drawRequired: false,
    });
    expect(evaluation?.ranked[0]?.criteria).toEqual([
      { code: 'plan', source: 'evaluators', score: '90.00' },
      { code: 'team', source: 'evaluators', score: '90.00' },
    ]);
  });

  it('R-PROC-3: the price score is lowest valid price ÷ bid price × price weight; a disqualified bid is no baseline', () => {
    const evaluation = evaluateRound(
      project(),
      [
        bid('b1', 8_000_000),
        bid('b2', 9_000_000),
        bid('b3', 1_000_000, { disqualified: { reason: '报价无效', by: BUREAU, at: NOW } }),
      ],
      sheets({ b1: { plan: 80, team: 80 }, b2: { plan: 80, team: 80 } }),
      NOW,
    );
    expect(evaluation?.ranked.map((r) => [r.bidId, r.priceScore])).toEqual([
      ['b1', '30.00'],
      ['b2', '26.67'],
    ]);
    expect(evaluation?.disqualified).toEqual([{ bidId: 'b3', contractorId: 'ctr-b3', reason: '报价无效' }]);
  });

  it('R-QUAL-4: equal totals go to the non-profit social organization', () => {
    const evaluation = evaluateRound(
      project(),
      [bid('b1', 8_000_000), npo('b2', 8_000_000)],
      sheets({ b1: { plan: 80, team: 70 }, b2: { plan: 80, team: 70 } }),
      NOW,
    );
    expect(evaluation?.winner).toBe('b2');
    expect(evaluation?.ranked.map((r) => [r.rank, r.bidId, r.nonProfitSocialOrganization])).toEqual([
      [1, 'b2', true],
      [2, 'b1', false],
    ]);
    expect(evaluation?.tieBreaks).toEqual([
      expect.objectContaining({
        above: 'b2',
        below: 'b1',
        reason: 'non_profit_preference',
        rule: 'R-QUAL-4',
      }),
    ]);
    expect(evaluation?.tieBreaks[0]?.statement).toContain('非营利性社会组织');
  });

  it('R-QUAL-4: then to the higher quality score', () => {
    // b1: 53 + 30 = 83; b2: 0.4×80 + 0.3×90 = 59 + 24 = 83.
    const evaluation = evaluateRound(
      project(),
      [bid('b1', 8_000_000), bid('b2', 10_000_000)],
      sheets({ b1: { plan: 80, team: 70 }, b2: { plan: 80, team: 90 } }),
      NOW,
    );
    expect(evaluation?.ranked.map((r) => [r.rank, r.bidId, r.total])).toEqual([
      [1, 'b2', '83.00'],
      [2, 'b1', '83.00'],
    ]);
    expect(evaluation?.tieBreaks).toEqual([
      expect.objectContaining({ above: 'b2', below: 'b1', reason: 'higher_quality', rule: 'R-PROC-3' }),
    ]);
  });

  it('R-PROC-5: a tie no rule breaks is flagged for a draw, with no winner', () => {
    const evaluation = evaluateRound(
      project(),
      [bid('b1', 8_000_000), bid('b2', 8_000_000)],
      sheets({ b1: { plan: 80, team: 70 }, b2: { plan: 80, team: 70 } }),
      NOW,
    );
    expect(evaluation?.drawRequired).toBe(true);
    expect(evaluation?.winner).toBeUndefined();
    expect(evaluation?.ranked.map((r) => [r.rank, r.drawRequired])).toEqual([
      [1, true],
      [1, true],
    ]);
    expect(evaluation?.tieBreaks).toEqual([
      expect.objectContaining({ reason: 'draw_required', rule: 'R-PROC-5' }),
    ]);
  });

  it('R-PROC-6: past performance scores every bid the neutral 50 while no evaluation record exists', () => {
    const withPast = project({
      evaluationCriteria: {
        quality: [
          { code: 'plan', description: '服务方案', weight: 40 },
          { code: 'team', description: '团队', weight: 20 },
          { code: 'past', description: '以往履约评价', weight: 10, pastPerformance: true },
        ],
        priceWeight: 30,
      },
    });
    const bids = [bid('b1', 8_000_000), bid('b2', 8_000_000)];
    const scored = sheets({ b1: { plan: 80, team: 70 }, b2: { plan: 80, team: 70 } });
    const neutral = evaluateRound(withPast, bids, scored, NOW);
    for (const ranked of neutral?.ranked ?? []) {
      expect(ranked.criteria.find((c) => c.code === 'past')).toEqual({
        code: 'past',
        source: 'past_performance',
        score: '50.00',
      });
    }
    expect(neutral?.ranked).toHaveLength(2);
  });

  it('R-PROC-3: with no valid bid it returns undefined (the project is unsuccessful)', () => {
    const none = [bid('b1', 8_000_000, { disqualified: { reason: '资格不符', by: BUREAU, at: NOW } })];
    expect(evaluateRound(project(), none, [], NOW)).toBeUndefined();
    expect(evaluateRound(project(), [], [], NOW)).toBeUndefined();
  });

  it('R-PROC-3: refuses to rank an incomplete round', () => {
    expect(() =>
      evaluateRound(project(), [bid('b1', 8_000_000)], sheets({ b1: { plan: 80, team: 70 } }, ['ev-1']), NOW),
    ).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('R-PROC-3: the scores of a bid disqualified after it was scored are left out, not counted', () => {
    const evaluation = evaluateRound(
      project(),
      [
        bid('b1', 8_000_000),
        bid('b2', 10_000_000, { disqualified: { reason: '资格不符', by: BUREAU, at: NOW } }),
      ],
      sheets({ b1: { plan: 80, team: 70 }, b2: { plan: 90, team: 90 } }),
      NOW,
    );
    expect(evaluation?.ranked.map((r) => r.bidId)).toEqual(['b1']);
    expect(evaluation?.winner).toBe('b1');
  });
});

describe('the draw (R-PROC-5)', () => {
  const tied = () =>
    evaluateRound(
      project(),
      [bid('b1', 8_000_000), bid('b2', 8_000_000), bid('b3', 9_000_000), bid('b4', 9_000_000)],
      sheets({
        b1: { plan: 80, team: 70 },
        b2: { plan: 80, team: 70 },
        b3: { plan: 60, team: 60 },
        b4: { plan: 60, team: 60 },
      }),
      NOW,
    )!;
  const record = { drawnBy: 'u-bureau', witnessedBy: ['李明', '张华'], at: NOW };

  it('R-PROC-5: recordDraw orders exactly the tied bids, sets the winner and documents the draw', () => {
    const drawn = recordDraw(tied(), ['b2', 'b1'], record);
    expect(drawn.winner).toBe('b2');
    expect(drawn.drawRequired).toBe(false);
    expect(drawn.ranked.map((r) => [r.rank, r.bidId, r.drawRequired])).toEqual([
      [1, 'b2', false],
      [2, 'b1', false],
      [3, 'b3', true],
      [3, 'b4', true],
    ]);
    expect(drawn.tieBreaks[0]).toMatchObject({ above: 'b2', below: 'b1', reason: 'draw_required' });
    expect(drawn.tieBreaks[0]?.statement).toContain('抽签结果');
    expect(drawn.tieBreaks[0]?.statement).toContain('李明、张华 见证');
    expect(drawn.tieBreaks[0]?.statement).toContain('b2 > b1');
  });

  it('R-PROC-5: a draw names exactly one tied group and is witnessed', () => {
    const invalidOrder = expect.objectContaining({
      code: 'invalid',
      details: { field: 'order', rule: 'R-PROC-5' },
    });
    expect(() => recordDraw(tied(), ['b1'], record)).toThrow(invalidOrder);
    expect(() => recordDraw(tied(), ['b1', 'b3'], record)).toThrow(invalidOrder);
    expect(() => recordDraw(tied(), ['b1', 'b1'], record)).toThrow(invalidOrder);
    expect(() => recordDraw(tied(), ['b1', 'b2'], { ...record, witnessedBy: [] })).toThrow(
      expect.objectContaining({ details: { field: 'witnessedBy', rule: 'R-PROC-5' } }),
    );
  });

  it('R-PROC-5: the draw of an evaluated project decides the first place and is on the timeline', () => {
    const evaluated = project({ status: 'evaluated', evaluation: tied() });
    const next = drawFirstPlace(
      evaluated,
      { order: ['b1', 'b2'], witnessedBy: ['李明'] },
      { actor: BUREAU, now: NOW },
    );
    expect(next.evaluation?.winner).toBe('b1');
    expect(next.version).toBe(evaluated.version + 1);
    expect(next.timeline.at(-1)).toEqual({
      at: NOW,
      status: 'evaluated',
      event: 'draw',
      by: BUREAU,
      note: 'b1 > b2; witnessed by 李明',
    });
    // A lower tie leaves the first place open: refused, naming order.
    expect(() =>
      drawFirstPlace(evaluated, { order: ['b3', 'b4'], witnessedBy: ['李明'] }, { actor: BUREAU, now: NOW }),
    ).toThrow(expect.objectContaining({ code: 'invalid', details: { field: 'order', rule: 'R-PROC-5' } }));
  });

  it('R-PROC-5: only an evaluated project waiting for a draw holds one', () => {
    const decided = project({ status: 'evaluated', evaluation: recordDraw(tied(), ['b1', 'b2'], record) });
    const args = [
      { order: ['b1', 'b2'], witnessedBy: ['李明'] },
      { actor: BUREAU, now: NOW },
    ] as const;
    expect(() => drawFirstPlace(decided, ...args)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => drawFirstPlace(project({ evaluation: tied() }), ...args)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });
});

describe('what the refusals say (R-PROC-1, R-PROC-3, R-PROC-5)', () => {
  const other = ['ev-4', 'ev-5', 'ev-6'];
  const ctx = CHANGE;

  it('R-PROC-1: a panel outside approved…bidding_closed is refused under R-PROC-1, naming the status', () => {
    expect(() => assignPanel(project({ status: 'evaluated' }), other, ctx)).toThrow(
      expect.objectContaining({
        code: 'conflict',
        details: { rule: 'R-PROC-1' },
        message: expect.stringContaining('evaluated'),
      }),
    );
  });

  it('R-PROC-3: once a sheet is in, the refusal names the round being scored', () => {
    expect(() => assignPanel(project({ scoringRound: 2 }), other, { ...ctx, sheetsInRound: 1 })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('round 2 has started') }),
    );
  });

  it('R-PROC-3: a panel that keeps some members but changes others is a new panel', () => {
    const next = assignPanel(project(), ['ev-1', 'ev-2', 'ev-9'], ctx);
    expect(next.evaluatorIds).toEqual(['ev-1', 'ev-2', 'ev-9']);
    expect(next.version).toBe(9);
  });

  it('a project whose timeline is full takes no new panel (409), one entry short it does', () => {
    const entry = project().timeline[0]!;
    const full = (n: number) => project({ timeline: Array.from({ length: n }, () => entry) });
    expect(() => assignPanel(full(MAX_TIMELINE_ENTRIES), other, ctx)).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: expect.stringContaining(`${MAX_TIMELINE_ENTRIES} timeline entries`),
      }),
    );
    expect(assignPanel(full(MAX_TIMELINE_ENTRIES - 1), other, ctx).timeline).toHaveLength(
      MAX_TIMELINE_ENTRIES,
    );
  });

  it('R-PROC-1: a project past scoring says it takes no scores, without naming a deadline', () => {
    expect(() =>
      scoreSheet(project({ status: 'evaluated' }), [bid('b1', 1)], [], {
        evaluatorId: 'ev-1',
        scores: [],
        now: NOW,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'conflict',
        details: { rule: 'R-PROC-1' },
        message: 'a evaluated project takes no scores',
      }),
    );
  });

  it('R-PROC-3: with no valid bid the refusal is a 409 under R-PROC-3', () => {
    const none = [bid('b1', 1, { disqualified: { reason: '资格不符', by: BUREAU, at: NOW } })];
    expect(() => scoreSheet(project(), none, [], { evaluatorId: 'ev-1', scores: [], now: NOW })).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: 'no valid bid to score',
        details: { rule: 'R-PROC-3' },
      }),
    );
  });

  it('R-PROC-5: a project with no draw to hold is refused under R-PROC-5, naming its status', () => {
    expect(() =>
      drawFirstPlace(
        project({ status: 'awarded' }),
        { order: ['b1', 'b2'], witnessedBy: ['李明'] },
        { actor: BUREAU, now: NOW },
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'conflict',
        details: { rule: 'R-PROC-5' },
        message: expect.stringContaining('awarded'),
      }),
    );
  });
});

describe('score sheets across rounds and replays (R-PROC-3)', () => {
  const bids = [bid('b1', 8_000_000), bid('b2', 10_000_000)];
  const whole = [
    { bidId: 'b1', criterionCode: 'plan', score: 80 },
    { bidId: 'b1', criterionCode: 'team', score: 70.5 },
    { bidId: 'b2', criterionCode: 'plan', score: 90 },
    { bidId: 'b2', criterionCode: 'team', score: 90 },
  ];
  const submit = (p: Project, stored: ScoreSheet[], scores: typeof whole) =>
    scoreSheet(p, bids, stored, { evaluatorId: 'ev-1', scores, now: NOW });
  const complete = () => sheets({ b1: { plan: 80, team: 70.5 }, b2: { plan: 90, team: 90 } });

  it('R-PROC-3: a rescore round starts a fresh sheet: the evaluator’s sheet of the last round is not its previous one', () => {
    const lastRound = sheets({ b1: { plan: 10, team: 10 }, b2: { plan: 10, team: 10 } }, ['ev-1'], 1);
    const result = submit(project({ scoringRound: 2 }), lastRound, whole);
    expect(result).toEqual({
      outcome: 'written',
      sheet: expect.objectContaining({ round: 2, version: 1 }),
    });
  });

  it('R-PROC-3: the stored sheet sent again in another order is the same sheet, whatever order it was stored in', () => {
    const stored = complete().map((s) => ({ ...s, scores: [...s.scores].reverse() }));
    expect(submit(project(), stored, whole)).toEqual({ outcome: 'unchanged', sheet: stored[0] });
  });

  it('R-PROC-3: once complete, a sheet changing one score, or adding one, is refused under R-PROC-3', () => {
    const refused = expect.objectContaining({ code: 'conflict', details: { rule: 'R-PROC-3' } });
    const oneChanged = whole.map((s, i) => (i === 3 ? { ...s, score: 91 } : s));
    expect(() => submit(project(), complete(), oneChanged)).toThrow(refused);
    const oneMore = [...whole, { bidId: 'b2', criterionCode: 'zz', score: 1 }];
    expect(() => submit(project(), complete(), oneMore)).toThrow(refused);
  });

  it('R-PROC-5: the draw’s timeline entry names every witness', () => {
    const evaluated = project({
      status: 'evaluated',
      evaluation: evaluateRound(
        project(),
        [bid('b1', 8_000_000), bid('b2', 8_000_000)],
        sheets({ b1: { plan: 80, team: 70 }, b2: { plan: 80, team: 70 } }),
        NOW,
      )!,
    });
    const next = drawFirstPlace(
      evaluated,
      { order: ['b2', 'b1'], witnessedBy: ['李明', '张华'] },
      { actor: BUREAU, now: NOW },
    );
    expect(next.timeline.at(-1)?.note).toBe('b2 > b1; witnessed by 李明、张华');
  });

  it('R-PROC-5: a draw that leaves the first place open is refused naming order', () => {
    const fourTied = evaluateRound(
      project(),
      [bid('b1', 8_000_000), bid('b2', 8_000_000), bid('b3', 9_000_000), bid('b4', 9_000_000)],
      sheets({
        b1: { plan: 80, team: 70 },
        b2: { plan: 80, team: 70 },
        b3: { plan: 60, team: 60 },
        b4: { plan: 60, team: 60 },
      }),
      NOW,
    )!;
    expect(() =>
      drawFirstPlace(
        project({ status: 'evaluated', evaluation: fourTied }),
        { order: ['b3', 'b4'], witnessedBy: ['李明'] },
        { actor: BUREAU, now: NOW },
      ),
    ).toThrow(expect.objectContaining({ message: expect.stringMatching(/^order: .*first place/) }));
  });
});
