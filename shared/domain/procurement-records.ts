/**
 * The records of one procurement besides the project itself: bids, bid documents and the evaluators' score
 * sheets. Shapes only; the rules live in bid.ts (bids), evaluation.ts (scores and ranking) and standstill.ts
 * (challenges, whose record is `Challenge` there).
 */
import type { Actor } from './audit-chain';
import type { Contractor } from './contractor';
import type { EvaluatorScore } from './evaluation';

/** A sealed bid (R-PROC-1): one per contractor and project, revisable until the deadline. */
export interface BidRecord {
  /** Stable across revisions: assigned at the first submission. */
  id: string;
  projectId: string;
  contractorId: string;
  /** Copied at submission, for ranking (R-QUAL-4) and the award notice. */
  contractorKind: Contractor['kind'];
  contractorName: string;
  nonProfit: boolean;
  /** Integer fen. */
  price: number;
  proposal: { summary: string };
  /** Document ids of this bid (their items are BidDocument). */
  documentIds: string[];
  /** 1 at submission, +1 per revision. */
  revision: number;
  submittedAt: string;
  revisedAt?: string;
  submittedBy: Actor;
  /** Set by the compliance review (符合性审查); a disqualified bid is neither scored nor a price baseline. */
  disqualified?: { reason: string; by: Actor; at: string };
  version: number;
}

export type BidDocumentStatus = 'pending' | 'verified' | 'rejected';

/** A document of a bid (technical proposal, quotation sheet…), uploaded through a presigned POST. */
export interface BidDocument {
  documentId: string;
  projectId: string;
  contractorId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256?: string;
  /** The S3 version the verifier read and checked; downloads are pinned to it (issue 11 §4). */
  versionId?: string;
  /** contractors/bids/<objectId>, opaque (R-PROC-5); declared before it: contractors/<contractorId>/bids/<projectId>/<documentId> */
  objectKey: string;
  status: BidDocumentStatus;
  reason?: string;
  requestedAt: string;
  uploadedAt?: string;
  verifiedAt?: string;
  version: number;
}

/** One evaluator's scores for one round of one project (R-PROC-3): every valid bid on every scored criterion. */
export interface ScoreSheet {
  projectId: string;
  round: number;
  evaluatorId: string;
  scores: Omit<EvaluatorScore, 'evaluatorId'>[];
  submittedAt: string;
  version: number;
}
