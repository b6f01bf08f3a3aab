/**
 * Supervision of a signed contract (issue 13 §2, shared/domain/supervision.ts; docs/supervision.md): quarterly
 * financial reports (R-CON-4) and inspections with findings tracked to closed (R-SUP-1). Request bodies are strict:
 * an unknown field is a 400 naming it.
 */
import { fen } from './budget.schema';
import {
  ActorView,
  IsoDate,
  RecordId,
  count,
  createdAt,
  instant,
  updatedAt,
  wholeNumber,
} from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/** `2026-Q2`, years 2000–2099 (the rules check it against the contract's term). */
const Period = /* @__PURE__ */ (() =>
  described(
    z.string().check(z.regex(/^20\d{2}-Q[1-4]$/, 'a calendar quarter, YYYY-Qn with n 1–4')),
    'the calendar quarter reported on, YYYY-Qn (2026-Q2 is April to June)',
  ))();

export const ReportParams = /* @__PURE__ */ (() => z.object({ id: RecordId, period: Period }))();
export const InspectionParams = /* @__PURE__ */ (() => z.object({ id: RecordId, inspectionId: RecordId }))();
/** A finding's number in its inspection, 1–50, as a path segment. */
export const FindingParams = /* @__PURE__ */ (() =>
  z.object({
    id: RecordId,
    inspectionId: RecordId,
    n: described(
      z.string().check(z.regex(/^(?:[1-9]|[1-4]\d|50)$/, "a finding's number, 1–50")),
      "the finding's number in its inspection, 1–50",
    ),
  }))();

const DocumentReference = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      title: described(trimmed(1, 200), 'what the document is, e.g. 2026年第二季度工资发放表'),
      reference: described(
        trimmed(1, 200),
        'where the purchaser finds it: the voucher number or the ledger reference in the contractor’s books',
      ),
    }),
    'DocumentReference',
    'A supporting document by reference (voucher or ledger); uploads are not part of supervision records',
  ))();

const Documents = () =>
  described(
    z.array(DocumentReference).check(z.maxLength(50)),
    'supporting documents by reference, at most 50',
  );

const Expenditure = /* @__PURE__ */ (() =>
  z.strictObject({
    staff: fen(
      'staff costs in the quarter: wages and social insurance of the staff who delivered, integer fen',
    ),
    materials: fen('materials and supplies used for the service in the quarter, integer fen'),
    administration: fen('administration costs charged to the contract in the quarter, integer fen'),
  }))();

export const SubmitFinancialReportBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      income: fen('what the contractor received for this contract in the quarter, integer fen'),
      expenditure: Expenditure,
      notes: z.optional(described(trimmed(1, 5_000), 'explanations for the purchaser')),
      documents: Documents(),
    }),
    'SubmitFinancialReport',
    "A quarter's financial report on the contract (R-CON-4). If-None-Match: * submits it, If-Match with the ETag read resubmits it after a return; a report under review or accepted is not replaced",
  ))();

export const ReviewFinancialReportBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      decision: described(z.enum(['accepted', 'returned']), 'accept the report, or return it for correction'),
      reason: z.optional(
        described(trimmed(1, 2_000), 'required when returned: what the contractor must correct'),
      ),
    }),
    'ReviewFinancialReport',
    'The purchaser accepts a financial report under review, or returns it with a reason (R-CON-4)',
  ))();

export const FinancialReport = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      contractId: z.string(),
      period: Period,
      contractorId: z.string(),
      purchaserId: z.string(),
      income: fen('received in the quarter, integer fen'),
      expenditure: Expenditure,
      totalExpenditure: fen('staff + materials + administration, integer fen'),
      notes: z.optional(z.string()),
      documents: z.array(DocumentReference),
      status: described(
        z.enum(['under_review', 'accepted', 'returned']),
        'under_review until the purchaser accepts or returns it; a returned report is resubmitted',
      ),
      submissions: described(count(), 'how many times it was submitted'),
      submittedBy: ActorView(),
      submittedAt: instant('when the report was last submitted'),
      review: z.optional(
        described(
          z.object({
            decision: z.enum(['accepted', 'returned']),
            reason: z.optional(z.string()),
            by: ActorView(),
            at: instant('when the purchaser reviewed the report'),
          }),
          'the latest review: after a resubmission, the return it answers',
        ),
      ),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'FinancialReport',
    "A contractor's quarterly financial report on a contract (R-CON-4)",
  ),
);

