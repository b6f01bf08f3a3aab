/**
 * Sealed bids (R-PROC-1, R-PROC-2, R-PROC-5, R-QUAL-1, R-QUAL-2, R-FUND-2): who may bid, what a bid may ask,
 * one bid per contractor revisable until the deadline, and who may read bids when. Pure: the use cases in
 * shared/use-cases/bids.ts load and commit.
 */
import type { Viewer } from './access';
import type { Actor } from './audit-chain';
import { businessDate, isoWithOffset } from './clock';
import type { Contractor, EvidenceDocument } from './contractor';
import { evaluateEligibility } from './eligibility';
import { DomainError, notFound } from './errors';
import type { BidDocument, BidRecord } from './procurement-records';
import type { Project, TenderNotice } from './project';

export interface BidInput {
  /** Integer fen. */
  price: number;
  proposal: { summary: string };
}

/** What a bid says, the part sealed until the deadline (R-PROC-5, issue 11 §1). */
export type BidContents = Pick<BidRecord, 'price' | 'proposal'>;

/**
 * A bid without its contents: all the rules below read of an existing bid, so they apply alike to a bid whose
 * price and proposal are still sealed (shared/use-cases/bids.ts) and to an opened one.
 */
export type BidFrame = Omit<BidRecord, 'price' | 'proposal'>;

/** The same file types as evidence: the verifier checks their leading bytes (evidence-check.ts). */
export type BidDocumentContentType = EvidenceDocument['contentType'];

/** Keeps a bid item (its document list) far below DynamoDB's 400 KB item limit. */
export const MAX_BID_DOCUMENTS = 20;

const refused = (field: string, rule: string, message: string) =>
  new DomainError('refused', `${field}: ${message}`, { field, rule });

/** A project is public to bidders once its notice is published; before, it does not exist for them. */
export function publishedNotice(project: Project): TenderNotice {
  if (!project.tender || ['draft', 'submitted', 'approved'].includes(project.status)) {
    throw notFound('project');
  }
  return project.tender;
}

/** The shortest life of an upload form: its expiry is written to the second. */
export const MIN_UPLOAD_FORM_MS = 1000;

/**
 * R-PROC-1: a bid document's form expires on a whole second at or before the deadline; one that would live under a
 * second could not be used, so it is refused rather than handed out dead.
 */
export function assertFormCanLive(deadline: Date | undefined, now: Date): void {
  if (deadline && Math.floor(deadline.getTime() / 1000) * 1000 - now.getTime() < MIN_UPLOAD_FORM_MS)
    throw new DomainError('conflict', 'bidding closes within a second: too late to upload a document', {
      rule: 'R-PROC-1',
    });
}

/** True from the bid deadline on (the deadline itself is late). */
export const deadlinePassed = (tender: TenderNotice, now: Date): boolean =>
  now.getTime() >= Date.parse(tender.bidDeadline);

/**
 * R-PROC-1, R-PROC-5: bids are accepted while the project is published and before the deadline. A late bid
 * is a 409 naming the deadline; a project not yet published is not found.
 */
export function assertBiddingOpen(project: Project, now: Date): TenderNotice {
  const tender = publishedNotice(project);
  if (deadlinePassed(tender, now)) {
    throw new DomainError('conflict', `bidding closed at the deadline ${tender.bidDeadline}`, {
      rule: 'R-PROC-1',
    });
  }
  if (project.status !== 'published') {
    throw new DomainError('conflict', `a ${project.status} project accepts no bids`, { rule: 'R-PROC-1' });
  }
  return tender;
}

/**
 * Who may bid on this project today: an eligible contractor (R-QUAL-2, R-QUAL-5), invited if the tender is
 * invited (R-PROC-2), a natural person only where the project allows them (R-QUAL-1).
 */
export function assertMayBid(project: Project, contractor: Contractor, today: string): void {
  const eligibility = evaluateEligibility(contractor, today);
  if (!eligibility.eligible) {
    const reasons = eligibility.reasons.map((r) => r.message).join('; ');
    throw new DomainError('refused', `the contractor is not eligible to bid today: ${reasons}`, {
      rule: 'R-QUAL-2',
    });
  }
  if (
    project.procurementMethod === 'invited_tender' &&
    !project.invitedContractorIds.includes(contractor.id)
  ) {
    throw new DomainError('refused', 'an invited tender accepts bids from invited contractors only', {
      rule: 'R-PROC-2',
    });
  }
  if (contractor.kind === 'natural_person' && !project.allowNaturalPersons) {
    throw new DomainError('refused', 'this project does not accept bids from natural persons', {
      rule: 'R-QUAL-1',
    });
  }
}

