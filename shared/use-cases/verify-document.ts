/**
 * After an upload: find the declared document by its object key, check the version of the object the event names,
 * and record verified or rejected with the reason (issue 11 §4: "verified" means the version that is served).
 * - The version read is the event's `version-id`, not whatever the key holds now, and the record keeps the
 *   `versionId` and the `sha256` of the bytes that were checked; downloads are presigned with that version.
 * - Another version of a verified document with other bytes (the same form posted again, or an event of an older
 *   version arriving late) marks it replaced: no longer verified. A redelivered event of the checked version, or
 *   another version with the same bytes (a retried POST), changes nothing; for a bid document, a version created at
 *   or after the deadline leaves the on-time verified one alone (`late_version`, R-PROC-1).
 * - A bid document that S3 created at or after the bid deadline is rejected as late (R-PROC-1), judged to the
 *   millisecond: an EventBridge time is cut to the second, so such a time counts as its second's last millisecond.
 * Three key forms arrive here: evidence (contractors/<id>/conditions/<n>/<docId>), a staff member's employment
 * evidence (contractors/<id>/staff/<staffId>/<docId>, issue 13 §1, R-CON-3: held on the staff record, so its verdict
 * is a new version of that record with its `staff` audit entry) and bid documents (contractors/bids/<opaque id>,
 * R-PROC-5, or the contractors/<id>/bids/<projectId>/<docId> of earlier declarations).
 */
import { createHash } from 'node:crypto';
import type { Actor } from '#shared/domain/audit-chain';
import type { BidDocumentContentType } from '#shared/domain/bid';
import { deadlinePassed, lateUpload, parseBidDocumentObjectKey } from '#shared/domain/bid';
import { isoWithOffset } from '#shared/domain/clock';
import type { EvidenceDocument } from '#shared/domain/contractor';
import { parseDocumentObjectKey } from '#shared/domain/contractor';
import type { EvidenceVerdict } from '#shared/domain/evidence-check';
import { checkEvidence } from '#shared/domain/evidence-check';
import { DomainError } from '#shared/domain/errors';
import type { BidDocument } from '#shared/domain/procurement-records';
import type { Project, TenderNotice } from '#shared/domain/project';
import type { EmploymentEvidence, StaffMember } from '#shared/domain/staff';
import { parseStaffObjectKey } from '#shared/domain/staff';
import type { RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Deps } from './ports';
import { bidDocumentChange, findBidDocumentByObjectKey } from './bids';
import { documentChange } from './contractors';
import { staffChange } from './staff';

export const VERIFIER: Actor = { sub: 'document-verifier', role: 'system' };

export type VerifyOutcome =
  | { outcome: 'unknown_key' | 'already_settled' | 'object_missing' | 'raced' }
  | { outcome: 'verified' | 'rejected' | 'replaced' | 'late_version'; documentId: string; reason?: string };

/** What an object-created event says about the upload. */
export interface UploadedObject {
  objectKey: string;
  /** The version S3 created (`detail.object.version-id`); absent where the bucket keeps no versions (s3rver). */
  versionId?: string;
  /**
   * When S3 created the object, as the event writes it: EventBridge's `time` is to the second, an S3 event
   * notification's `eventTime` to the millisecond.
   */
  createdAt: string;
}

/** One version of an object as read. */
export interface ObjectVersion {
  bytes: Uint8Array;
  versionId?: string;
}

/** The verifier reads one version of an object (shared/adapters/s3/document-storage.ts readObjectVersion). */
export interface VerifierDeps extends Deps {
  storage: {
    readObject(objectKey: string, versionId?: string): Promise<ObjectVersion | undefined>;
    /** Tags a refused version so the bucket's lifecycle expires it (shared/adapters/s3/discard-tag.ts). */
    discard(objectKey: string, versionId?: string): Promise<void>;
  };
}

/**
 * What the verifier writes on a document record beside the declaration (issue 11 §4). `sha256` is the declared
 * field: once verified it holds the hash of the checked bytes (equal to the declared one when one was declared).
 */
export interface CheckedObject {
  versionId?: string;
  sha256?: string;
}

/**
 * The reason a replaced document carries. The domain's document statuses (shared/domain/contractor.ts,
 * shared/domain/procurement-records.ts) and the response schemas know pending | verified | rejected only, so a
 * replaced document is recorded `rejected` with this reason and a `<kind>.replaced` audit action; a `replaced`
 * status needs those unions widened first.
 */
