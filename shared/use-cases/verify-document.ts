/**
 * After an upload: find the declared document by its object key, check the real object, and record
 * verified or rejected with the reason. Re-delivered events for a settled document change nothing.
 */
import type { Actor } from '#shared/domain/audit-chain';
import { isoWithOffset } from '#shared/domain/clock';
import type { EvidenceDocument } from '#shared/domain/contractor';
import { parseDocumentObjectKey } from '#shared/domain/contractor';
import { checkEvidence } from '#shared/domain/evidence-check';
import { DomainError } from '#shared/domain/errors';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { DocumentDeps } from './ports';
import { documentChange } from './contractors';

export const VERIFIER: Actor = { sub: 'document-verifier', role: 'system' };

export type VerifyOutcome =
  | { outcome: 'unknown_key' | 'already_settled' | 'object_missing' | 'raced' }
  | { outcome: 'verified' | 'rejected'; documentId: string; reason?: string };

export async function verifyUploadedDocument(deps: DocumentDeps, objectKey: string): Promise<VerifyOutcome> {
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
    status: verdict.ok ? 'verified' : 'rejected',
    ...(verdict.ok ? {} : { reason: verdict.reason }),
    uploadedAt: at,
    verifiedAt: at,
    version: stored.value.version + 1,
  };
  try {
    await deps.store.commit([documentChange(next, `document.${next.status}`, VERIFIER, at, stored)]);
  } catch (error) {
    // Another delivery of the same event settled it first.
    if (error instanceof DomainError && error.code === 'stale') return { outcome: 'raced' };
    throw error;
  }
  return {
    outcome: next.status as 'verified' | 'rejected',
    documentId: next.documentId,
    ...(verdict.ok ? {} : { reason: verdict.reason }),
  };
}
