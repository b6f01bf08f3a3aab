/**
 * Supervision of a signed contract (issue 13 §2): the contractor's quarterly financial reports (R-CON-4: 健全财务报告制度)
 * and the purchaser's inspections (spot checks) whose findings are tracked to closed (R-SUP-1: 全过程跟踪监督). Pure:
 * the use cases (shared/use-cases/supervision.ts) load, call these rules and commit one transaction with the audit
 * entry (R-SUP-2). Dates are Asia/Shanghai business dates (YYYY-MM-DD); instants are ISO 8601 with +08:00.
 */
import type { Actor } from './audit-chain';
import type { Contract } from './contract';
import { DomainError } from './errors';

const invalid = (field: string, message: string, rule: string, location?: 'path') =>
  new DomainError('invalid', `${field}: ${message}`, { field, rule, ...(location ? { location } : {}) });
const conflict = (message: string, rule: string, field?: string) =>
  new DomainError('conflict', message, { rule, ...(field ? { field } : {}) });

// ---- quarters ----

/** `2026-Q2`: a calendar quarter (what the path names). */
export const PERIOD_PATTERN = /^(\d{4})-Q([1-4])$/;

/** The first and last day of a quarter, or undefined when `period` is not `YYYY-Qn`. */
export function quarterDates(period: string): { start: string; end: string } | undefined {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return undefined;
  const year = match[1] as string;
  const quarter = Number(match[2]);
  const first = (quarter - 1) * 3 + 1;
  const last = first + 2;
  const lastDay = new Date(Date.UTC(Number(year), last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(lastDay)}` };
}

// ---- financial reports (R-CON-4) ----

/** under_review → accepted | returned; a returned report is resubmitted (under_review again), an accepted one stays. */
export type FinancialReportStatus = 'under_review' | 'accepted' | 'returned';

/** A supporting document by reference: its title and the voucher or ledger reference (no upload, docs/supervision.md). */
export interface DocumentReference {
  title: string;
  reference: string;
}

export interface FinancialReportInput {
  /** What the contractor received for this contract in the quarter, integer fen. */
  income: number;
  /** Expenditure by line, integer fen. */
  expenditure: { staff: number; materials: number; administration: number };
  notes?: string;
  documents: DocumentReference[];
}

export interface ReportReview {
  decision: 'accepted' | 'returned';
  reason?: string;
  by: Actor;
  at: string;
}

export interface FinancialReport extends FinancialReportInput {
  contractId: string;
  period: string;
  contractorId: string;
  purchaserId: string;
  status: FinancialReportStatus;
  /** How many times it was submitted (1 at first, +1 at each resubmission after a return). */
  submissions: number;
  submittedBy: Actor;
  submittedAt: string;
  /** The latest review; a resubmission keeps the return it answers until the next review. */
  review?: ReportReview;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The contract's statuses a report may be filed in: signed, or after it ended for a late last report (R-CON-4). */
const REPORTING_STATUSES: readonly Contract['status'][] = ['signed', 'completed', 'terminated'];

/** The business date the contract ended on (completed or terminated), if it has. */
const endedOn = (contract: Contract): string | undefined =>
  contract.status === 'terminated'
    ? contract.termination?.at.slice(0, 10)
    : contract.status === 'completed'
      ? contract.completedAt?.slice(0, 10)
      : undefined;

/**
 * R-CON-4: a report is filed for a signed contract (or one completed or terminated, for a late last report) and for
 * a quarter that overlaps the contract's term, has started by `today` and, for an ended contract, started before it
 * ended.
 */
export function checkReportPeriod(contract: Contract, period: string, today: string): void {
  if (!REPORTING_STATUSES.includes(contract.status)) {
    throw conflict(
      `contract ${contract.id} is ${contract.status}: financial reports are filed once both sides have signed`,
      'R-CON-4',
    );
  }
  const quarter = quarterDates(period);
  if (!quarter) throw invalid('period', 'a quarter, YYYY-Qn (n 1–4)', 'R-CON-4', 'path');
  if (quarter.end < contract.term.start || quarter.start > contract.term.end) {
    throw invalid(
      'period',
      `${period} (${quarter.start} to ${quarter.end}) is outside the contract's term ${contract.term.start} to ${contract.term.end}`,
      'R-CON-4',
      'path',
    );
  }
  if (quarter.start > today) {
    throw invalid(
      'period',
      `${period} starts on ${quarter.start}, after today (${today})`,
      'R-CON-4',
      'path',
    );
  }
  const ended = endedOn(contract);
  if (ended && quarter.start > ended) {
    throw invalid(
      'period',
      `${period} starts after the contract was ${contract.status} on ${ended}`,
      'R-CON-4',
      'path',
    );
  }
}