export const REPLACED_REASON =
  'replaced: another version of the file was uploaded after it was checked; declare a new document';

export async function verifyUploadedDocument(
  deps: VerifierDeps,
  upload: UploadedObject,
): Promise<VerifyOutcome> {
  if (parseBidDocumentObjectKey(upload.objectKey)) {
    // R-PROC-5: an opaque key is resolved through its lookup row (shared/use-cases/bids.ts).
    const load = async () =>
      (await findBidDocumentByObjectKey(deps, upload.objectKey)) as
        Stored<BidDocument & CheckedObject> | undefined;
    return settleUntilSteady(deps, load, upload, bidDocuments);
  }
  const staffIds = parseStaffObjectKey(upload.objectKey);
  if (staffIds) {
    const load = async (): Promise<Stored<StaffDocument> | undefined> => {
      const stored = await deps.store.get<StaffMember>(keys.staff(staffIds.contractorId, staffIds.staffId));
      const evidence = stored?.value.evidence;
      // Evidence declared again since names another key: this upload is of a document the record no longer holds.
      if (!stored || evidence?.objectKey !== upload.objectKey) return undefined;
      return {
        value: { ...evidence, version: stored.value.version, staff: stored.value },
        head: stored.head,
      };
    };
    return settleUntilSteady(deps, load, upload, staffEvidence);
  }
  const ids = parseDocumentObjectKey(upload.objectKey);
  // A primary-key read is strongly consistent, so an upload seconds after its declaration is found.
  const load = async () => {
    const stored = ids
      ? await deps.store.get<EvidenceDocument & CheckedObject>(
          keys.document(ids.contractorId, ids.documentId),
        )
      : undefined;
    return stored?.value.objectKey === upload.objectKey ? stored : undefined;
  };
  return settleUntilSteady(deps, load, upload, evidence);
}

/** How many times a document is read and settled when its writes keep meeting a newer record. */
export const SETTLE_ATTEMPTS = 3;

/**
 * Settles the document, and on a stale write (another event, maybe of another version, settled it meanwhile)
 * reads it again and settles that: the other version's outcome must still be compared with this one. `raced` only
 * when the record read again was settled on this very version; after SETTLE_ATTEMPTS stale writes it throws, so
 * the event is delivered again.
 */
async function settleUntilSteady<D extends Settleable>(
  deps: VerifierDeps,
  load: () => Promise<Stored<D> | undefined>,
  upload: UploadedObject,
  kind: Kind<D>,
): Promise<VerifyOutcome> {
  for (let attempt = 1; ; attempt++) {
    const stored = await load();
    if (!stored) return { outcome: 'unknown_key' };
    if (attempt > 1 && settledOn(stored.value, upload)) return { outcome: 'raced' };
    const outcome = await settle(deps, stored, upload, kind);
    if (outcome !== STALE) return outcome;
    if (attempt >= SETTLE_ATTEMPTS)
      throw new Error(
        `document ${stored.value.documentId} changed under ${SETTLE_ATTEMPTS} attempts to settle it`,
      );
  }
}

/** Whether a document was settled on the version the event names (a bucket without versions cannot tell). */
const settledOn = (document: Settleable, upload: UploadedObject) =>
  document.status !== 'pending' && upload.versionId !== undefined && document.versionId === upload.versionId;

const STALE = 'stale' as const;

/**
 * A staff member's employment evidence as the verifier settles it: the evidence with the staff record's version
 * (the write is conditional on it) and the record it came from, so the verdict is written back onto that record.
 */
type StaffDocument = EmploymentEvidence & CheckedObject & { version: number; staff: StaffMember };

type Settleable = (EvidenceDocument | BidDocument | StaffDocument) & CheckedObject;

/** What differs between the two kinds of document. */
interface Kind<D extends Settleable> {
  action: 'document' | 'bidDocument' | 'staff.evidence';
  change(next: D, action: string, at: string, previous: Stored<D>): RecordChange;
  /** Why the upload is refused before it is read (a late bid document), if it is. */
  refusedUnread(deps: VerifierDeps, document: D, upload: UploadedObject): Promise<string | undefined>;
  /** The upload time recorded: when S3 created it (bid documents, R-PROC-1) or when it was checked (evidence). */
  uploadedAt(upload: UploadedObject, at: string): string | undefined;
  contentType(document: D): EvidenceDocument['contentType'];
}

