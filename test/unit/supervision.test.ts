/**
 * Issue 13 §2: the rules of supervision (shared/domain/supervision.ts): quarterly financial reports (R-CON-4) and
 * inspections whose findings are tracked to closed, overdue computed at read time (R-SUP-1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Contract } from '#shared/domain/contract';
import { DEFAULT_PAYMENT_MILESTONES, STANDARD_TEMPLATE, draftContract } from '#shared/domain/contract';
import { DomainError } from '#shared/domain/errors';
import type { FinancialReportInput, Inspection } from '#shared/domain/supervision';
import {
  checkReportPeriod,
  closeFinding,
  findingStatusOn,
  quarterDates,
  recordInspection,
  reopenFinding,
  respondToFinding,
  reviewReport,
  submitReport,
  totalExpenditure,
} from '#shared/domain/supervision';
import { project } from '../handlers/procurement-fixtures';

const AT = '2025-07-03T10:00:00.000+08:00';
const TODAY = '2025-07-03';
const CONTRACTOR = { sub: 'u-c', role: 'contractor' };
const TOWN = { sub: 'u-town', role: 'town' };

/** A contract over 2025-05-01 … 2025-12-31, in the given status. */
function contract(status: Contract['status'] = 'signed', overrides: Partial<Contract> = {}): Contract {
  const p = project({ status: 'awarded' });
  const drafted = draftContract(
    p,
    {
      projectId: p.id,
      bidId: 'bid_01jabcdefg0123456789',
      contractorId: 'ctr_01jabcdefg0123456789',
      price: 28_000_000,
      awardedAt: '2025-04-12T15:00:00.000+08:00',
    },
    STANDARD_TEMPLATE,
    { paymentMilestones: DEFAULT_PAYMENT_MILESTONES },
    { id: 'con_01jcontract000000001', now: '2025-04-21T09:00:00.000+08:00' },
  );
  return { ...drafted, status, ...overrides };
}

const input = (overrides: Partial<FinancialReportInput> = {}): FinancialReportInput => ({
  income: 7_000_000,
  expenditure: { staff: 5_000_000, materials: 600_000, administration: 400_000 },
  documents: [{ title: '工资表', reference: '凭证 2025-06-01' }],
  ...overrides,
});

const ctx = { actor: CONTRACTOR, at: AT, today: TODAY };

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('quarters', () => {
  it('gives the first and last day of each quarter, leap years included', () => {
    expect(quarterDates('2025-Q1')).toEqual({ start: '2025-01-01', end: '2025-03-31' });
    expect(quarterDates('2025-Q2')).toEqual({ start: '2025-04-01', end: '2025-06-30' });
    expect(quarterDates('2024-Q3')).toEqual({ start: '2024-07-01', end: '2024-09-30' });
    expect(quarterDates('2028-Q4')).toEqual({ start: '2028-10-01', end: '2028-12-31' });
    expect(quarterDates('2025-Q5')).toBeUndefined();
    expect(quarterDates('2025-q1')).toBeUndefined();
  });
});

