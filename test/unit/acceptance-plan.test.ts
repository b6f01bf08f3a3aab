/**
 * The acceptance plan (履约验收方案, R-ACC-1..3, R-STAFF-1, R-SUP-1): the district's default for a contract, what a
 * plan both sides can sign must hold, and that it is the purchaser's to change only while nobody has signed.
 */
import { describe, expect, it } from 'vitest';
import type { AcceptancePlan } from '#shared/domain/acceptance-plan';
import { addDays, checkAcceptancePlan, defaultAcceptancePlan } from '#shared/domain/acceptance-plan';
import { DomainError } from '#shared/domain/errors';
import { DEFAULT_PAYMENT_MILESTONES, paymentSchedule, setAcceptancePlan } from '#shared/domain/contract';
import type { Contract } from '#shared/domain/contract';

const serviceStandard = {
  summary: '入户排查',
  indicators: [
    {
      code: 'households_screened_pct',
      description: '排查户数占比',
      unit: '%',
      target: 100,
      comparison: '>=' as const,
    },
    {
      code: 'screening_report_days',
      description: '报告天数',
      unit: 'days',
      target: 5,
      comparison: '<=' as const,
    },
  ],
};
const term = { start: '2026-01-01', end: '2026-12-31' };
const paymentMilestones = paymentSchedule(1_000_000, DEFAULT_PAYMENT_MILESTONES);
const contract = { serviceStandard, term, paymentMilestones };
const plan = (): AcceptancePlan =>
  defaultAcceptancePlan({
    serviceStandard,
    term,
    quantity: { value: 1200, unit: '户' },
    title: '排查',
    paymentMilestones,
  });

function refusal(f: () => void): DomainError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('the default acceptance plan', () => {
  it('R-ACC-1: measures every indicator of the service standard, each mandatory', () => {
    expect(plan().indicators.map((i) => [i.code, i.mandatory])).toEqual([
      ['households_screened_pct', true],
      ['screening_report_days', true],
    ]);
  });

  it('R-ACC-3: one stage per milestone after signing: the review at mid-term, the final acceptance in the last month', () => {
    expect(plan().stages).toEqual([
      { milestoneSeq: 2, event: 'mid_term_review', from: '2026-07-02' }, // 182 of the term's 364 days
      { milestoneSeq: 3, event: 'acceptance_passed', from: '2026-12-01' },
    ]);
  });

  it('R-ACC-2, R-ACC-3: 80 % satisfied, 30 days to pay, the quantity as one delivery line; and it passes its own check', () => {
    const p = plan();
    expect(p.recipients.satisfiedShareBp).toBe(8000);
    expect(p.paymentTermDays).toBe(30);
    expect(p.delivery).toEqual([{ code: 'service', description: '排查', unit: '户', planned: 1200 }]);
    expect(() => checkAcceptancePlan(p, contract)).not.toThrow();
  });

  it('a term shorter than a month opens the final acceptance on its first day', () => {
    const short = defaultAcceptancePlan({
      serviceStandard,
      term: { start: '2026-03-01', end: '2026-03-20' },
      quantity: { value: 1, unit: '次' },
      title: 't',
      paymentMilestones,
    });
    expect(short.stages.at(-1)!.from).toBe('2026-03-01');
  });
});

