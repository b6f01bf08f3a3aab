import { reopenFindingRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { reopenInspectionFinding } from '#shared/use-cases/supervision';
import { inspectionView } from './views';

export const handler = api(reopenFindingRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const inspection = await reopenInspectionFinding(
    { store, clock },
    { contractId: params.id, inspectionId: params.inspectionId, n: Number(params.n) },
    { reason: body.reason, responseDueBy: body.responseDueBy },
    { viewer: principal, actor, ifMatch },
  );
  return ok(inspectionView(inspection, businessDate(clock.now())), inspection.version);
});
