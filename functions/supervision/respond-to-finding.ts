import { respondToFindingRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { respondToInspectionFinding } from '#shared/use-cases/supervision';
import { inspectionView } from './views';

export const handler = api(
  respondToFindingRoute,
  async ({ params, body, principal, actor, ifMatch }) => {
    const inspection = await respondToInspectionFinding(
      { store, clock },
      { contractId: params.id, inspectionId: params.inspectionId, n: Number(params.n) },
      { text: body.text, ...(body.documents ? { documents: body.documents } : {}) },
      { viewer: principal, actor, ifMatch },
    );
    return ok(inspectionView(inspection, businessDate(clock.now())), inspection.version);
  },
  { rateLimit: takeToken, delegations: findDelegation },
);
