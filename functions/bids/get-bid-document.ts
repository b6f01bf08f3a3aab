import { getBidDocumentRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { storage } from '#shared/adapters/storage';
import { verifiedVersionId } from '#shared/adapters/s3/document-storage';
import { isoWithOffset } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { loadBidDocument } from '#shared/use-cases/bids';
import { bidDocumentView } from './views';

export const handler = api(
  getBidDocumentRoute,
  async ({ params, principal, now }) => {
    const { value } = await loadBidDocument(
      { store, clock },
      { projectId: params.id, contractorId: params.contractorId, documentId: params.documentId },
      principal,
    );
    // Only a verified object is offered for download (a rejected one is late or not what it claims to be), pinned to
    // the version the verifier checked.
    const link =
      value.status === 'verified'
        ? await storage.presignDownload(value.objectKey, now, verifiedVersionId(value))
        : undefined;
    return ok(
      bidDocumentView(value, link ? { url: link.url, expiresAt: isoWithOffset(link.expiresAt) } : undefined),
      value.version,
    );
  },
  { delegations: findDelegation },
);
