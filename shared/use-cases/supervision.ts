/**
 * Supervision of a signed contract (issue 13 §2): quarterly financial reports (R-CON-4) and inspections whose
 * findings are tracked to closed (R-SUP-1). Load → the domain's rule (shared/domain/supervision.ts) → one transaction
 * with the record's audit entry (R-SUP-2): `AUDIT#financial-report#<contractId>.<period>` and
 * `AUDIT#inspection#<inspectionId>`. Both live in the contract's `SUPERVISION#<contractId>` partition.
 *
 * Who: the contract's contractor (or a portal acting for it with the `deliveries` scope) submits reports and answers
 * findings; the purchaser's side (the bureau, or the town that is the contract's purchaser, R-BUY-1) reviews reports
 * and records, closes and reopens inspections; finance and the auditor read. Anyone else is told "not found".
 */
import type { Viewer } from '#shared/domain/access';
import { inPurchaserScope } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import { businessDate, isoWithOffset } from '#shared/domain/clock';
import type {
  DocumentReference,
  FinancialReport,
  FinancialReportInput,
  Inspection,
  InspectionInput,
} from '#shared/domain/supervision';
import {
  closeFinding,
  recordInspection,
  reopenFinding,
  respondToFinding,
  reviewReport,
  submitReport,
} from '#shared/domain/supervision';
import { notFound } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { previousOf } from '#shared/adapters/dynamodb/record-store';
import type { Page, Stored } from '#shared/adapters/dynamodb/records';
import { loadContract } from './contracts';
import { assertCreateOrReplace, assertVersion, lostRace } from './if-match';
import type { Deps } from './ports';

export const FINANCIAL_REPORT_RECORD_TYPE = 'financial-report';
export const INSPECTION_RECORD_TYPE = 'inspection';
/** A financial report's audit record id: the contract id (no `.` in it) and the quarter, joined by `.`. */
export const financialReportRecordId = (contractId: string, period: string) => `${contractId}.${period}`;

/**
 * Writers of one record that read the same version race; DynamoDB may cancel the losers for the conflict itself
 * (TransactionConflict) rather than the version condition. Resent, each loser meets the condition and is a 412.
 */
const RACE_RETRIES = 5;

type Owned = Pick<Inspection, 'contractorId' | 'purchaserId'>;

/** The contractor itself, and staff within their purchaser scope (R-BUY-1), as for the contract itself. */
const canSee = (viewer: Viewer, record: Owned): boolean =>
  viewer.role === 'contractor'
    ? viewer.contractorId === record.contractorId
    : inPurchaserScope(viewer, record.purchaserId);

/** The purchaser's side of the contract: the bureau, or the town that bought it (R-BUY-1). */
const isPurchaserSide = (viewer: Viewer, record: Owned): boolean =>
  (viewer.role === 'bureau' || viewer.role === 'town') && inPurchaserScope(viewer, record.purchaserId);

const isContractor = (viewer: Viewer, record: Owned): boolean =>
  viewer.role === 'contractor' && viewer.contractorId === record.contractorId;

const reportChange = (
  next: FinancialReport,
  action: string,
  actor: Actor,
  previous: Stored<FinancialReport> | undefined,
): RecordChange => ({
  recordType: FINANCIAL_REPORT_RECORD_TYPE,
  recordId: financialReportRecordId(next.contractId, next.period),
  key: keys.financialReport(next.contractId, next.period),
  value: next,
  ...previousOf(previous),
  actor,
  action,
  at: next.updatedAt,
});

const inspectionChange = (
  next: Inspection,
  action: string,
  actor: Actor,
  previous: Stored<Inspection> | undefined,
): RecordChange => ({
  recordType: INSPECTION_RECORD_TYPE,
  recordId: next.id,
  key: keys.inspection(next.contractId, next.id),
  value: next,
  ...previousOf(previous),
  actor,
  action,
  at: next.updatedAt,
});

const REPORT = 'the financial report for this quarter';
const INSPECTION = 'the inspection';