const evidence: Kind<EvidenceDocument & CheckedObject> = {
  action: 'document',
  change: (next, action, at, previous) => documentChange(next, action, VERIFIER, at, previous),
  refusedUnread: () => Promise.resolve(undefined),
  uploadedAt: (_upload, at) => at,
  contentType: (document) => document.contentType,
};

const staffEvidence: Kind<StaffDocument> = {
  action: 'staff.evidence',
  change: (next, action, at, previous) => {
    const { staff, version, ...evidence } = next;
    return staffChange({ ...staff, evidence, version, updatedAt: at }, action, VERIFIER, {
      value: previous.value.staff,
      head: previous.head,
    });
  },
  refusedUnread: () => Promise.resolve(undefined),
  uploadedAt: (_upload, at) => at,
  contentType: (document) => document.contentType,
};

const bidDocuments: Kind<BidDocument & CheckedObject> = {
  action: 'bidDocument',
  change: (next, action, at, previous) => bidDocumentChange(next, action, VERIFIER, at, previous),
  async refusedUnread(deps, document, upload) {
    const project = await deps.store.get<Project>(keys.project(document.projectId));
    // A bid document is declared only on a published project, which is never deleted: a broken invariant.
    const tender = project?.value.tender;
    if (!tender)
      throw new Error(
        `project ${document.projectId} of document ${document.documentId} has no published notice`,
      );
    // A late object is refused without reading it: its content does not matter.
    return lateness(tender, upload.createdAt);
  },
  uploadedAt: (upload) => {
    const created = Date.parse(upload.createdAt);
    return Number.isNaN(created) ? undefined : isoWithOffset(new Date(created));
  },
  // Declared through the same content-type enum as evidence (bid.schema.ts), so the cast only narrows.
  contentType: (document) => document.contentType as BidDocumentContentType,
};

async function settle<D extends Settleable>(
  deps: VerifierDeps,
  stored: Stored<D>,
  upload: UploadedObject,
  kind: Kind<D>,
): Promise<VerifyOutcome | typeof STALE> {
  const document = stored.value;
  if (document.status !== 'pending') {
    // R-PROC-1: a version of a verified bid document created at or after the deadline cannot undo the on-time
    // one that was checked; it is only logged (the handler logs the outcome by document id, never the key), and
    // expires.
    if (document.status === 'verified' && otherVersion(document, upload)) {
      const late = await kind.refusedUnread(deps, document, upload);
      if (late) {
        await deps.storage.discard(upload.objectKey, upload.versionId);
        return { outcome: 'late_version', documentId: document.documentId };
      }
    }
    const seen = await sameAsChecked(deps, document, upload);
    if (seen === 'missing') return { outcome: 'object_missing' };
    if (seen === 'same') {
      // Every version a rejected document's event names is refused: tagged again on a redelivered event, so a tag
      // that failed after the verdict committed is set on the retry.
      if (document.status === 'rejected') await deps.storage.discard(upload.objectKey, upload.versionId);
      return { outcome: 'already_settled' };
    }
    const at = isoWithOffset(deps.clock.now());
    const next: D = {
      ...document,
      status: 'rejected',
      reason: REPLACED_REASON,
      version: document.version + 1,
    };
    const outcome = await commit(deps, kind.change(next, `${kind.action}.replaced`, at, stored));
    if (outcome) return outcome;
    // The replacement is what expires; the checked version stays, a noncurrent version kept 15 years.
    await deps.storage.discard(upload.objectKey, upload.versionId);
    return { outcome: 'replaced', documentId: document.documentId, reason: REPLACED_REASON };
  }

  const late = await kind.refusedUnread(deps, document, upload);
  let verdict: EvidenceVerdict;
  let checked: CheckedObject = upload.versionId !== undefined ? { versionId: upload.versionId } : {};
  if (late) {
    verdict = { ok: false, reason: late };
  } else {
    const object = await deps.storage.readObject(upload.objectKey, upload.versionId);
    if (!object) return { outcome: 'object_missing' };
    verdict = checkEvidence({ ...document, contentType: kind.contentType(document) }, object.bytes);
    const versionId = object.versionId ?? upload.versionId;
    checked = {
      ...(versionId !== undefined ? { versionId } : {}),
      // The declared hash stays on a rejected document; a verified one holds the hash of what was checked.
      ...(verdict.ok ? { sha256: sha256(object.bytes) } : {}),
    };
  }
  const at = isoWithOffset(deps.clock.now());
  const uploadedAt = kind.uploadedAt(upload, at);
  const next: D = {
    ...document,
    ...checked,
    ...(verdict.ok ? { status: 'verified' } : { status: 'rejected', reason: verdict.reason }),
    ...(uploadedAt !== undefined ? { uploadedAt } : {}),
    verifiedAt: at,
    version: document.version + 1,
  };
  const outcome = await commit(deps, kind.change(next, `${kind.action}.${next.status}`, at, stored));
  if (outcome) return outcome;
  // Issue 11 §4: a refused version expires (the verdict committed first, so a failed tag is set on the retry).
  if (!verdict.ok) await deps.storage.discard(upload.objectKey, checked.versionId ?? upload.versionId);
  return verdict.ok
    ? { outcome: 'verified', documentId: document.documentId }
    : { outcome: 'rejected', documentId: document.documentId, reason: verdict.reason };
}