describe('financial reports (R-CON-4)', () => {
  it('takes a quarter that overlaps the term and has started: the term starts in Q2, today is in Q3', () => {
    expect(() => checkReportPeriod(contract(), '2025-Q2', TODAY)).not.toThrow();
    expect(() => checkReportPeriod(contract(), '2025-Q3', TODAY)).not.toThrow();
  });

  it.each([
    ['2025-Q1', 'outside the contract'],
    ['2026-Q1', 'outside the contract'],
    ['2025-Q4', 'after today'],
  ])('refuses %s naming period in the path (%s)', (period, words) => {
    const error = refusal(() => checkReportPeriod(contract(), period, TODAY));
    expect(error.code).toBe('invalid');
    expect(error.details).toMatchObject({ field: 'period', location: 'path', rule: 'R-CON-4' });
    expect(error.message).toContain(words);
  });

  it.each(['draft', 'signed_by_one'] as const)('refuses a %s contract with 409', (status) => {
    const error = refusal(() => checkReportPeriod(contract(status), '2025-Q2', TODAY));
    expect(error.code).toBe('conflict');
    expect(error.details.rule).toBe('R-CON-4');
  });

  it('takes a late last report of a completed or terminated contract, not a quarter starting after it ended', () => {
    const terminated = contract('terminated', {
      termination: {
        reason: '违约',
        liability: '扣减',
        by: TOWN,
        at: '2025-06-20T10:00:00.000+08:00',
        released: 0,
      },
    });
    expect(() => checkReportPeriod(terminated, '2025-Q2', TODAY)).not.toThrow();
    expect(refusal(() => checkReportPeriod(terminated, '2025-Q3', TODAY)).details.field).toBe('period');
    const completed = contract('completed', { completedAt: '2025-06-30T18:00:00.000+08:00' });
    expect(() => checkReportPeriod(completed, '2025-Q2', TODAY)).not.toThrow();
    expect(refusal(() => checkReportPeriod(completed, '2025-Q3', TODAY)).code).toBe('invalid');
  });

  it('submits a report under review, version 1, and totals the expenditure', () => {
    const report = submitReport(undefined, contract(), '2025-Q2', input(), ctx);
    expect(report).toMatchObject({
      contractId: 'con_01jcontract000000001',
      period: '2025-Q2',
      contractorId: 'ctr_01jabcdefg0123456789',
      purchaserId: 'pur-town-1',
      status: 'under_review',
      submissions: 1,
      submittedBy: CONTRACTOR,
      version: 1,
    });
    expect(totalExpenditure(report)).toBe(6_000_000);
  });

  it('refuses any money line that is not whole fen ≥ 0, naming it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('income', 'staff', 'materials', 'administration'),
        fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true, noNaN: true })),
        (line, value) => {
          const base = input();
          const bad =
            line === 'income'
              ? { ...base, income: value }
              : { ...base, expenditure: { ...base.expenditure, [line]: value } };
          const error = refusal(() => submitReport(undefined, contract(), '2025-Q2', bad, ctx));
          expect(error.code).toBe('invalid');
          expect(error.details.field).toBe(line === 'income' ? 'income' : `expenditure.${line}`);
        },
      ),
    );
  });

  it('refuses to replace a report under review or accepted (409), and resubmits a returned one', () => {
    const submitted = submitReport(undefined, contract(), '2025-Q2', input(), ctx);
    expect(refusal(() => submitReport(submitted, contract(), '2025-Q2', input(), ctx)).code).toBe('conflict');
    const accepted = reviewReport(submitted, { decision: 'accepted' }, { actor: TOWN, at: AT });
    expect(accepted).toMatchObject({ status: 'accepted', version: 2, review: { decision: 'accepted' } });
    expect(refusal(() => submitReport(accepted, contract(), '2025-Q2', input(), ctx)).code).toBe('conflict');

    const returned = reviewReport(
      submitted,
      { decision: 'returned', reason: '工资表合计不符' },
      { actor: TOWN, at: AT },
    );
    const again = submitReport(returned, contract(), '2025-Q2', input({ income: 7_100_000 }), ctx);
    expect(again).toMatchObject({
      status: 'under_review',
      submissions: 2,
      income: 7_100_000,
      version: 3,
      createdAt: submitted.createdAt,
      // The return it answers stays until the next review.
      review: { decision: 'returned', reason: '工资表合计不符' },
    });
  });

  it('returns only with a reason (400 naming reason), and reviews only a report under review', () => {
    const submitted = submitReport(undefined, contract(), '2025-Q2', input(), ctx);
    const error = refusal(() => reviewReport(submitted, { decision: 'returned' }, { actor: TOWN, at: AT }));
    expect(error.code).toBe('invalid');
    expect(error.details.field).toBe('reason');
    const accepted = reviewReport(submitted, { decision: 'accepted' }, { actor: TOWN, at: AT });
    expect(
      refusal(() => reviewReport(accepted, { decision: 'accepted' }, { actor: TOWN, at: AT })).code,
    ).toBe('conflict');
  });
});

