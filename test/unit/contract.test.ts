import { describe, expect, it } from 'vitest';
import type { BudgetLine } from '#shared/domain/budget';
import { commit } from '#shared/domain/budget';
import { balances } from '../support/budget-invariants';
import type { Award, ContractTemplate, PaymentMilestoneInput } from '#shared/domain/contract';
import {
  CLAUSE_KEYS,
  STANDARD_TEMPLATE,
  allocateLargestRemainder,
  checkTemplate,
  draftContract,
  paymentSchedule,
  sign,
} from '#shared/domain/contract';
import { DomainError } from '#shared/domain/errors';
import type { Project } from '#shared/domain/project';

const NOW = '2025-04-01T10:00:00.000+08:00';
const BUREAU = { sub: 'u-bureau', role: 'bureau' };
const CONTRACTOR = { sub: 'u-npo', role: 'contractor' };

const project = (status: Project['status'] = 'awarded'): Project => ({
  id: 'prj-1',
  purchaserId: 'pur-town-1',
  fiscalYear: 2025,
  title: '困难群众探访关爱服务',
  catalogCode: 'SA-01',
  budgetLineId: 'bl-1',
  estimatedAmount: 120_000_000,
  currency: 'CNY',
  quantity: { value: 1200, unit: '户' },
  term: { start: '2025-05-01', end: '2026-04-30' },
  serviceStandard: { indicators: [] } as unknown as Project['serviceStandard'],
  serviceStandardRefined: false,
  procurementMethod: 'open_tender',
  invitedContractorIds: [],
  allowNaturalPersons: false,
  evaluationCriteria: { quality: [{ code: 'plan', description: '方案', weight: 70 }], priceWeight: 30 },
  status,
  timeline: [],
  createdBy: BUREAU,
  version: 7,
  createdAt: NOW,
  updatedAt: NOW,
});

const AWARD: Award = {
  projectId: 'prj-1',
  bidId: 'bid-1',
  contractorId: 'ctr-npo',
  price: 100_000_001,
  awardedAt: '2025-03-20T10:00:00.000+08:00',
};
const MILESTONES: PaymentMilestoneInput[] = [
  { event: 'signing', percent: 30 },
  { event: 'mid_term_review', percent: 30 },
  { event: 'acceptance_passed', percent: 40 },
];
const draft = () =>
  draftContract(
    project(),
    AWARD,
    STANDARD_TEMPLATE,
    { paymentMilestones: MILESTONES },
    { id: 'con-1', now: NOW },
  );

describe('standard template (R-CON-1..4)', () => {
  it('R-CON-1: the district issues a versioned template carrying every clause (R-CON-2, R-CON-3, R-CON-4)', () => {
    expect(() => checkTemplate(STANDARD_TEMPLATE)).not.toThrow();
    expect(STANDARD_TEMPLATE).toMatchObject({ issuedBy: 'district', version: 1 });
    expect(STANDARD_TEMPLATE.clauses.map((c) => c.key)).toEqual([...CLAUSE_KEYS]);
    const byKey = Object.fromEntries(STANDARD_TEMPLATE.clauses.map((c) => [c.key, c]));
    expect(byKey.no_subcontracting!.textZh).toContain('严禁服务转包');
    expect(byKey.financial_reporting_supervision!.textZh).toContain('健全财务报告制度');
    expect(byKey.breach_liability!.titleEn).toBe('Liability for breach');
  });

  it('R-CON-3: a template without the no-subcontracting clause is refused', () => {
    const without: ContractTemplate = {
      ...STANDARD_TEMPLATE,
      clauses: STANDARD_TEMPLATE.clauses.filter((c) => c.key !== 'no_subcontracting'),
    };
    expect(() => checkTemplate(without)).toThrow(
      expect.objectContaining({ code: 'invalid', details: expect.objectContaining({ rule: 'R-CON-3' }) }),
    );
  });

  it('R-CON-1: only a district template, with a version', () => {
    const town = { ...STANDARD_TEMPLATE, issuedBy: 'town' } as unknown as ContractTemplate;
    expect(() => checkTemplate(town)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ rule: 'R-CON-1' }) }),
    );
    expect(() => checkTemplate({ ...STANDARD_TEMPLATE, version: 0 })).toThrow(/version/);
  });
});