/**
 * Whether the upload an event tells of is the one a settled document was checked on. Only a verified document can
 * be replaced (a rejected one is never served). The same version is the same; another version (or, without versions
 * as on s3rver, the bytes under the key now) is read and its hash compared with the checked one: the same bytes
 * leave the document verified. A record verified before either was stored has only times to compare, to the second.
 */
async function sameAsChecked(
  deps: VerifierDeps,
  document: Settleable,
  upload: UploadedObject,
): Promise<'same' | 'replaced' | 'missing'> {
  if (document.status !== 'verified') return 'same';
  if (upload.versionId !== undefined && document.versionId !== undefined) {
    if (upload.versionId === document.versionId) return 'same';
    // Another version with the same bytes (a portal retrying a POST that had succeeded) serves the same file.
    if (document.sha256 === undefined) return 'replaced';
  }
  if (document.sha256 !== undefined) {
    const object = await deps.storage.readObject(upload.objectKey, upload.versionId);
    if (!object) return 'missing';
    return sha256(object.bytes) === document.sha256 ? 'same' : 'replaced';
  }
  const created = Date.parse(upload.createdAt);
  return document.uploadedAt !== undefined &&
    !Number.isNaN(created) &&
    created > Date.parse(document.uploadedAt)
    ? 'replaced'
    : 'same';
}

/** Whether the event names a version other than the checked one (both versioned). */
const otherVersion = (document: Settleable, upload: UploadedObject) =>
  upload.versionId !== undefined &&
  document.versionId !== undefined &&
  upload.versionId !== document.versionId;

/**
 * R-PROC-1 to the millisecond. A time written to the second ("…T02:00:00Z", EventBridge) says only that S3 created
 * the object within that second, so it is late if the second's last millisecond is at or after the deadline: a
 * deadline of 10:00:00.500 is missed by an object of "10:00:00" created at 10:00:00.800 (which the start of the
 * second let through). With a deadline on a whole second (the usual case) this is exactly "created at or after the
 * deadline". A time with milliseconds is taken as it is.
 */
export function lateness(tender: TenderNotice, createdAt: string): string | undefined {
  const earliest = new Date(Date.parse(createdAt));
  const late = lateUpload(tender, earliest);
  if (late) return late;
  const latest = new Date(earliest.getTime() + unreportedMilliseconds(createdAt));
  return deadlinePassed(tender, latest)
    ? `uploaded within the second from ${isoWithOffset(earliest)} (the event gives whole seconds), which reaches the bid deadline ${tender.bidDeadline}`
    : undefined;
}

/** How many milliseconds after the written time the instant may be: 999 for whole seconds, 0 for milliseconds. */
function unreportedMilliseconds(time: string): number {
  const digits = /T\d{2}:\d{2}:\d{2}(?:[.,](\d+))?/.exec(time)?.[1]?.length ?? 0;
  return digits >= 3 ? 0 : 10 ** (3 - digits) - 1;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Commits the change; STALE when another event changed the document since it was read. */
async function commit(deps: VerifierDeps, change: RecordChange): Promise<typeof STALE | undefined> {
  try {
    await deps.store.commit([change]);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'stale') return STALE;
    throw error;
  }
}