/**
 * R-FUND-2: a price is a positive integer in fen and not above the budgeted estimate; a quotation above the
 * budget is invalid (财政部87号令 第六十三条).
 */
export function checkPrice(project: Project, price: number): void {
  if (!Number.isSafeInteger(price) || price <= 0) {
    throw new DomainError('invalid', `price: a positive integer in fen, not ${price}`, {
      field: 'price',
      rule: 'R-FUND-2',
    });
  }
  if (price > project.estimatedAmount) {
    throw refused(
      'price',
      'R-FUND-2',
      `${price} fen is above the budgeted ${project.estimatedAmount} fen; such a quotation is invalid`,
    );
  }
}

/**
 * Submits a first bid or revises the contractor's bid (the key is the natural key: one per contractor). A
 * revision keeps the id and documents, bumps `revision` and sets `revisedAt`.
 */
export function submitBid(
  existing: BidFrame | undefined,
  input: BidInput,
  ctx: { project: Project; contractor: Contractor; bidId: string; actor: Actor; now: Date },
): BidRecord {
  assertBiddingOpen(ctx.project, ctx.now);
  assertMayBid(ctx.project, ctx.contractor, businessDate(ctx.now));
  checkPrice(ctx.project, input.price);
  const at = isoWithOffset(ctx.now);
  const submission = {
    projectId: ctx.project.id,
    contractorId: ctx.contractor.id,
    contractorKind: ctx.contractor.kind,
    contractorName: ctx.contractor.name,
    nonProfit: ctx.contractor.nonProfit,
    price: input.price,
    proposal: { summary: input.proposal.summary },
  };
  if (!existing) {
    return {
      id: ctx.bidId,
      ...submission,
      documentIds: [],
      revision: 1,
      submittedAt: at,
      submittedBy: ctx.actor,
      version: 1,
    };
  }
  return {
    ...existing,
    ...submission,
    revision: existing.revision + 1,
    revisedAt: at,
    version: existing.version + 1,
  };
}

export interface BidDocumentRequest {
  fileName: string;
  contentType: BidDocumentContentType;
  size: number;
  sha256?: string;
}

/**
 * Where a bid document is stored (R-PROC-5): `contractors/bids/<objectId>`, an opaque random id, so neither the
 * bidder nor the project reaches the S3 access logs, the object-created events or any log line that carries the
 * key. The table's lookup row (shared/use-cases/bids.ts) leads from the object to its document. Under
 * `contractors/` because that is the prefix whose object-created events reach the verifier (functions/routes.ts).
 */
export const bidDocumentObjectKey = (objectId: string) => `contractors/bids/${objectId}`;

/** What an object key of a bid document names: an opaque id, or the ids of a key declared before R-PROC-5 keys. */
export type BidDocumentObjectRef =
  | { kind: 'opaque'; objectId: string }
  | { kind: 'legacy'; contractorId: string; projectId: string; documentId: string };

/** An opaque object id: 32 lower-case hex digits (128 random bits). */
const OPAQUE_ID = /^[0-9a-f]{32}$/;

export function parseBidDocumentObjectKey(objectKey: string): BidDocumentObjectRef | undefined {
  const opaque = /^contractors\/bids\/([^/]+)$/.exec(objectKey);
  if (opaque)
    return OPAQUE_ID.test(opaque[1] as string)
      ? { kind: 'opaque', objectId: opaque[1] as string }
      : undefined;
  // Keys declared before the opaque ones (their forms may still be posted until the deadline).
  const match = /^contractors\/([\w-]+)\/bids\/([\w-]+)\/([\w-]+)$/.exec(objectKey);
  return match
    ? {
        kind: 'legacy',
        contractorId: match[1] as string,
        projectId: match[2] as string,
        documentId: match[3] as string,
      }
    : undefined;
}

/** A document joins the contractor's bid while bidding is open (R-PROC-1); the upload is checked later. */
export function declareBidDocument<B extends BidFrame>(
  project: Project,
  bid: B | undefined,
  input: BidDocumentRequest,
  ctx: { documentId: string; objectId: string; now: Date },
): { document: BidDocument; bid: B } {
  assertBiddingOpen(project, ctx.now);
  if (!bid) throw new DomainError('conflict', 'submit a bid before uploading its documents');
  if (bid.documentIds.length >= MAX_BID_DOCUMENTS) {
    throw new DomainError('conflict', `a bid holds at most ${MAX_BID_DOCUMENTS} documents`);
  }
  const document: BidDocument = {
    documentId: ctx.documentId,
    projectId: project.id,
    contractorId: bid.contractorId,
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    ...(input.sha256 !== undefined ? { sha256: input.sha256 } : {}),
    objectKey: bidDocumentObjectKey(ctx.objectId),
    status: 'pending',
    requestedAt: isoWithOffset(ctx.now),
    version: 1,
  };
  return {
    document,
    bid: { ...bid, documentIds: [...bid.documentIds, ctx.documentId], version: bid.version + 1 },
  };
}

