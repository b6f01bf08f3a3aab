import { getDocumentRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { storage } from '#shared/adapters/storage';
import { verifiedVersionId } from '#shared/adapters/s3/document-storage';
import { isoWithOffset } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { loadDocument } from '#shared/use-cases/contractors';
import { documentView } from './views';

export const handler = api(
  getDocumentRoute,
  async ({ params, principal, now }) => {
    const { value } = await loadDocument({ store, clock }, params.id, params.documentId, principal);
    // Only a verified object is offered for download: a rejected one may not be what it claims to be. The link names
    // the version the verifier checked, so a later upload to the same key is not what the reader gets (issue 11 §4).
    const link =
      value.status === 'verified'
        ? await storage.presignDownload(value.objectKey, now, verifiedVersionId(value))
        : undefined;
    return ok(
      documentView(value, link ? { url: link.url, expiresAt: isoWithOffset(link.expiresAt) } : undefined),
      value.version,
    );
  },
  { delegations: findDelegation },
);
