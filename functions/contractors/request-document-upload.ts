import { requestDocumentUploadRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { clock, store } from '#shared/adapters/store';
import { storage } from '#shared/adapters/storage';
import { isoWithOffset } from '#shared/domain/clock';
import type { ConditionNo } from '#shared/domain/contractor';
import { api, created, withoutForm } from '#shared/http/api-handler';
import { requestDocumentUpload } from '#shared/use-cases/contractors';
import { renewEvidenceUploadForm } from '#shared/use-cases/upload-forms';
import { documentView } from './views';

type Outcome = Awaited<ReturnType<typeof requestDocumentUpload>>;

const respond = ({ document, upload }: Outcome) =>
  created(
    {
      documentId: document.documentId,
      document: documentView(document),
      upload: { url: upload.url, fields: upload.fields, expiresAt: isoWithOffset(upload.expiresAt) },
    },
    document.version,
  );

export const handler = api(
  requestDocumentUploadRoute,
  async ({ params, body, principal, actor, remember }) => {
    const outcome = await requestDocumentUpload(
      { store, storage, clock },
      params.id,
      { ...body, condition: body.condition as ConditionNo },
      { viewer: principal, actor, remember: (o) => remember(withoutForm(respond(o))) },
    );
    return respond(outcome);
  },
  {
    idempotency,
    rateLimit: takeToken,
    delegations: findDelegation,
    replay: async (remembered, { params, principal }) =>
      respond(
        await renewEvidenceUploadForm(
          { store, storage, clock },
          params.id,
          (remembered.body as { documentId: string }).documentId,
          principal,
        ),
      ),
  },
);
