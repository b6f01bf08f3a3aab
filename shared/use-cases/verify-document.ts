/**
 * After an upload: find the declared document by its object key, check the real object, and record
 * verified or rejected with the reason. Re-delivered events for a settled document change nothing.
 * Two key forms arrive here: evidence (contractors/<id>/conditions/<n>/<docId>) and bid documents
 * (contractors/bids/<opaque id>, R-PROC-5, or the contractors/<id>/bids/<projectId>/<docId> of earlier
 * declarations); a bid document that S3 created at or after the bid deadline
 * is rejected as late (R-PROC-1), whenever it is verified.
 */
import type { Actor } from '#shared/domain/audit-chain';
import type { BidDocumentContentType } from '#shared/domain/bid';
import { lateUpload, parseBidDocumentObjectKey } from '#shared/domain/bid';
import { isoWithOffset } from '#shared/domain/clock';
import type { EvidenceDocument } from '#shared/domain/contractor';
import { parseDocumentObjectKey } from '#shared/domain/contractor';
import type { EvidenceVerdict } from '#shared/domain/evidence-check';
import { checkEvidence } from '#shared/domain/evidence-check';
import { DomainError } from '#shared/domain/errors';
import type { BidDocument } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import type { RecordChange } from '#shared/adapters/dynamodb/record-store';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { DocumentDeps } from './ports';
import { bidDocumentChange, findBidDocumentByObjectKey } from './bids';
import { documentChange } from './contractors';

export const VERIFIER: Actor = { sub: 'document-verifier', role: 'system' };

export type VerifyOutcome =
  | { outcome: 'unknown_key' | 'already_settled' | 'object_missing' | 'raced' }
  | { outcome: 'verified' | 'rejected'; documentId: string; reason?: string };

/**
 * `createdAt` is when S3 created the object (the event's `time`), which decides whether a bid document was
 * in time; evidence has no deadline.
 */
export async function verifyUploadedDocument(
  deps: DocumentDeps,
  objectKey: string,
  createdAt: Date,
): Promise<VerifyOutcome> {
  return parseBidDocumentObjectKey(objectKey)
    ? verifyBidDocument(deps, objectKey, createdAt)
    : verifyEvidence(deps, objectKey);
}

async function verifyEvidence(deps: DocumentDeps, objectKey: string): Promise<VerifyOutcome> {
  const ids = parseDocumentObjectKey(objectKey);
  // A primary-key read is strongly consistent, so an upload seconds after its declaration is found.
  const stored = ids
    ? await deps.store.get<EvidenceDocument>(keys.document(ids.contractorId, ids.documentId))
    : undefined;
  if (!stored || stored.value.objectKey !== objectKey) return { outcome: 'unknown_key' };
  if (stored.value.status !== 'pending') return { outcome: 'already_settled' };
  const bytes = await deps.storage.readObject(objectKey);
  if (!bytes) return { outcome: 'object_missing' };

  const verdict = checkEvidence(stored.value, bytes);
  const at = isoWithOffset(deps.clock.now());
  const next: EvidenceDocument = {
    ...stored.value,
    ...settled(verdict),
    uploadedAt: at,
    verifiedAt: at,
    version: stored.value.version + 1,
  };
  return record(
    deps,
    documentChange(next, `document.${next.status}`, VERIFIER, at, stored),
    next.documentId,
    verdict,
  );
}

async function verifyBidDocument(
  deps: DocumentDeps,
  objectKey: string,
  createdAt: Date,
): Promise<VerifyOutcome> {
  // R-PROC-5: an opaque key is resolved through its lookup row (shared/use-cases/bids.ts).
  const stored = await findBidDocumentByObjectKey(deps, objectKey);
  if (!stored) return { outcome: 'unknown_key' };
  if (stored.value.status !== 'pending') {
    // The same form posted again after the document was checked: the object the readers would get is not the
    // one verified, so the document is rejected rather than silently swapped (R-PROC-5).
    if (!replacedAfterCheck(stored.value, createdAt)) return { outcome: 'already_settled' };
    const at = isoWithOffset(deps.clock.now());
    const verdict = {
      ok: false as const,
      reason: 'the file was replaced after it was checked; declare a new document',
    };
    const next: BidDocument = {
      ...stored.value,
      ...settled(verdict),
      verifiedAt: at,
      version: stored.value.version + 1,
    };
    return record(
      deps,
      bidDocumentChange(next, 'bidDocument.rejected', VERIFIER, at, stored),
      next.documentId,
      verdict,
    );
  }
  const project = await deps.store.get<Project>(keys.project(stored.value.projectId));
  // A bid document is declared only on a published project, which is never deleted: a broken invariant.
  const tender = project?.value.tender;
  if (!tender) throw new Error(`project ${stored.value.projectId} of ${objectKey} has no published notice`);

  // A late object is refused without reading it: its content does not matter.
  const late = lateUpload(tender, createdAt);
  let verdict: EvidenceVerdict;
  if (late) {
    verdict = { ok: false, reason: late };
  } else {
    const bytes = await deps.storage.readObject(objectKey);
    if (!bytes) return { outcome: 'object_missing' };
    // Declared through the same content-type enum as evidence (bid.schema.ts), so the cast only narrows.
    verdict = checkEvidence(
      { ...stored.value, contentType: stored.value.contentType as BidDocumentContentType },
      bytes,
    );
  }
  const at = isoWithOffset(deps.clock.now());
  const next: BidDocument = {
    ...stored.value,
    ...settled(verdict),
    ...(Number.isNaN(createdAt.getTime()) ? {} : { uploadedAt: isoWithOffset(createdAt) }),
    verifiedAt: at,
    version: stored.value.version + 1,
  };
  return record(
    deps,
    bidDocumentChange(next, `bidDocument.${next.status}`, VERIFIER, at, stored),
    next.documentId,
    verdict,
  );
}

/** A creation event newer than the upload that was checked (a redelivered event is not newer). */
const replacedAfterCheck = (document: BidDocument, createdAt: Date): boolean =>
  document.status !== 'rejected' &&
  document.uploadedAt !== undefined &&
  !Number.isNaN(createdAt.getTime()) &&
  createdAt.getTime() > Date.parse(document.uploadedAt);

const settled = (verdict: EvidenceVerdict) =>
  verdict.ok ? { status: 'verified' as const } : { status: 'rejected' as const, reason: verdict.reason };

async function record(
  deps: DocumentDeps,
  change: RecordChange,
  documentId: string,
  verdict: EvidenceVerdict,
): Promise<VerifyOutcome> {
  try {
    await deps.store.commit([change]);
  } catch (error) {
    // Another delivery of the same event settled it first.
    if (error instanceof DomainError && error.code === 'stale') return { outcome: 'raced' };
    throw error;
  }
  return verdict.ok
    ? { outcome: 'verified', documentId }
    : { outcome: 'rejected', documentId, reason: verdict.reason };
}