describe('checkAcceptancePlan', () => {
  it('R-ACC-1: an indicator the service standard does not have is refused, naming it', () => {
    const p = plan();
    p.indicators[1] = { ...p.indicators[1]!, code: 'made_up' };
    const error = refusal(() => checkAcceptancePlan(p, contract));
    expect(error.details).toMatchObject({ field: 'acceptancePlan.indicators.1.code', rule: 'R-ACC-1' });
  });

  it('R-ACC-1: the same indicator twice, or none mandatory, is refused', () => {
    const twice = plan();
    twice.indicators[1] = { ...twice.indicators[0]! };
    expect(refusal(() => checkAcceptancePlan(twice, contract)).details).toMatchObject({
      field: 'acceptancePlan.indicators.1.code',
    });
    const optional = plan();
    optional.indicators = optional.indicators.map((i) => ({ ...i, mandatory: false }));
    expect(refusal(() => checkAcceptancePlan(optional, contract)).details).toMatchObject({
      field: 'acceptancePlan.indicators',
    });
  });

  it('R-ACC-3: a stage per staged milestone, naming it, in order, within the term', () => {
    const missing = plan();
    missing.stages = missing.stages.slice(1);
    expect(refusal(() => checkAcceptancePlan(missing, contract)).details).toMatchObject({
      field: 'acceptancePlan.stages',
    });
    const wrong = plan();
    wrong.stages[0] = { ...wrong.stages[0]!, milestoneSeq: 3 };
    expect(refusal(() => checkAcceptancePlan(wrong, contract)).details).toMatchObject({
      field: 'acceptancePlan.stages.0.milestoneSeq',
    });
    const outside = plan();
    outside.stages[1] = { ...outside.stages[1]!, from: '2027-01-01' };
    expect(refusal(() => checkAcceptancePlan(outside, contract)).details).toMatchObject({
      field: 'acceptancePlan.stages.1.from',
    });
    const reversed = plan();
    reversed.stages[1] = { ...reversed.stages[1]!, from: '2026-02-01' };
    expect(refusal(() => checkAcceptancePlan(reversed, contract)).details).toMatchObject({
      field: 'acceptancePlan.stages.1.from',
    });
  });

  it('R-ACC-2: the minimum of opinions is at most the sample invited', () => {
    const p = plan();
    p.recipients = { ...p.recipients, sampleSize: 4, minimumOpinions: 5 };
    expect(refusal(() => checkAcceptancePlan(p, contract)).details).toMatchObject({
      field: 'acceptancePlan.recipients.minimumOpinions',
      rule: 'R-ACC-2',
    });
  });

  it('R-ACC-3: the payment term is at most 60 days (国务院令第802号)', () => {
    const p = plan();
    p.paymentTermDays = 61;
    expect(refusal(() => checkAcceptancePlan(p, contract)).details).toMatchObject({
      field: 'acceptancePlan.paymentTermDays',
    });
    p.paymentTermDays = 60;
    expect(() => checkAcceptancePlan(p, contract)).not.toThrow();
  });

  it('R-ACC-3: the deductions of every round the plan allows leave something to pay (below 100 % in all)', () => {
    const p = plan();
    p.rectification = { maxRounds: 2, days: 30, deductionBpPerRound: 5000 };
    expect(refusal(() => checkAcceptancePlan(p, contract)).details).toMatchObject({
      field: 'acceptancePlan.rectification.deductionBpPerRound',
      rule: 'R-ACC-3',
    });
    p.rectification = { maxRounds: 2, days: 30, deductionBpPerRound: 4999 };
    expect(() => checkAcceptancePlan(p, contract)).not.toThrow();
  });

  it('R-SUP-1: delivery line codes are unique', () => {
    const p = plan();
    p.delivery.push({ ...p.delivery[0]! });
    expect(refusal(() => checkAcceptancePlan(p, contract)).details).toMatchObject({
      field: 'acceptancePlan.delivery.1.code',
    });
  });
});

describe('setAcceptancePlan', () => {
  const draft = {
    ...contract,
    id: 'con_x',
    status: 'draft',
    signatures: {},
    version: 1,
  } as unknown as Contract;

  it('R-ACC-1: the purchaser sets it on a draft nobody has signed: a new version', () => {
    const p = plan();
    p.recipients = { ...p.recipients, satisfiedShareBp: 9000 };
    const next = setAcceptancePlan(draft, p, '2026-01-02T09:00:00.000+08:00');
    expect(next).toMatchObject({ version: 2, acceptancePlan: { recipients: { satisfiedShareBp: 9000 } } });
  });

  it('R-ACC-1: from the first signature it is agreed: 409', () => {
    const signedByOne = {
      ...draft,
      status: 'signed_by_one',
      signatures: { contractor: { by: { sub: 'u', role: 'contractor' }, at: '2026-01-01T00:00:00+08:00' } },
    } as unknown as Contract;
    expect(refusal(() => setAcceptancePlan(signedByOne, plan(), 'x')).code).toBe('conflict');
  });

  it('addDays counts calendar days across months and years', () => {
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(addDays('2026-03-31', -30)).toBe('2026-03-01');
  });
});