/** R-CON-4: money lines are whole fen, zero or more (the schema says so too; the rule holds for any caller). */
export function checkReportAmounts(input: FinancialReportInput): void {
  const lines: [string, number][] = [
    ['income', input.income],
    ['expenditure.staff', input.expenditure.staff],
    ['expenditure.materials', input.expenditure.materials],
    ['expenditure.administration', input.expenditure.administration],
  ];
  for (const [field, value] of lines) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw invalid(field, `a whole number of fen, zero or more, not ${value}`, 'R-CON-4');
    }
  }
}

/** The report's total expenditure, integer fen. */
export const totalExpenditure = (report: Pick<FinancialReportInput, 'expenditure'>): number =>
  report.expenditure.staff + report.expenditure.materials + report.expenditure.administration;

/**
 * R-CON-4: the contractor submits a quarter's report, or resubmits one that was returned. A report under review or
 * accepted cannot be replaced (409): the purchaser decides on what it was sent.
 */
export function submitReport(
  existing: FinancialReport | undefined,
  contract: Contract,
  period: string,
  input: FinancialReportInput,
  ctx: { actor: Actor; at: string; today: string },
): FinancialReport {
  checkReportPeriod(contract, period, ctx.today);
  checkReportAmounts(input);
  if (existing && existing.status !== 'returned') {
    throw conflict(
      `the financial report for ${period} is ${existing.status === 'accepted' ? 'accepted' : 'under review'}: only a returned report is resubmitted`,
      'R-CON-4',
    );
  }
  return {
    contractId: contract.id,
    period,
    contractorId: contract.contractorId,
    purchaserId: contract.purchaserId,
    income: input.income,
    expenditure: { ...input.expenditure },
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    documents: input.documents.map((d) => ({ title: d.title, reference: d.reference })),
    status: 'under_review',
    submissions: (existing?.submissions ?? 0) + 1,
    submittedBy: ctx.actor,
    submittedAt: ctx.at,
    ...(existing?.review ? { review: existing.review } : {}),
    version: (existing?.version ?? 0) + 1,
    createdAt: existing?.createdAt ?? ctx.at,
    updatedAt: ctx.at,
  };
}

/**
 * R-CON-4, R-SUP-1: the purchaser accepts a report under review, or returns it with a reason (required: the
 * contractor must know what to correct).
 */
export function reviewReport(
  report: FinancialReport,
  input: { decision: 'accepted' | 'returned'; reason?: string },
  ctx: { actor: Actor; at: string },
): FinancialReport {
  if (input.decision === 'returned' && !input.reason) {
    throw invalid('reason', 'required when the report is returned: say what to correct', 'R-CON-4');
  }
  if (report.status !== 'under_review') {
    throw conflict(
      `the financial report for ${report.period} is ${report.status}: only a report under review is reviewed`,
      'R-CON-4',
    );
  }
  return {
    ...report,
    status: input.decision,
    review: {
      decision: input.decision,
      ...(input.reason ? { reason: input.reason } : {}),
      by: ctx.actor,
      at: ctx.at,
    },
    version: report.version + 1,
    updatedAt: ctx.at,
  };
}