describe('inspections (R-SUP-1)', () => {
  const findings = [
    { description: '排查表缺签字', severity: 'minor' as const, responseDueBy: '2025-07-10' },
    { description: '在岗人员与派遣不符', severity: 'major' as const, responseDueBy: '2025-07-05' },
  ];
  const record = (overrides: Partial<Parameters<typeof recordInspection>[1]> = {}) =>
    recordInspection(
      contract(),
      { date: '2025-07-02', place: '东溪村', checked: '入户记录', findings, ...overrides },
      { id: 'ins_01jabcdefg0123456789', actor: TOWN, at: AT, today: TODAY },
    );
  const respond = (i: Inspection, n: number, today = TODAY) =>
    respondToFinding(i, n, { text: '已整改', documents: [] }, { actor: CONTRACTOR, at: AT, today });

  it('records an open inspection whose findings, numbered from 1, await a response', () => {
    const inspection = record();
    expect(inspection.status).toBe('open');
    expect(inspection.findings.map((f) => [f.n, f.status])).toEqual([
      [1, 'awaiting_response'],
      [2, 'awaiting_response'],
    ]);
    expect(record({ findings: [] }).status).toBe('closed');
  });

  it('refuses an unsigned contract (409), a day after today or outside the term, a due date already past', () => {
    expect(
      refusal(() =>
        recordInspection(
          contract('completed'),
          { date: '2025-07-02', place: 'x', checked: 'y', findings },
          { id: 'ins_1', actor: TOWN, at: AT, today: TODAY },
        ),
      ).code,
    ).toBe('conflict');
    expect(refusal(() => record({ date: '2025-07-04' })).details.field).toBe('date');
    expect(refusal(() => record({ date: '2025-04-30' })).details.field).toBe('date');
    const past = [{ ...findings[0]!, responseDueBy: '2025-07-02' }];
    expect(refusal(() => record({ findings: past })).details.field).toBe('findings.0.responseDueBy');
  });

  it('tracks each finding to closed: response → close; the inspection closes when all are', () => {
    let inspection = respond(record(), 1);
    expect(inspection.findings[0]).toMatchObject({ status: 'responded', responses: [{ late: false }] });
    expect(inspection.version).toBe(2);
    inspection = closeFinding(inspection, 1, { note: '复核无误' }, { actor: TOWN, at: AT });
    expect(inspection.findings[0]?.status).toBe('closed');
    expect(inspection.status).toBe('open');
    inspection = respond(inspection, 2, '2025-07-06');
    expect(inspection.findings[1]?.responses[0]?.late).toBe(true);
    inspection = closeFinding(inspection, 2, {}, { actor: TOWN, at: AT });
    expect(inspection.status).toBe('closed');
    expect(inspection.version).toBe(5);
  });

  it('closes only after a response, answers only a finding awaiting one, and knows no finding 3', () => {
    const inspection = record();
    expect(refusal(() => closeFinding(inspection, 1, {}, { actor: TOWN, at: AT })).code).toBe('conflict');
    const responded = respond(inspection, 1);
    expect(refusal(() => respond(responded, 1)).code).toBe('conflict');
    expect(refusal(() => respond(inspection, 3)).code).toBe('not_found');
  });

  it('reopens an answered finding with a new due date, which then awaits a response again', () => {
    const responded = respond(record(), 1);
    const today = { actor: TOWN, at: AT, today: TODAY };
    expect(refusal(() => reopenFinding(record(), 1, { reason: 'r', responseDueBy: TODAY }, today)).code).toBe(
      'conflict',
    );
    expect(
      refusal(() => reopenFinding(responded, 1, { reason: 'r', responseDueBy: '2025-07-02' }, today)).details
        .field,
    ).toBe('responseDueBy');
    const reopened = reopenFinding(responded, 1, { reason: '仍缺一户', responseDueBy: '2025-07-20' }, today);
    expect(reopened.findings[0]).toMatchObject({
      status: 'awaiting_response',
      responseDueBy: '2025-07-20',
      reopenings: [{ reason: '仍缺一户' }],
    });
    expect(respond(reopened, 1).findings[0]?.responses).toHaveLength(2);
  });

  it('shows a finding overdue the day after its due date without a response, never once answered', () => {
    const finding = record().findings[1]!;
    expect(findingStatusOn(finding, '2025-07-05')).toBe('awaiting_response');
    expect(findingStatusOn(finding, '2025-07-06')).toBe('overdue');
    expect(findingStatusOn(respond(record(), 2).findings[1]!, '2025-07-30')).toBe('responded');
  });
});