describe('payment milestones (R-FUND-2, R-ACC-3)', () => {
  it('R-FUND-2: largest remainder keeps the sum exact: 1 000 001 fen at 30/30/40 → 300 000 / 300 000 / 400 001', () => {
    expect(paymentSchedule(1_000_001, MILESTONES).map((m) => [m.seq, m.basisPoints, m.amount])).toEqual([
      [1, 3000, 300_000],
      [2, 3000, 300_000],
      [3, 4000, 400_001],
    ]);
  });

  it('R-FUND-2: 100 fen at 33.33/33.33/33.34 → 33/33/34; 200 fen at 0.5/0.5/99 → 1/1/198', () => {
    const thirds = paymentSchedule(100, [
      { event: 'signing', percent: 33.33 },
      { event: 'mid_term_review', percent: 33.33 },
      { event: 'acceptance_passed', percent: 33.34 },
    ]);
    expect(thirds.map((m) => m.amount)).toEqual([33, 33, 34]);
    const small = paymentSchedule(200, [
      { event: 'signing', percent: 0.5 },
      { event: 'mid_term_review', percent: 0.5 },
      { event: 'acceptance_passed', percent: 99 },
    ]);
    expect(small.map((m) => m.amount)).toEqual([1, 1, 198]);
  });

  it('R-FUND-2: equal remainders go to the earlier milestone, and the sum is always the price', () => {
    expect(allocateLargestRemainder(1, [5000, 5000])).toEqual([1, 0]);
    expect(allocateLargestRemainder(10, [3333, 3333, 3334])).toEqual([3, 3, 4]);
    for (const price of [1, 7, 99, 12_345_679, 100_000_000_001]) {
      const parts = allocateLargestRemainder(price, [1234, 4321, 4445]);
      expect(parts.reduce((s, p) => s + p, 0)).toBe(price);
    }
  });

  it('R-ACC-3: several mid-term reviews are fine; acceptance alone is fine', () => {
    expect(paymentSchedule(1000, [{ event: 'acceptance_passed', percent: 100 }])[0]!.amount).toBe(1000);
    expect(
      paymentSchedule(1000, [
        { event: 'mid_term_review', percent: 25, note: 'Q1' },
        { event: 'mid_term_review', percent: 25, note: 'Q2' },
        { event: 'acceptance_passed', percent: 50 },
      ]).map((m) => [m.amount, m.note]),
    ).toEqual([
      [250, 'Q1'],
      [250, 'Q2'],
      [500, undefined],
    ]);
  });

  it.each([
    [
      'the sum is 99.99 %',
      [
        { event: 'signing', percent: 49.99 },
        { event: 'acceptance_passed', percent: 50 },
      ],
      /99.99 %/,
      'R-FUND-2',
    ],
    [
      'a share is 0',
      [
        { event: 'signing', percent: 0 },
        { event: 'acceptance_passed', percent: 100 },
      ],
      /> 0/,
      'R-FUND-2',
    ],
    [
      'a share has 3 decimals',
      [
        { event: 'signing', percent: 33.333 },
        { event: 'acceptance_passed', percent: 66.667 },
      ],
      /two decimals/,
      'R-FUND-2',
    ],
    [
      'out of order',
      [
        { event: 'mid_term_review', percent: 50 },
        { event: 'signing', percent: 10 },
        { event: 'acceptance_passed', percent: 40 },
      ],
      /cannot follow/,
      'R-FUND-2',
    ],
    [
      'two payments at signing',
      [
        { event: 'signing', percent: 10 },
        { event: 'signing', percent: 10 },
        { event: 'acceptance_passed', percent: 80 },
      ],
      /at most one/,
      'R-FUND-2',
    ],
    [
      'the last is not acceptance',
      [
        { event: 'signing', percent: 50 },
        { event: 'mid_term_review', percent: 50 },
      ],
      /passed acceptance/,
      'R-ACC-3',
    ],
    [
      'two acceptances',
      [
        { event: 'acceptance_passed', percent: 50 },
        { event: 'acceptance_passed', percent: 50 },
      ],
      /passed acceptance/,
      'R-ACC-3',
    ],
    ['no milestone', [], /at least one/, 'R-FUND-2'],
  ] as [string, PaymentMilestoneInput[], RegExp, string][])(
    'R-FUND-2: refuses a schedule where %s',
    (_name, input, message, rule) => {
      expect(() => paymentSchedule(10_000, input)).toThrow(message);
      expect(() => paymentSchedule(10_000, input)).toThrow(
        expect.objectContaining({ code: 'invalid', details: expect.objectContaining({ rule }) }),
      );
    },
  );
});

