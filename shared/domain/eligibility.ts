/**
 * R-QUAL-2 / R-QUAL-5: a contractor may bid only with all eight conditions approved, no approved
 * evidence past its validity (as of today in Asia/Shanghai), and no credit-list or annual-report flag.
 */
import type { ConditionNo, Contractor, EvidenceDocument } from './contractor';
import { CONDITIONS, CONDITION_TEXT } from './contractor';

/**
 * R-QUAL-2: what a contractor uploads as evidence of each condition (one or more documents, each a PDF, PNG, JPEG
 * or OFD file up to 20 MiB, with `validUntil` when an expiry is printed on it, R-QUAL-5). The one list: the API's
 * condition descriptions (shared/schemas/contractor.schema.ts) and the eligibility messages are built from it.
 */
export const CONDITION_EVIDENCE: Record<ConditionNo, { zh: string; en: string }> = {
  1: {
    zh: '法人登记证书（社会组织法人登记证书、事业单位法人证书或营业执照）；自然人为居民身份证',
    en: 'the certificate of legal-person registration (social organization registration certificate, public institution legal-person certificate or business licence); a natural person: the resident ID card',
  },
  2: {
    zh: '章程及内部管理、监督制度（理事会或董事会、监事会等）',
    en: 'the articles of association and the internal management and supervision rules (board, supervisors)',
  },
  3: {
    zh: '财务管理、会计核算和资产管理制度，上一年度财务报告或审计报告',
    en: 'the financial management, accounting and asset management rules, and last year’s financial or audit report',
  },
  4: {
    zh: '服务场所和设施证明、服务人员名册及职业资格证书（如社会工作者职业资格证书）',
    en: 'proof of premises and facilities, the staff list and their professional qualifications (e.g. social worker certificates)',
  },
  5: {
    zh: '近一年依法缴纳税收和社会保障资金的缴费凭证或证明',
    en: 'receipts or certificates of the taxes and social-security contributions paid over the last year',
  },
  6: {
    zh: '年检结论或年度报告公示记录，信用中国、国家企业信用信息公示系统的查询记录，无重大违法记录声明',
    en: 'the annual inspection result or published annual report, the Credit China and National Enterprise Credit Information Publicity System records, and a statement of no major violation',
  },
  7: {
    zh: '与行政机关在人员、财务、资产、机构等方面分开的书面声明',
    en: 'a written statement that staff, finances, assets and organization are separate from any government body',
  },
  8: {
    zh: '法律、法规规定或采购文件要求的其他证明材料',
    en: 'any other proof required by law or by the procurement documents of the project',
  },
};

export type ConditionStatus = 'missing' | 'pending_review' | 'approved' | 'rejected' | 'expired';

/**
 * What the latest evidence document of a condition says, for the conditions whose record alone cannot tell
 * (`undecidedEvidence`): the verifier rejects a file that is not what was declared (shared/domain/evidence-check.ts)
 * on the document record, with its reason, and no reviewer's decision follows (issue 12 §3).
 */
export type LatestEvidence = Pick<EvidenceDocument, 'documentId' | 'status' | 'reason'>;
export type LatestEvidenceByCondition = Partial<Record<ConditionNo, LatestEvidence>>;

/**
 * The documents to read to say what a contractor must do next: for each condition, the latest evidence when no
 * decision was taken on it (a verified one awaits review, a pending one its upload, a rejected one a new upload).
 */
export function undecidedEvidence(contractor: Contractor): { condition: ConditionNo; documentId: string }[] {
  return CONDITIONS.flatMap((condition) => {
    const evidence = contractor.evidence[condition];
    if (!evidence || contractor.decisions[condition]?.documentId === evidence.latestDocumentId) return [];
    return [{ condition, documentId: evidence.latestDocumentId }];
  });
}

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
    | 'evidence_rejected'
    | 'evidence_expired'
    | 'credit_list_hit'
    | 'annual_report_failed';
  condition?: ConditionNo;
  /** What to do next, and why. */
  message: string;
  /** The document the reason is about: the rejected one (`condition_rejected`, `evidence_rejected`). */
  documentId?: string;
  /** Why it was rejected, as the reviewer or the verifier recorded it. */
  rejectionReason?: string;
}

