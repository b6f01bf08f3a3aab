/** API views of supervision records (shared/domain/supervision.ts → shared/schemas/supervision.schema.ts). */
import type * as z from '#shared/schemas/zod';
import type { FinancialReport, Inspection } from '#shared/domain/supervision';
import { findingStatusOn, totalExpenditure } from '#shared/domain/supervision';
import type {
  FinancialReport as FinancialReportSchema,
  Inspection as InspectionSchema,
} from '#shared/schemas/supervision.schema';

export const financialReportView = (
  r: FinancialReport,
): z.infer<ReturnType<typeof FinancialReportSchema>> => ({
  contractId: r.contractId,
  period: r.period,
  contractorId: r.contractorId,
  purchaserId: r.purchaserId,
  income: r.income,
  expenditure: r.expenditure,
  totalExpenditure: totalExpenditure(r),
  ...(r.notes !== undefined ? { notes: r.notes } : {}),
  documents: r.documents,
  status: r.status,
  submissions: r.submissions,
  submittedBy: r.submittedBy,
  submittedAt: r.submittedAt,
  ...(r.review ? { review: r.review } : {}),
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** R-SUP-1: each finding's status as of `today` (Asia/Shanghai): `overdue` is computed here, never stored. */
export function inspectionView(i: Inspection, today: string): z.infer<ReturnType<typeof InspectionSchema>> {
  const findings = i.findings.map((f) => ({
    n: f.n,
    description: f.description,
    severity: f.severity,
    responseDueBy: f.responseDueBy,
    status: findingStatusOn(f, today),
    responses: f.responses,
    reopenings: f.reopenings,
    ...(f.closed ? { closed: f.closed } : {}),
  }));
  return {
    id: i.id,
    contractId: i.contractId,
    contractorId: i.contractorId,
    purchaserId: i.purchaserId,
    date: i.date,
    place: i.place,
    checked: i.checked,
    findings,
    status: i.status,
    overdueFindings: findings.filter((f) => f.status === 'overdue').length,
    inspectedBy: i.inspectedBy,
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}
