import { requestStaffEvidenceUploadRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { clock, store } from '#shared/adapters/store';
import { storage } from '#shared/adapters/storage';
import { isoWithOffset } from '#shared/domain/clock';
import { api, created, withoutForm } from '#shared/http/api-handler';
import { renewStaffEvidenceForm, requestStaffEvidenceUpload } from '#shared/use-cases/staff';
import { staffPersonalDataEnvelope } from './personal-data';
import { staffView } from './views';

const deps = { store, storage, clock, open: staffPersonalDataEnvelope() };

type Outcome = Awaited<ReturnType<typeof requestStaffEvidenceUpload>>;

const respond = ({ staff, upload }: Outcome) =>
  created(
    {
      documentId: staff.evidence?.documentId,
      staff: staffView(staff),
      upload: { url: upload.url, fields: upload.fields, expiresAt: isoWithOffset(upload.expiresAt) },
    },
    staff.version,
  );

export const handler = api(
  requestStaffEvidenceUploadRoute,
  async ({ params, body, principal, actor, remember }) => {
    const outcome = await requestStaffEvidenceUpload(
      deps,
      { contractorId: params.id, staffId: params.staffId },
      {
        kind: body.kind,
        fileName: body.fileName,
        contentType: body.contentType,
        size: body.size,
        ...(body.sha256 !== undefined ? { sha256: body.sha256 } : {}),
      },
      // A presigned POST is a credential: the idempotency record keeps the answer without it (issue 11 §4).
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
        await renewStaffEvidenceForm(
          deps,
          { contractorId: params.id, staffId: params.staffId },
          (remembered.body as { documentId: string }).documentId,
          principal,
        ),
      ),
  },
);