// ---- inspections (R-SUP-1) ----

export type Severity = 'minor' | 'major';
/** awaiting_response → responded → closed, or back to awaiting_response when reopened (the response was not enough). */
export type FindingStatus = 'awaiting_response' | 'responded' | 'closed';
/** As shown: `overdue` for a finding awaiting a response past its due date (computed at read time). */
export type FindingView = 'awaiting_response' | 'overdue' | 'responded' | 'closed';

export interface FindingResponse {
  text: string;
  documents: DocumentReference[];
  by: Actor;
  at: string;
  /** Sent after the due date (Asia/Shanghai). */
  late: boolean;
}

export interface Finding {
  /** 1-based, its place in the inspection. */
  n: number;
  description: string;
  severity: Severity;
  /** The last day for the contractor's response (Asia/Shanghai). */
  responseDueBy: string;
  status: FindingStatus;
  /** Every response, oldest first (a reopened finding is answered again). */
  responses: FindingResponse[];
  /** Every reopening: why the response was not enough, and the new due date. */
  reopenings: { reason: string; responseDueBy: string; by: Actor; at: string }[];
  closed?: { note?: string; by: Actor; at: string };
}

export interface FindingInput {
  description: string;
  severity: Severity;
  responseDueBy: string;
}

export interface InspectionInput {
  /** The day of the spot check (Asia/Shanghai). */
  date: string;
  place: string;
  /** What was checked. */
  checked: string;
  findings: FindingInput[];
}