const times = (deps: Deps) => {
  const now = deps.clock.now();
  return { at: isoWithOffset(now), today: businessDate(now) };
};

// ---- financial reports (R-CON-4) ----

/**
 * R-CON-4: the contract's contractor submits a quarter's report (If-None-Match: *, `ifMatch` null) or resubmits a
 * returned one (If-Match). The contract is read for who may and for its state and term; another contractor's
 * contract is "not found".
 */
export async function submitFinancialReport(
  deps: Deps,
  ids: { contractId: string; period: string },
  input: FinancialReportInput,
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number | null },
): Promise<{ report: FinancialReport; created: boolean }> {
  const contract = (await loadContract(deps, ids.contractId, ctx.viewer)).value;
  if (!isContractor(ctx.viewer, contract)) throw notFound('contract');
  const stored = await deps.store.get<FinancialReport>(keys.financialReport(ids.contractId, ids.period));
  const { at, today } = times(deps);
  const report = submitReport(stored?.value, contract, ids.period, input, { actor: ctx.actor, at, today });
  assertCreateOrReplace(stored?.value, ctx.ifMatch, REPORT);
  await deps.store
    .commit(
      [
        reportChange(
          report,
          stored ? 'financial-report.resubmitted' : 'financial-report.submitted',
          ctx.actor,
          stored,
        ),
      ],
      [],
      { conflictRetries: RACE_RETRIES },
    )
    .catch((error: unknown) => {
      throw lostRace(error, REPORT);
    });
  return { report, created: !stored };
}

