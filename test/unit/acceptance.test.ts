/**
 * The acceptance rule and its arithmetic (shared/domain/acceptance.ts, R-ACC-1..3): every branch of the outcome, the
 * committee's decision (a signature may fail a pass, never pass a failure), rectification rounds, the deduction, the
 * panel, the stage and the sample.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AcceptancePlan } from '#shared/domain/acceptance-plan';
import type { Acceptance } from '#shared/domain/acceptance';
import {
  acceptanceView,
  afterFailure,
  checkMeasurements,
  checkSignature,
  checkPanel,
  decide,
  deduction,
  drawSample,
  opinionsByRound,
  roundRule,
  ruleOutcome,
  satisfactionsOf,
  stageFor,
  tallyOpinions,
} from '#shared/domain/acceptance';
import { seededRandom } from '#shared/use-cases/acceptances';

const plan: Pick<AcceptancePlan, 'indicators' | 'recipients' | 'stages'> = {
  indicators: [
    {
      code: 'visits_pct',
      description: '走访完成率',
      unit: '%',
      target: 95,
      comparison: '>=',
      mandatory: true,
    },
    {
      code: 'report_days',
      description: '报告天数',
      unit: 'days',
      target: 5,
      comparison: '<=',
      mandatory: true,
    },
    { code: 'events', description: '活动场次', unit: '场', target: 4, comparison: '=', mandatory: false },
  ],
  recipients: { sampleSize: 10, minimumOpinions: 5, satisfiedShareBp: 8_000, answerDays: 14 },
  stages: [
    { milestoneSeq: 2, event: 'mid_term_review', from: '2035-07-01' },
    { milestoneSeq: 3, event: 'acceptance_passed', from: '2035-12-01' },
  ],
};
const good = { visits_pct: 100, report_days: 4, events: 4 };
const fiveSatisfied = [5, 5, 4, 4, 5];

describe('the outcome rule (R-ACC-1, R-ACC-2)', () => {
  it('passes when every mandatory indicator meets its target, enough opinions came in and enough are satisfied', () => {
    const rule = ruleOutcome(plan, good, fiveSatisfied);
    expect(rule.outcome).toBe('passed');
    expect(rule.reasons).toEqual([]);
    expect(rule.opinions).toMatchObject({ received: 5, satisfied: 5, satisfiedShareBp: 10_000 });
  });

  it('fails when a mandatory indicator misses its target (>= and <=)', () => {
    expect(ruleOutcome(plan, { ...good, visits_pct: 94.9 }, fiveSatisfied).reasons).toEqual([
      'mandatory_indicator_missed',
    ]);
    expect(ruleOutcome(plan, { ...good, report_days: 6 }, fiveSatisfied).outcome).toBe('failed');
  });

  it('does not fail for an optional indicator that misses, but shows it unmet', () => {
    const rule = ruleOutcome(plan, { ...good, events: 3 }, fiveSatisfied);
    expect(rule.outcome).toBe('passed');
    expect(rule.indicators.find((i) => i.code === 'events')?.met).toBe(false);
  });

  it('fails when fewer opinions came in than the minimum, even all satisfied', () => {
    const rule = ruleOutcome(plan, good, [5, 5, 5, 5]);
    expect(rule.reasons).toEqual(['too_few_opinions']);
  });

  it('fails with no opinion at all (share unknown, minimum missed)', () => {
    const rule = ruleOutcome(plan, good, []);
    expect(rule.reasons).toEqual(['too_few_opinions']);
    expect(rule.opinions.satisfiedShareBp).toBeNull();
  });

  it('fails when the satisfied share (4–5) is below the threshold; exactly at it passes', () => {
    // 3 of 4 = 75 % < 80 %
    expect(ruleOutcome(plan, good, [5, 4, 3, 5, 2]).reasons).toEqual(['satisfied_share_below_threshold']);
    // 4 of 5 = 80 %: at the threshold
    expect(ruleOutcome(plan, good, [5, 4, 3, 5, 4]).outcome).toBe('passed');
  });

  it('names every reason at once', () => {
    expect(ruleOutcome(plan, { ...good, visits_pct: 10 }, [1, 2]).reasons).toEqual([
      'mandatory_indicator_missed',
      'too_few_opinions',
      'satisfied_share_below_threshold',
    ]);
  });

  it('refuses measurements that leave an indicator out or name another', () => {
    expect(() => ruleOutcome(plan, { visits_pct: 100, report_days: 4 }, fiveSatisfied)).toThrow(/events/);
    expect(() => checkMeasurements(plan, { ...good, other: 1 })).toThrow(/other is not an indicator/);
    expect(() => checkMeasurements(plan, { visits_pct: 1, report_days: 1 })).toThrow(/events is required/);
    expect(() => checkMeasurements(plan, good)).not.toThrow();
  });

  it('rounds the share down in basis points', () => {
    expect(tallyOpinions([5, 5, 1], plan.recipients).satisfiedShareBp).toBe(6_666);
  });
});

describe("the committee's decision", () => {
  const passed = ruleOutcome(plan, good, fiveSatisfied);
  const failed = ruleOutcome(plan, { ...good, visits_pct: 0 }, fiveSatisfied);
  const confirm = (sub: string) => ({ sub, verdict: 'confirm' as const });

  it("is the rule's pass when the quorum confirms", () => {
    expect(decide(passed, [confirm('a'), confirm('b'), confirm('c')])).toEqual({
      decision: 'passed',
      failedBy: [],
    });
  });

  it('fails a pass when one member fails it, with the written reason', () => {
    const signatures = [
      confirm('a'),
      { sub: 'b', verdict: 'fail' as const, reason: '现场记录与台账不符' },
      confirm('c'),
    ];
    expect(decide(passed, signatures)).toEqual({
      decision: 'failed',
      failedBy: [{ sub: 'b', reason: '现场记录与台账不符' }],
    });
  });

  it('can never pass a result the rule fails: confirming a failure confirms it', () => {
    expect(decide(failed, [confirm('a'), confirm('b'), confirm('c')]).decision).toBe('failed');
  });

  it('rectifies while rounds are left, then fails for good', () => {
    const rectification = { maxRounds: 2, days: 30, deductionBpPerRound: 500 };
    expect(afterFailure(1, rectification)).toBe('rectification');
    expect(afterFailure(2, rectification)).toBe('rectification');
    expect(afterFailure(3, rectification)).toBe('failed');
    expect(afterFailure(1, { ...rectification, maxRounds: 0 })).toBe('failed');
  });
});

describe('the deduction the liability clause fixes (R-ACC-3)', () => {
  it('is the per-round share of the amount times the rounds, in whole fen rounded down', () => {
    expect(deduction(300_000, 500, 0)).toBe(0);
    expect(deduction(300_000, 500, 1)).toBe(15_000);
    expect(deduction(300_000, 500, 2)).toBe(30_000);
    expect(deduction(333, 500, 1)).toBe(16);
  });

  it('never exceeds the amount', () => {
    expect(deduction(1_000, 6_000, 2)).toBe(1_000);
    fc.assert(
      fc.property(fc.nat(1e12), fc.nat(10_000), fc.nat(20), (amount, bp, rounds) => {
        const d = deduction(amount, bp, rounds);
        return Number.isInteger(d) && d >= 0 && d <= amount;
      }),
    );
  });
});

describe('the panel, the stage and the sample', () => {
  it('takes at least the quorum of distinct members', () => {
    expect(() =>
      checkPanel(
        [
          { sub: 'a', role: 'town' },
          { sub: 'b', role: 'evaluator' },
        ],
        3,
      ),
    ).toThrow(/quorum of 3/);
    expect(() =>
      checkPanel(
        [
          { sub: 'a', role: 'town' },
          { sub: 'a', role: 'evaluator' },
          { sub: 'c', role: 'evaluator' },
        ],
        3,
      ),
    ).toThrow(/each panel member once/);
  });

  it("opens a milestone's stage from its date only", () => {
    expect(() => stageFor(plan, 2, '2035-06-30')).toThrow(/opens from 2035-07-01/);
    expect(stageFor(plan, 2, '2035-07-01').milestoneSeq).toBe(2);
    expect(() => stageFor(plan, 1, '2035-07-01')).toThrow(/no acceptance stage/);
  });

  it('draws the sample size without repeats, all when fewer, the same for the same seed', () => {
    const people = Array.from({ length: 30 }, (_, i) => `r${i}`);
    const seed = 'ab'.repeat(32);
    const sample = drawSample(people, 10, seededRandom(seed));
    expect(new Set(sample).size).toBe(10);
    expect(drawSample(people, 10, seededRandom(seed))).toEqual(sample);
    expect(drawSample(people, 10, seededRandom('cd'.repeat(32)))).not.toEqual(sample);
    expect([...drawSample(people.slice(0, 4), 10, seededRandom(seed))].sort()).toEqual(
      people.slice(0, 4).sort(),
    );
  });

  it('draws uniformly: each of 5 recipients in a sample of 1 about a fifth of the time', () => {
    const counts = new Map<string, number>();
    const people = ['a', 'b', 'c', 'd', 'e'];
    for (let i = 0; i < 2_000; i++) {
      const [one] = drawSample(people, 1, seededRandom(i.toString(16).padStart(64, '0')));
      counts.set(one!, (counts.get(one!) ?? 0) + 1);
    }
    for (const person of people) expect(counts.get(person)).toBeGreaterThan(320);
  });
});

describe('a signature (R-ACC-1)', () => {
  const base = {
    id: 'acc_1',
    status: 'inspecting',
    round: 1,
    rounds: [],
    measurements: { round: 1, values: good, by: { sub: 'u', role: 'town' }, at: 'x' },
  } as unknown as Acceptance;

  it('is taken while the panel inspects a measured, undecided round; a failure carries its reason', () => {
    expect(() => checkSignature(base, { verdict: 'confirm' })).not.toThrow();
    expect(() => checkSignature(base, { verdict: 'fail' })).toThrow(/written reason/);
    expect(() => checkSignature(base, { verdict: 'fail', reason: '  ' })).toThrow(/written reason/);
    expect(() => checkSignature({ ...base, status: 'collecting_opinions' }, { verdict: 'confirm' })).toThrow(
      /nothing to sign/,
    );
    expect(() => checkSignature({ ...base, measurements: undefined }, { verdict: 'confirm' })).toThrow(
      /no measurements yet/,
    );
    expect(() =>
      checkSignature({ ...base, rounds: [{ round: 1 }] as Acceptance['rounds'] }, { verdict: 'confirm' }),
    ).toThrow(/round 1 is decided/);
  });
});

describe("each round decides on its own recipients' opinions (R-ACC-2, issue 13 §3)", () => {
  const withRounds = (round: number) => ({ plan, round }) as unknown as Pick<Acceptance, 'plan' | 'round'>;
  // Round 1: 5 answers, 1 satisfied (20 %). Round 2, after the rectification: 5 answers, all satisfied.
  const opinions = [
    ...[1, 2, 5, 2, 1].map((satisfaction) => ({ round: 1, satisfaction })),
    ...fiveSatisfied.map((satisfaction) => ({ round: 2, satisfaction })),
  ];

  it("the rule of round 2 counts round 2's opinions only: a round 1 that failed on them can pass", () => {
    expect(roundRule(withRounds(1), good, opinions)).toMatchObject({
      outcome: 'failed',
      reasons: ['satisfied_share_below_threshold'],
      opinions: { received: 5, satisfied: 1, satisfiedShareBp: 2_000 },
    });
    const second = roundRule(withRounds(2), good, opinions);
    expect(second).toMatchObject({
      outcome: 'passed',
      reasons: [],
      opinions: { received: 5, satisfied: 5, satisfiedShareBp: 10_000 },
    });
    // The decision sees what the round's rule saw: the quorum's confirmation passes round 2.
    expect(decide(second, [{ sub: 'a', verdict: 'confirm' }]).decision).toBe('passed');
  });

  it('too few opinions in round 2 fail it, however many came in round 1', () => {
    const late = [...opinions.filter((o) => o.round === 1), { round: 2, satisfaction: 5 }];
    expect(roundRule(withRounds(2), good, late)).toMatchObject({
      reasons: ['too_few_opinions'],
      opinions: { received: 1 },
    });
  });

  it('an acceptance that carries on from an interrupted one counts from its own first round (R-ACC-3)', () => {
    const carried = { round: 3, continues: { acceptanceId: 'acc_old', rounds: 1 } };
    expect(opinionsByRound(carried, opinions).map((r) => r.round)).toEqual([2, 3]);
  });

  it("the view counts this round's answers and shows every round's count and satisfied share, no identity", () => {
    expect(opinionsByRound({ round: 3 }, opinions)).toEqual([
      { round: 1, answered: 5, satisfied: 1, satisfiedShareBp: 2_000 },
      { round: 2, answered: 5, satisfied: 5, satisfiedShareBp: 10_000 },
      { round: 3, answered: 0, satisfied: 0, satisfiedShareBp: null },
    ]);
    const acceptance = {
      round: 2,
      purchaserId: 'pur-town-1',
      invitations: [{ invitationId: 'inv_1', village: 'v-1', reference: 'ref-1' }],
    } as unknown as Acceptance;
    expect(acceptanceView(acceptance, { role: 'auditor' }, opinions).recipients).toEqual({
      invited: 1,
      answered: 5,
      rounds: opinionsByRound({ round: 2 }, opinions),
    });
  });
});

describe('an opinion from before the rounds has no round: it was given in round 1 (R-ACC-2)', () => {
  const legacy = [{ satisfaction: 5 }, { satisfaction: 2 }];
  const opinions = [...legacy, { round: 1, satisfaction: 4 }, { round: 2, satisfaction: 1 }];

  it("round 1's rule and the view count it in round 1, and in no other round", () => {
    expect(satisfactionsOf(opinions, 1)).toEqual([5, 2, 4]);
    expect(satisfactionsOf(opinions, 2)).toEqual([1]);
    expect(opinionsByRound({ round: 2 }, opinions)).toEqual([
      { round: 1, answered: 3, satisfied: 2, satisfiedShareBp: 6_666 },
      { round: 2, answered: 1, satisfied: 0, satisfiedShareBp: 0 },
    ]);
  });
});
