/**
 * R-QUAL-2 / R-QUAL-5: a contractor may bid only with all eight conditions approved, no approved
 * evidence past its validity (as of today in Asia/Shanghai), and no credit-list or annual-report flag.
 */
import type { ConditionNo, Contractor } from './contractor';
import { CONDITIONS, CONDITION_TEXT } from './contractor';

export type ConditionStatus = 'missing' | 'pending_review' | 'approved' | 'rejected' | 'expired';

export interface ConditionView {
  condition: ConditionNo;
  status: ConditionStatus;
  validUntil?: string;
}

export interface Reason {
  code:
    | 'condition_missing'
    | 'condition_pending_review'
    | 'condition_rejected'
    | 'evidence_expired'
    | 'credit_list_hit'
    | 'annual_report_failed';
  condition?: ConditionNo;
  message: string;
}

export function conditionStatus(
  contractor: Contractor,
  condition: ConditionNo,
  today: string,
): ConditionStatus {
  const decision = contractor.decisions[condition];
  const evidence = contractor.evidence[condition];
  if (!decision) return evidence ? 'pending_review' : 'missing';
  const expired =
    decision.status === 'approved' && decision.validUntil !== undefined && decision.validUntil < today;
  const status = expired ? 'expired' : decision.status;
  // A rejected or lapsed condition with newer evidence uploaded awaits re-review (R-QUAL-5).
  if (status !== 'approved' && evidence && evidence.latestDocumentId !== decision.documentId)
    return 'pending_review';
  return status;
}

const REASON_FOR: Record<Exclude<ConditionStatus, 'approved'>, Reason['code']> = {
  missing: 'condition_missing',
  pending_review: 'condition_pending_review',
  rejected: 'condition_rejected',
  expired: 'evidence_expired',
};

const MESSAGE_FOR: Record<Exclude<ConditionStatus, 'approved'>, string> = {
  missing: 'no evidence uploaded',
  pending_review: 'evidence awaits review',
  rejected: 'evidence was rejected',
  expired: 'approved evidence has expired; upload a current document for re-review',
};

export function evaluateEligibility(contractor: Contractor, today: string) {
  const conditions: ConditionView[] = CONDITIONS.map((condition) => {
    const validUntil = contractor.decisions[condition]?.validUntil;
    return {
      condition,
      status: conditionStatus(contractor, condition, today),
      ...(validUntil ? { validUntil } : {}),
    };
  });
  const reasons: Reason[] = [];
  for (const { condition, status } of conditions) {
    if (status === 'approved') continue;
    reasons.push({
      code: REASON_FOR[status],
      condition,
      message: `condition ${condition} (${CONDITION_TEXT[condition].en}): ${MESSAGE_FOR[status]}`,
    });
  }
  if (contractor.flags.creditListHit) {
    reasons.push({
      code: 'credit_list_hit',
      message: 'on the abnormal-operations or seriously-illegal list; suspended until re-reviewed',
    });
  }
  if (contractor.flags.annualReportFailed) {
    reasons.push({
      code: 'annual_report_failed',
      message: 'failed annual inspection or report; suspended until re-reviewed',
    });
  }
  return { contractorId: contractor.id, eligible: reasons.length === 0, asOf: today, conditions, reasons };
}