export interface Inspection {
  id: string;
  contractId: string;
  contractorId: string;
  purchaserId: string;
  date: string;
  place: string;
  checked: string;
  findings: Finding[];
  /** open while any finding is not closed; closed when all are (an inspection without findings is closed). */
  status: 'open' | 'closed';
  inspectedBy: Actor;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const MAX_FINDINGS = 50;

const statusOf = (findings: readonly Finding[]): Inspection['status'] =>
  findings.every((f) => f.status === 'closed') ? 'closed' : 'open';

/**
 * R-SUP-1: the purchaser records a spot check of a signed contract: on a day within the term and not after today,
 * each finding with a response due date on or after today (and the inspection's day).
 */
export function recordInspection(
  contract: Contract,
  input: InspectionInput,
  ctx: { id: string; actor: Actor; at: string; today: string },
): Inspection {
  if (contract.status !== 'signed') {
    throw conflict(
      `contract ${contract.id} is ${contract.status}: inspections check a signed contract in delivery`,
      'R-SUP-1',
    );
  }
  if (input.date > ctx.today) {
    throw invalid('date', `the inspection's day ${input.date} is after today (${ctx.today})`, 'R-SUP-1');
  }
  if (input.date < contract.term.start || input.date > contract.term.end) {
    throw invalid(
      'date',
      `${input.date} is outside the contract's term ${contract.term.start} to ${contract.term.end}`,
      'R-SUP-1',
    );
  }
  if (input.findings.length > MAX_FINDINGS) {
    throw invalid('findings', `at most ${MAX_FINDINGS} findings per inspection`, 'R-SUP-1');
  }
  input.findings.forEach((f, i) => {
    if (f.responseDueBy < ctx.today || f.responseDueBy < input.date) {
      throw invalid(
        `findings.${i}.responseDueBy`,
        `${f.responseDueBy} is before today (${ctx.today}) or the inspection's day`,
        'R-SUP-1',
      );
    }
  });
  const findings: Finding[] = input.findings.map((f, i) => ({
    n: i + 1,
    description: f.description,
    severity: f.severity,
    responseDueBy: f.responseDueBy,
    status: 'awaiting_response',
    responses: [],
    reopenings: [],
  }));
  return {
    id: ctx.id,
    contractId: contract.id,
    contractorId: contract.contractorId,
    purchaserId: contract.purchaserId,
    date: input.date,
    place: input.place,
    checked: input.checked,
    findings,
    status: statusOf(findings),
    inspectedBy: ctx.actor,
    version: 1,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  };
}

function findingOf(inspection: Inspection, n: number): Finding {
  const finding = inspection.findings.find((f) => f.n === n);
  if (!finding) throw new DomainError('not_found', `finding ${n} not found`);
  return finding;
}

function withFinding(inspection: Inspection, next: Finding, at: string): Inspection {
  const findings = inspection.findings.map((f) => (f.n === next.n ? next : f));
  return {
    ...inspection,
    findings,
    status: statusOf(findings),
    version: inspection.version + 1,
    updatedAt: at,
  };
}

/** R-SUP-1: the contractor answers a finding awaiting its response (also late: the lateness is recorded). */
export function respondToFinding(
  inspection: Inspection,
  n: number,
  input: { text: string; documents: DocumentReference[] },
  ctx: { actor: Actor; at: string; today: string },
): Inspection {
  const finding = findingOf(inspection, n);
  if (finding.status !== 'awaiting_response') {
    throw conflict(
      `finding ${n} is ${finding.status}: only a finding awaiting a response is answered`,
      'R-SUP-1',
    );
  }
  const response: FindingResponse = {
    text: input.text,
    documents: input.documents.map((d) => ({ title: d.title, reference: d.reference })),
    by: ctx.actor,
    at: ctx.at,
    late: ctx.today > finding.responseDueBy,
  };
  return withFinding(
    inspection,
    { ...finding, status: 'responded', responses: [...finding.responses, response] },
    ctx.at,
  );
}

/** R-SUP-1: the purchaser closes a finding the contractor has answered; never one without a response. */
export function closeFinding(
  inspection: Inspection,
  n: number,
  input: { note?: string },
  ctx: { actor: Actor; at: string },
): Inspection {
  const finding = findingOf(inspection, n);
  if (finding.status !== 'responded') {
    throw conflict(
      finding.status === 'closed'
        ? `finding ${n} is closed already`
        : `finding ${n} awaits the contractor's response: it is closed only after one`,
      'R-SUP-1',
    );
  }
  return withFinding(
    inspection,
    {
      ...finding,
      status: 'closed',
      closed: { ...(input.note ? { note: input.note } : {}), by: ctx.actor, at: ctx.at },
    },
    ctx.at,
  );
}

/**
 * R-SUP-1: the purchaser finds a response not enough and reopens the finding: with the reason and a new due date
 * (on or after today); it awaits the contractor's response again.
 */
export function reopenFinding(
  inspection: Inspection,
  n: number,
  input: { reason: string; responseDueBy: string },
  ctx: { actor: Actor; at: string; today: string },
): Inspection {
  const finding = findingOf(inspection, n);
  if (finding.status !== 'responded') {
    throw conflict(
      `finding ${n} is ${finding.status}: only a finding with a response to judge is reopened`,
      'R-SUP-1',
    );
  }
  if (input.responseDueBy < ctx.today) {
    throw invalid('responseDueBy', `${input.responseDueBy} is before today (${ctx.today})`, 'R-SUP-1');
  }
  return withFinding(
    inspection,
    {
      ...finding,
      status: 'awaiting_response',
      responseDueBy: input.responseDueBy,
      reopenings: [
        ...finding.reopenings,
        { reason: input.reason, responseDueBy: input.responseDueBy, by: ctx.actor, at: ctx.at },
      ],
    },
    ctx.at,
  );
}

/** R-SUP-1: what a finding shows today (Asia/Shanghai): `overdue` when it awaits a response past its due date. */
export const findingStatusOn = (finding: Finding, today: string): FindingView =>
  finding.status === 'awaiting_response' && today > finding.responseDueBy ? 'overdue' : finding.status;