describe('drafting (R-CON-1, R-CON-2)', () => {
  it('R-CON-2: the contract states content, term, quantity, quality, price and settlement from the project and award', () => {
    const contract = draft();
    expect(contract).toMatchObject({
      id: 'con-1',
      projectId: 'prj-1',
      contractorId: 'ctr-npo',
      purchaserId: 'pur-town-1',
      budgetLineId: 'bl-1',
      template: { templateId: STANDARD_TEMPLATE.templateId, version: 1 },
      price: 100_000_001,
      status: 'draft',
      signatures: {},
      term: { start: '2025-05-01', end: '2026-04-30' },
      quantity: { value: 1200, unit: '户' },
    });
    expect(contract.paymentMilestones.map((m) => m.amount)).toEqual([30_000_000, 30_000_000, 40_000_001]);
    const text = Object.fromEntries(contract.clauses.map((c) => [c.key, c.textZh]));
    expect(text.content).toContain('困难群众探访关爱服务');
    expect(text.term).toContain('2025-05-01');
    expect(text.quantity).toContain('1200 户');
    expect(text.price).toContain('1000000.01 元');
    expect(JSON.stringify(contract.clauses)).not.toMatch(/\{\w+\}/);
  });

  it('R-PROC-1: only an awarded project, and only its own award', () => {
    const make = (p: Project, a: Award) =>
      draftContract(p, a, STANDARD_TEMPLATE, { paymentMilestones: MILESTONES }, { id: 'c', now: NOW });
    expect(() => make(project('evaluated'), AWARD)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => make(project(), { ...AWARD, projectId: 'prj-2' })).toThrow(/belongs to prj-2/);
    expect(() => make(project(), { ...AWARD, price: 10.5 })).toThrow(/whole number of fen/);
  });
});

