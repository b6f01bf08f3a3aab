/**
 * Issue 11 §5: the audit route shows each entry's record as the record's own route shows it to the same role. An
 * entry holds the whole stored record (R-SUP-2), so without this the audit route was a side door: an auditor read a
 * natural person's resident id in full there (R-QUAL-2, PIPL), and storage details (object keys, S3 versions,
 * bookkeeping) every record route keeps inside. The chain is verified on the stored entries before any view is
 * applied (shared/use-cases/audit.ts); the hashes shown are the stored ones.
 */
import type { AuditEntry } from '#shared/domain/audit-chain';
import type { Viewer } from '#shared/domain/access';
import { maskResidentId } from '#shared/domain/credit-code';
import type { BudgetLine } from '#shared/domain/budget';
import type { Contract } from '#shared/domain/contract';
import type { Contractor, EvidenceDocument } from '#shared/domain/contractor';
import type { PoolMember } from '#shared/domain/evaluator-pool';
import type { BidDocument, BidRecord, ScoreSheet } from '#shared/domain/procurement-records';
import type { ProcurementRules } from '#shared/domain/procurement-rules';
import type { Project } from '#shared/domain/project';
import type { Challenge } from '#shared/domain/standstill';
import { bidDocumentView, bidView } from '../bids/views';
import { budgetLineView } from '../budget/views';
import { challengeView } from '../challenges/views';
import { contractView } from '../contracts/views';
import { contractorUserView, contractorView, documentView } from '../contractors/views';
import type { ContractorUser } from '#shared/use-cases/contractor-users';
import type { Delegation } from '#shared/domain/delegation';
import { projectView } from '../projects/views';
import { rulesView } from '../purchasers/views';
import { financialReportView, inspectionView } from '../supervision/views';
import type { FinancialReport, Inspection } from '#shared/domain/supervision';
import { poolMemberView, scoreSheetView } from '../scoring/views';
import { dispatchView, staffView } from '../staff/views';
import { deliveryView } from '../deliveries/views';
import { milestoneView } from '../payments/views';
import type { ContractMilestone } from '#shared/domain/milestone';
import type { Payment } from '#shared/domain/payment';
import type { DeliveryView } from '#shared/use-cases/deliveries';
import type { StaffMember } from '#shared/domain/staff';
import type { Dispatch } from '#shared/domain/dispatch';
import type { Acceptance, Opinion, PanelSignature } from '#shared/domain/acceptance';
import { acceptanceView } from '#shared/domain/acceptance';

type View = (data: never, viewer: Viewer, today: string) => unknown;

/** The view of each record type's own route; a type without one (catalog items, public anyway) is shown as stored. */
export const RECORD_VIEWS: Partial<Record<string, View>> = {
  contractor: (c: Contractor, viewer, today) => contractorView(c, today, viewer),
  document: (d: EvidenceDocument) => documentView(d),
  'budget-line': (l: BudgetLine) => budgetLineView(l),
  project: (p: Project) => projectView(p),
  // The deployment's period override is a setting of now, not of the recorded rules.
  'procurement-rules': (r: ProcurementRules) => rulesView(r, undefined),
  bid: (b: BidRecord) => bidView(b),
  bidDocument: (d: BidDocument) => bidDocumentView(d),
  scoreSheet: (s: ScoreSheet) => scoreSheetView(s),
  // Issue 12 §1: a contractor user as its creation answered it (masked contacts, no seal); a delegation as stored,
  // which is what its route shows but the status it works out from today (it holds no personal data).
  delegation: (d: Delegation) => d,
  'contractor-user': (u: ContractorUser) => contractorUserView(u),
  challenge: (c: Challenge) => challengeView(c),
  contract: (c: Contract) => contractView(c),
  evaluator: (m: PoolMember) => poolMemberView(m),
  // Issue 13 §1: a staff member as its routes show others (the entry holds the resident ID's mask, never the seal).
  staff: (s: StaffMember) => staffView(s),
  // Issue 13 §1: a dispatch as its routes show it (the person's name and role, the resident ID masked).
  dispatch: (d: Dispatch) => dispatchView(d),
  // Issue 13 §2: as their routes show them (a finding's overdue as of the day the trail is read).
  'financial-report': (r: FinancialReport) => financialReportView(r),
  inspection: (i: Inspection, _viewer, today) => inspectionView(i, today),
  // Issue 13 §2: the entry holds the recipient's village and pseudonymous reference, never the seal.
  delivery: (d: DeliveryView) => deliveryView(d),
  // Issue 13 §4: a milestone as GET /v1/contracts/{id}/milestones shows it; a payment as stored (no personal data).
  milestone: (m: ContractMilestone) => milestoneView(m),
  payment: (p: Payment) => p,
  // Issue 13 §3: an acceptance as GET /v1/contracts/{id}/acceptances/{acceptanceId} shows it: the invitations'
  // village and pseudonymous reference (never a token) to the bureau only, the auditor the counts (R-ACC-2); an
  // opinion as stored (it holds no identity, R-ACC-2); a panel signature as its POST answers it.
  acceptance: (a: Acceptance, viewer) => acceptanceView(a, viewer),
  opinion: (o: Opinion) => o,
  'panel-signature': ({ acceptanceId, round, sub, verdict, reason, signedAt }: PanelSignature) => ({
    acceptanceId,
    round,
    sub,
    verdict,
    ...(reason ? { reason } : {}),
    signedAt,
  }),
};

/** What a view hides everywhere, for an entry older than its view's shape (the view could not be applied). */
const STORAGE_FIELDS = ['objectKey', 'versionId', 'unpaid'];

function fallback(data: unknown, viewer: Viewer): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const shown: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const field of STORAGE_FIELDS) delete shown[field];
  // A natural person's resident id: in full to the bureau only here (the audit route's roles are bureau and auditor).
  if (shown.kind === 'natural_person' && typeof shown.creditCode === 'string' && viewer.role !== 'bureau') {
    shown.creditCode = maskResidentId(shown.creditCode);
  }
  return shown;
}

export function auditEntryView(entry: AuditEntry, viewer: Viewer, today: string): AuditEntry {
  const view = RECORD_VIEWS[entry.recordType];
  if (!view) return entry;
  let data: unknown;
  try {
    data = view(entry.data as never, viewer, today);
  } catch {
    data = fallback(entry.data, viewer);
  }
  return { ...entry, data };
}
