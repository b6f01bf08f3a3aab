import { getInspectionRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { getInspection } from '#shared/use-cases/supervision';
import { inspectionView } from './views';

export const handler = api(
  getInspectionRoute,
  async ({ params, principal }) => {
    const inspection = await getInspection(
      { store, clock },
      { contractId: params.id, inspectionId: params.inspectionId },
      principal,
    );
    return ok(inspectionView(inspection, businessDate(clock.now())), inspection.version);
  },
  { delegations: findDelegation },
);