export const FinancialReportList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(FinancialReport()), cursor: z.optional(z.string()) }),
);

const Severity = /* @__PURE__ */ (() =>
  described(z.enum(['minor', 'major']), 'minor, or major (a breach of the service standard)'))();

export const RecordInspectionBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      date: described(IsoDate, 'the day of the spot check (Asia/Shanghai): within the term, not after today'),
      place: described(trimmed(1, 200), 'where: the service center, town, village or institution visited'),
      checked: described(trimmed(1, 2_000), 'what was checked (records, visits, staff on duty …)'),
      findings: described(
        z
          .array(
            z.strictObject({
              description: described(trimmed(1, 2_000), 'what was found'),
              severity: Severity,
              responseDueBy: described(
                IsoDate,
                "the last day for the contractor's response (Asia/Shanghai): today or later",
              ),
            }),
          )
          .check(z.maxLength(50)),
        'the findings, each awaiting the contractor’s response; none when all was in order',
      ),
    }),
    'RecordInspection',
    "A purchaser's spot check of a signed contract and its findings (R-SUP-1)",
  ))();

export const RespondToFindingBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      text: described(trimmed(1, 5_000), 'what the contractor did or will do about the finding'),
      documents: z.optional(Documents()),
    }),
    'RespondToFinding',
    "The contractor's response to a finding awaiting one (R-SUP-1); If-Match with the inspection's ETag",
  ))();

export const CloseFindingBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({ note: z.optional(described(trimmed(1, 2_000), 'why the response settles it')) }),
    'CloseFinding',
    "The purchaser closes a finding the contractor has answered (R-SUP-1); If-Match with the inspection's ETag",
  ))();

export const ReopenFindingBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      reason: described(trimmed(1, 2_000), 'why the response is not enough'),
      responseDueBy: described(
        IsoDate,
        "the new last day for the contractor's response (Asia/Shanghai): today or later",
      ),
    }),
    'ReopenFinding',
    "The purchaser finds a response not enough: the finding awaits a response again, by a new day (R-SUP-1); If-Match with the inspection's ETag",
  ))();

const FindingView = /* @__PURE__ */ deferred(() =>
  z.object({
    n: wholeNumber(1, 50),
    description: z.string(),
    severity: Severity,
    responseDueBy: IsoDate,
    status: described(
      z.enum(['awaiting_response', 'overdue', 'responded', 'closed']),
      'overdue: awaiting a response past responseDueBy (Asia/Shanghai, as of the read)',
    ),
    responses: z.array(
      z.object({
        text: z.string(),
        documents: z.array(DocumentReference),
        by: ActorView(),
        at: instant('when the contractor responded'),
        late: described(z.boolean(), 'sent after the due date'),
      }),
    ),
    reopenings: z.array(
      z.object({
        reason: z.string(),
        responseDueBy: IsoDate,
        by: ActorView(),
        at: instant('when the purchaser reopened the finding'),
      }),
    ),
    closed: z.optional(
      z.object({ note: z.optional(z.string()), by: ActorView(), at: instant('when the finding was closed') }),
    ),
  }),
);

export const Inspection = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      contractId: z.string(),
      contractorId: z.string(),
      purchaserId: z.string(),
      date: IsoDate,
      place: z.string(),
      checked: z.string(),
      findings: z.array(FindingView()),
      status: described(z.enum(['open', 'closed']), 'open while any finding is not closed'),
      overdueFindings: described(count(), 'how many findings are overdue as of the read'),
      inspectedBy: ActorView(),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'Inspection',
    "A purchaser's inspection (spot check) of a contract and its findings (R-SUP-1)",
  ),
);

export const InspectionList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(Inspection()), cursor: z.optional(z.string()) }),
);