/** R-CON-4: the purchaser's side accepts a report under review or returns it with a reason (If-Match). */
export async function reviewFinancialReport(
  deps: Deps,
  ids: { contractId: string; period: string },
  input: { decision: 'accepted' | 'returned'; reason?: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<FinancialReport> {
  const stored = await deps.store.get<FinancialReport>(keys.financialReport(ids.contractId, ids.period));
  if (!stored || !isPurchaserSide(ctx.viewer, stored.value)) throw notFound('financial report');
  // If-Match first (if-match.ts): of two reviews from one read, the second is told to read again, not 409.
  assertVersion(stored.value, ctx.ifMatch);
  const { at } = times(deps);
  const next = reviewReport(stored.value, input, { actor: ctx.actor, at });
  await deps.store
    .commit([reportChange(next, `financial-report.${input.decision}`, ctx.actor, stored)], [], {
      conflictRetries: RACE_RETRIES,
    })
    .catch((error: unknown) => {
      throw lostRace(error, REPORT);
    });
  return next;
}

/** The contract's financial reports, oldest quarter first: its contractor, staff in scope, finance, the auditor. */
export async function listFinancialReports(
  deps: Deps,
  contractId: string,
  viewer: Viewer,
  page: { limit: number; cursor?: string },
): Promise<Page<FinancialReport>> {
  await loadContract(deps, contractId, viewer);
  const found = await deps.store.queryPartition<FinancialReport>(keys.supervisionPartition(contractId), {
    limit: page.limit,
    sortKeyPrefix: 'REPORT#',
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return { items: found.items.map((r) => r.value), ...(found.cursor ? { cursor: found.cursor } : {}) };
}

// ---- inspections (R-SUP-1) ----

/** R-SUP-1: the purchaser's side records a spot check of a signed contract with its findings. */
export async function recordContractInspection(
  deps: Deps,
  contractId: string,
  input: InspectionInput,
  ctx: { viewer: Viewer; actor: Actor; remember: (inspection: Inspection) => ExtraWrite[] },
): Promise<Inspection> {
  const contract = (await loadContract(deps, contractId, ctx.viewer)).value;
  if (!isPurchaserSide(ctx.viewer, contract)) throw notFound('contract');
  const now = deps.clock.now();
  const inspection = recordInspection(contract, input, {
    id: newId('ins', now),
    actor: ctx.actor,
    at: isoWithOffset(now),
    today: businessDate(now),
  });
  await deps.store.commit(
    [inspectionChange(inspection, 'inspection.recorded', ctx.actor, undefined)],
    ctx.remember(inspection),
  );
  return inspection;
}

async function loadInspection(
  deps: Deps,
  ids: { contractId: string; inspectionId: string },
  viewer: Viewer,
): Promise<Stored<Inspection>> {
  const stored = await deps.store.get<Inspection>(keys.inspection(ids.contractId, ids.inspectionId));
  if (!stored || !canSee(viewer, stored.value)) throw notFound('inspection');
  return stored;
}

/** One inspection: its contractor, staff in scope, finance, the auditor. */
export async function getInspection(
  deps: Deps,
  ids: { contractId: string; inspectionId: string },
  viewer: Viewer,
): Promise<Inspection> {
  return (await loadInspection(deps, ids, viewer)).value;
}

/** The contract's inspections, oldest first (ids are time-ordered). */
export async function listInspections(
  deps: Deps,
  contractId: string,
  viewer: Viewer,
  page: { limit: number; cursor?: string },
): Promise<Page<Inspection>> {
  await loadContract(deps, contractId, viewer);
  const found = await deps.store.queryPartition<Inspection>(keys.supervisionPartition(contractId), {
    limit: page.limit,
    sortKeyPrefix: 'INSPECTION#',
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return { items: found.items.map((i) => i.value), ...(found.cursor ? { cursor: found.cursor } : {}) };
}

type FindingIds = { contractId: string; inspectionId: string; n: number };

/** A change to one finding: who may is checked before the version, so nobody learns a version they may not write. */
async function changeFinding(
  deps: Deps,
  ids: FindingIds,
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
  who: (viewer: Viewer, record: Owned) => boolean,
  change: (inspection: Inspection, at: string, today: string) => Inspection,
  action: string,
): Promise<Inspection> {
  const stored = await loadInspection(deps, ids, ctx.viewer);
  if (!who(ctx.viewer, stored.value)) throw notFound('inspection');
  // If-Match before the finding's rules (if-match.ts): of simultaneous writers from one read, the ones that lose
  // are told to read again (412), whether or not the winner's change would also refuse theirs.
  assertVersion(stored.value, ctx.ifMatch);
  const { at, today } = times(deps);
  const next = change(stored.value, at, today);
  // Of simultaneous changes from one read exactly one lands (the version condition); the others are 412.
  await deps.store
    .commit([inspectionChange(next, action, ctx.actor, stored)], [], { conflictRetries: RACE_RETRIES })
    .catch((error: unknown) => {
      throw lostRace(error, INSPECTION);
    });
  return next;
}

/** R-SUP-1: the contract's contractor answers a finding (If-Match on the inspection). */
export const respondToInspectionFinding = (
  deps: Deps,
  ids: FindingIds,
  input: { text: string; documents?: DocumentReference[] },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
) =>
  changeFinding(
    deps,
    ids,
    ctx,
    isContractor,
    (inspection, at, today) =>
      respondToFinding(
        inspection,
        ids.n,
        { text: input.text, documents: input.documents ?? [] },
        { actor: ctx.actor, at, today },
      ),
    'inspection.finding-responded',
  );

/** R-SUP-1: the purchaser's side closes an answered finding (If-Match on the inspection). */
export const closeInspectionFinding = (
  deps: Deps,
  ids: FindingIds,
  input: { note?: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
) =>
  changeFinding(
    deps,
    ids,
    ctx,
    isPurchaserSide,
    (inspection, at) => closeFinding(inspection, ids.n, input, { actor: ctx.actor, at }),
    'inspection.finding-closed',
  );

/** R-SUP-1: the purchaser's side reopens an answered finding with a reason and a new due date (If-Match). */
export const reopenInspectionFinding = (
  deps: Deps,
  ids: FindingIds,
  input: { reason: string; responseDueBy: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
) =>
  changeFinding(
    deps,
    ids,
    ctx,
    isPurchaserSide,
    (inspection, at, today) => reopenFinding(inspection, ids.n, input, { actor: ctx.actor, at, today }),
    'inspection.finding-reopened',
  );
