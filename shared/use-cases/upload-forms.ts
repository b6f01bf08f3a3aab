/**
 * Upload forms handed out again (issue 11 §4). A presigned POST is a credential to write an object for five
 * minutes, so an idempotency record never keeps one: the declaring routes remember their answer without the form,
 * and a retry with the same Idempotency-Key gets a fresh form for the same declared document, with the same
 * constraints (key, content type, size), only while that document still waits for its file and, for a bid
 * document, while bidding is open. Nothing is written: the declaration committed with the first request.
 */
import type { Viewer } from '#shared/domain/access';
import { assertBiddingOpen, assertFormCanLive } from '#shared/domain/bid';
import type { EvidenceDocument } from '#shared/domain/contractor';
import { DomainError, notFound } from '#shared/domain/errors';
import type { BidDocument } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { DocumentDeps } from './ports';
import { loadBidDocument } from './bids';
import { loadDocument } from './contractors';

type PresignedUpload = Awaited<ReturnType<DocumentDeps['storage']['presignUpload']>>;

/** A form is handed out again only for a document whose file has not arrived. */
function assertAwaitingFile(document: { documentId: string; status: string }): void {
  if (document.status !== 'pending')
    throw new DomainError(
      'conflict',
      `document ${document.documentId} is ${document.status}: its file arrived, so no new upload form is given for it; read the document, or declare a new one`,
    );
}

export async function renewEvidenceUploadForm(
  deps: DocumentDeps,
  contractorId: string,
  documentId: string,
  viewer: Viewer,
): Promise<{ document: EvidenceDocument; upload: PresignedUpload }> {
  const { value: document } = await loadDocument(deps, contractorId, documentId, viewer);
  assertAwaitingFile(document);
  const upload = await deps.storage.presignUpload(
    document.objectKey,
    document.contentType,
    document.size,
    deps.clock.now(),
    undefined,
    { fileName: document.fileName },
  );
  return { document, upload };
}

export async function renewBidDocumentUploadForm(
  deps: DocumentDeps,
  params: { projectId: string; contractorId: string; documentId: string },
  viewer: Viewer,
): Promise<{ document: BidDocument; upload: PresignedUpload }> {
  const { value: document } = await loadBidDocument(deps, params, viewer);
  assertAwaitingFile(document);
  const project = (await deps.store.get<Project>(keys.project(params.projectId)))?.value;
  if (!project) throw notFound('project');
  const now = deps.clock.now();
  const tender = assertBiddingOpen(project, now);
  const deadline = new Date(tender.bidDeadline);
  assertFormCanLive(deadline, now);
  const upload = await deps.storage.presignUpload(
    document.objectKey,
    document.contentType,
    document.size,
    now,
    deadline,
    { fileName: document.fileName },
  );
  return { document, upload };
}