describe('signatures and the budget commitment (R-FUND-2)', () => {
  it('R-FUND-2: draft → signed_by_one → signed; only the second signature asks for the commitment', () => {
    const first = sign(draft(), 'contractor', CONTRACTOR, '2025-04-02T09:00:00.000+08:00');
    expect(first.contract.status).toBe('signed_by_one');
    expect(first.commitment).toBeUndefined();
    const second = sign(first.contract, 'purchaser', BUREAU, '2025-04-03T09:00:00.000+08:00');
    expect(second.contract.status).toBe('signed');
    expect(second.contract.signatures).toEqual({
      contractor: { by: CONTRACTOR, at: '2025-04-02T09:00:00.000+08:00' },
      purchaser: { by: BUREAU, at: '2025-04-03T09:00:00.000+08:00' },
    });
    expect(second.contract.version).toBe(3);
    expect(second.commitment).toEqual({ budgetLineId: 'bl-1', amount: 100_000_001, contractId: 'con-1' });

    // The use case commits exactly this on the line, in the same transaction.
    const line: BudgetLine = {
      id: 'bl-1',
      purchaserId: 'pur-town-1',
      fiscalYear: 2025,
      source: 'special_funds',
      amount: 150_000_000,
      committed: 0,
      paid: 0,
      available: 150_000_000,
      unpaid: 0,
      currency: 'CNY',
      createdBy: BUREAU,
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    };
    const committed = commit(line, second.commitment!.amount);
    expect(committed.available).toBe(49_999_999);
    expect(balances(committed)).toBe(true);
  });

  it('R-FUND-2: each side signs once, and a signed contract takes no more signatures', () => {
    const first = sign(draft(), 'purchaser', BUREAU, NOW).contract;
    expect(() => sign(first, 'purchaser', BUREAU, NOW)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    const both = sign(first, 'contractor', CONTRACTOR, NOW).contract;
    expect(() => sign(both, 'contractor', CONTRACTOR, NOW)).toThrow(/already signed by both/);
  });
});

/** The DomainError `fn` throws (fails the test if it returns). */
function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('what a refusal names (field and rule, for the problem+json)', () => {
  it('R-CON-1: a template not issued by the district names template.issuedBy and says who issues it', () => {
    const town = { ...STANDARD_TEMPLATE, issuedBy: 'town' } as unknown as ContractTemplate;
    const error = refusal(() => checkTemplate(town));
    expect(error).toMatchObject({
      code: 'invalid',
      details: { field: 'template.issuedBy', rule: 'R-CON-1' },
    });
    expect(error.message).toMatch(/issued by the district/);
  });

  it.each([0, -1, 1.5])('R-CON-1: a template of version %s names template.version', (version) => {
    const error = refusal(() => checkTemplate({ ...STANDARD_TEMPLATE, version }));
    expect(error).toMatchObject({ code: 'invalid', details: { field: 'template.version', rule: 'R-CON-1' } });
    expect(error.message).toMatch(/version ≥ 1/);
  });

  it.each(
    CLAUSE_KEYS.map((key) => [
      key,
      key === 'no_subcontracting'
        ? 'R-CON-3'
        : key === 'financial_reporting_supervision'
          ? 'R-CON-4'
          : 'R-CON-2',
    ]),
  )('a template without the %s clause is refused under %s, naming the clause', (key, rule) => {
    const without = { ...STANDARD_TEMPLATE, clauses: STANDARD_TEMPLATE.clauses.filter((c) => c.key !== key) };
    const error = refusal(() => checkTemplate(without));
    expect(error).toMatchObject({ code: 'invalid', details: { field: `template.clauses.${key}`, rule } });
    expect(error.message).toMatch(/exactly once, not 0 times/);
  });

  it('R-CON-4: a clause carried twice is refused too (exactly once), with the count', () => {
    const financial = STANDARD_TEMPLATE.clauses.find((c) => c.key === 'financial_reporting_supervision')!;
    const twice = { ...STANDARD_TEMPLATE, clauses: [...STANDARD_TEMPLATE.clauses, financial] };
    const error = refusal(() => checkTemplate(twice));
    expect(error).toMatchObject({
      details: { field: 'template.clauses.financial_reporting_supervision', rule: 'R-CON-4' },
    });
    expect(error.message).toMatch(/not 2 times/);
  });
});

describe('drafting refuses what cannot be contracted (R-PROC-1, R-CON-1..3, R-FUND-2)', () => {
  const make = (p: Project, a: Award, template: ContractTemplate = STANDARD_TEMPLATE) =>
    draftContract(p, a, template, { paymentMilestones: MILESTONES }, { id: 'c', now: NOW });

  it('R-PROC-1: a project not awarded is a conflict naming its status', () => {
    const error = refusal(() => make(project('evaluated'), AWARD));
    expect(error).toMatchObject({ code: 'conflict', details: { rule: 'R-PROC-1' } });
    expect(error.message).toMatch(/evaluated project has no award/);
  });

  it('R-CON-2: an award of another project names award.projectId', () => {
    expect(refusal(() => make(project(), { ...AWARD, projectId: 'prj-2' }))).toMatchObject({
      code: 'invalid',
      details: { field: 'award.projectId', rule: 'R-CON-2' },
    });
  });

  it.each([0, -100, 10.5, 2 ** 53])(
    'R-FUND-2: an awarded price of %s fen is no contract (a positive whole number of fen), naming award.price',
    (price) => {
      const error = refusal(() => make(project(), { ...AWARD, price }));
      expect(error).toMatchObject({ code: 'invalid', details: { field: 'award.price', rule: 'R-FUND-2' } });
      expect(error.message).toContain(`not ${price}`);
    },
  );

  it('R-FUND-2: one fen is a price', () => {
    const one = make(project(), { ...AWARD, price: 1 }, STANDARD_TEMPLATE);
    expect(one.price).toBe(1);
    expect(one.paymentMilestones.reduce((sum, m) => sum + m.amount, 0)).toBe(1);
  });

  it('R-CON-3: a contract is never drafted from a template missing a required clause', () => {
    const without: ContractTemplate = {
      ...STANDARD_TEMPLATE,
      clauses: STANDARD_TEMPLATE.clauses.filter((c) => c.key !== 'no_subcontracting'),
    };
    expect(refusal(() => make(project(), AWARD, without))).toMatchObject({
      details: { field: 'template.clauses.no_subcontracting', rule: 'R-CON-3' },
    });
  });

  it('R-CON-2: the contract is priced in CNY', () => {
    expect(draft().currency).toBe('CNY');
  });
});

describe('signing refusals (R-CON-1)', () => {
  it('R-CON-1: a contract signed by both sides is a conflict under R-CON-1', () => {
    const first = sign(draft(), 'purchaser', BUREAU, NOW).contract;
    const both = sign(first, 'contractor', CONTRACTOR, NOW).contract;
    const error = refusal(() => sign(both, 'purchaser', BUREAU, NOW));
    expect(error).toMatchObject({ code: 'conflict', details: { rule: 'R-CON-1' } });
    expect(error.message).toContain('con-1');
  });

  it('R-CON-1: a side signing twice is a conflict naming the party', () => {
    const first = sign(draft(), 'contractor', CONTRACTOR, NOW).contract;
    const error = refusal(() => sign(first, 'contractor', CONTRACTOR, NOW));
    expect(error).toMatchObject({ code: 'conflict', details: { field: 'party', rule: 'R-CON-1' } });
    expect(error.message).toBe('the contractor has already signed contract con-1');
  });
});