/** The latest evidence of the condition, when it is the document `latest` tells of. */
function latestOf(contractor: Contractor, condition: ConditionNo, latest?: LatestEvidenceByCondition) {
  const read = latest?.[condition];
  return read && read.documentId === contractor.evidence[condition]?.latestDocumentId ? read : undefined;
}

/**
 * A condition's state. Evidence newer than the decision awaits review (R-QUAL-5), unless `latest` says the
 * verifier rejected it: then the condition is rejected until a new upload (issue 12 §3), whatever was decided on
 * an earlier document.
 */
export function conditionStatus(
  contractor: Contractor,
  condition: ConditionNo,
  today: string,
  latest?: LatestEvidenceByCondition,
): ConditionStatus {
  const decision = contractor.decisions[condition];
  const evidence = contractor.evidence[condition];
  const undecided = evidence !== undefined && decision?.documentId !== evidence.latestDocumentId;
  const expired =
    decision?.status === 'approved' && decision.validUntil !== undefined && decision.validUntil < today;
  const status = decision ? (expired ? 'expired' : decision.status) : 'missing';
  if (status === 'approved' || !undecided) return status;
  return latestOf(contractor, condition, latest)?.status === 'rejected' ? 'rejected' : 'pending_review';
}

/** Where evidence is uploaded: a declaration answered with an upload form. */
const upload = (which: string) =>
  `upload ${which} document for this condition (POST /v1/contractors/{id}/documents)`;

/** What the contractor does next about a condition, and why (issue 12 §3). */
function conditionReason(
  contractor: Contractor,
  condition: ConditionNo,
  status: Exclude<ConditionStatus, 'approved'>,
  latest?: LatestEvidenceByCondition,
): Omit<Reason, 'condition' | 'message'> & { what: string } {
  const evidence = CONDITION_EVIDENCE[condition].en;
  const decision = contractor.decisions[condition];
  const document = latestOf(contractor, condition, latest);
  switch (status) {
    case 'missing':
      return { code: 'condition_missing', what: `no evidence uploaded; ${upload('a')}: ${evidence}` };
    case 'expired':
      return {
        code: 'evidence_expired',
        what: `approved evidence expired on ${decision?.validUntil ?? ''}; ${upload('a current')} for re-review`,
      };
    case 'rejected': {
      // The verifier's verdict on the latest file, else the reviewer's decision on the evidence it judged.
      const byVerifier = document?.status === 'rejected';
      const reason = byVerifier ? document.reason : decision?.reason;
      const documentId = byVerifier ? document.documentId : decision?.documentId;
      const why = reason ? `: ${reason}` : '';
      return {
        code: byVerifier ? 'evidence_rejected' : 'condition_rejected',
        what: byVerifier
          ? `the uploaded file was rejected${why}; upload the file again as a new document (POST /v1/contractors/{id}/documents)`
          : `evidence was rejected by the reviewer${why}; ${upload('a new')} for re-review: ${evidence}`,
        ...(documentId ? { documentId } : {}),
        ...(reason ? { rejectionReason: reason } : {}),
      };
    }
    case 'pending_review':
      return {
        code: 'condition_pending_review',
        what:
          document?.status === 'pending'
            ? 'evidence declared, its file not yet received and checked: upload it with the form the declaration returned, before it expires'
            : 'evidence awaits review; nothing to do meanwhile',
      };
  }
}

/**
 * The eight conditions, the reasons a contractor may not bid and what to do about each. `latest` holds the
 * documents `undecidedEvidence` names, as read: without it, a file the verifier rejected still reads as awaiting
 * review, as the contractor record alone cannot tell.
 */
export function evaluateEligibility(
  contractor: Contractor,
  today: string,
  latest?: LatestEvidenceByCondition,
) {
  const conditions: ConditionView[] = CONDITIONS.map((condition) => {
    const validUntil = contractor.decisions[condition]?.validUntil;
    return {
      condition,
      status: conditionStatus(contractor, condition, today, latest),
      ...(validUntil ? { validUntil } : {}),
    };
  });
  const reasons: Reason[] = [];
  for (const { condition, status } of conditions) {
    if (status === 'approved') continue;
    const { what, ...reason } = conditionReason(contractor, condition, status, latest);
    reasons.push({
      ...reason,
      condition,
      message: `condition ${condition} (${CONDITION_TEXT[condition].en}): ${what}`,
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