/**
 * The verifier's verdict on timing: an object S3 created at or after the deadline is late, however soon it is
 * verified (R-PROC-1). `createdAt` is the S3 event's time.
 */
export function lateUpload(tender: TenderNotice, createdAt: Date): string | undefined {
  // Without a creation time nobody can show the object was in time.
  if (Number.isNaN(createdAt.getTime())) return 'the upload has no valid creation time';
  return deadlinePassed(tender, createdAt)
    ? `uploaded at ${isoWithOffset(createdAt)}, at or after the bid deadline ${tender.bidDeadline}`
    : undefined;
}

/**
 * Sealing (R-PROC-5): what a viewer may read of a project's bids at `now`.
 * - `own`: a contractor reads its own bid at any time, and nobody else's;
 * - `all`: after the deadline, the bureau, auditors, the project's own town and its assigned evaluators;
 * - `sealed`: those same readers before the deadline (nothing, not even a count);
 * - `none`: anyone else, answered as "not found".
 */
export type BidAccess =
  | { kind: 'own'; contractorId: string }
  | { kind: 'all' }
  | { kind: 'sealed'; until?: string }
  | { kind: 'none' };

/** Who reads every bid of the project once the deadline has passed. */
function readsBids(viewer: Viewer, project: Project): boolean {
  switch (viewer.role) {
    case 'bureau':
    case 'auditor':
      return true;
    case 'town':
      return viewer.purchaserId === project.purchaserId;
    case 'evaluator':
      return (project.evaluatorIds ?? []).includes(viewer.sub);
    default:
      return false;
  }
}

export function bidAccess(viewer: Viewer, project: Project, now: Date): BidAccess {
  if (viewer.role === 'contractor') {
    return viewer.contractorId ? { kind: 'own', contractorId: viewer.contractorId } : { kind: 'none' };
  }
  if (!readsBids(viewer, project)) return { kind: 'none' };
  if (!project.tender) return { kind: 'sealed' };
  return deadlinePassed(project.tender, now)
    ? { kind: 'all' }
    : { kind: 'sealed', until: project.tender.bidDeadline };
}

/** The 409 a reader gets while bids are sealed: the deadline, no count, no content. */
export const sealedError = (access: { until?: string }) =>
  new DomainError(
    'conflict',
    access.until
      ? `bids are sealed until ${access.until}`
      : 'bids are sealed until the notice is published and its deadline passes',
    { rule: 'R-PROC-5' },
  );

/**
 * The project-level half of the compliance review (R-PROC-3): bidding closed, the deadline passed, no sheet of
 * the round in. It names no bid, so the use case checks it before it looks the bid up or compares its version:
 * a sealed project then answers alike for a contractor that bid and one that did not (R-PROC-5).
 */
export function assertUnderComplianceReview(project: Project, now: Date, scoringStarted: boolean): void {
  if (project.status !== 'bidding_closed' || !project.tender || !deadlinePassed(project.tender, now)) {
    throw new DomainError('conflict', `a ${project.status} project is not under compliance review`, {
      rule: 'R-PROC-3',
    });
  }
  if (scoringStarted) {
    throw new DomainError('conflict', 'scoring of this round has begun; the compliance review is over', {
      rule: 'R-PROC-3',
    });
  }
}

/**
 * Compliance review (符合性审查, R-PROC-3): after the deadline, while bidding is closed and before anyone has
 * scored this round, the bureau disqualifies a bid with a reason; it is then neither scored nor the price
 * baseline.
 */
export function disqualifyBid<B extends BidFrame>(
  project: Project,
  bid: B,
  input: { reason: string },
  ctx: { actor: Actor; now: Date; scoringStarted: boolean },
): B {
  assertUnderComplianceReview(project, ctx.now, ctx.scoringStarted);
  if (bid.disqualified) {
    throw new DomainError('conflict', `the bid was disqualified already: ${bid.disqualified.reason}`);
  }
  return {
    ...bid,
    disqualified: { reason: input.reason, by: ctx.actor, at: isoWithOffset(ctx.now) },
    version: bid.version + 1,
  };
}
