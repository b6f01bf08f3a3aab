import { requestBidDocumentUploadRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { clock, store } from '#shared/adapters/store';
import { storage } from '#shared/adapters/storage';
import { isoWithOffset } from '#shared/domain/clock';
import { api, created, withoutForm } from '#shared/http/api-handler';
import type { BidDocumentUpload } from '#shared/use-cases/bids';
import { requestBidDocumentUpload } from '#shared/use-cases/bids';
import { renewBidDocumentUploadForm } from '#shared/use-cases/upload-forms';
import { bidDocumentView } from './views';

const respond = ({ document, upload }: BidDocumentUpload) =>
  created(
    {
      documentId: document.documentId,
      document: bidDocumentView(document),
      upload: { url: upload.url, fields: upload.fields, expiresAt: isoWithOffset(upload.expiresAt) },
    },
    document.version,
  );

export const handler = api(
  requestBidDocumentUploadRoute,
  async ({ params, body, principal, actor, remember }) =>
    respond(
      await requestBidDocumentUpload({ store, storage, clock }, params.id, body, {
        viewer: principal,
        actor,
        remember: (outcome) => remember(withoutForm(respond(outcome))),
      }),
    ),
  {
    idempotency,
    rateLimit: takeToken,
    delegations: findDelegation,
    replay: async (remembered, { params, principal }) => {
      const { documentId, document } = remembered.body as {
        documentId: string;
        document: { contractorId: string };
      };
      return respond(
        await renewBidDocumentUploadForm(
          { store, storage, clock },
          { projectId: params.id, contractorId: document.contractorId, documentId },
          principal,
        ),
      );
    },
  },
);
