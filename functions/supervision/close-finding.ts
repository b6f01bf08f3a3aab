import { closeFindingRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { closeInspectionFinding } from '#shared/use-cases/supervision';
import { inspectionView } from './views';

export const handler = api(closeFindingRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const inspection = await closeInspectionFinding(
    { store, clock },
    { contractId: params.id, inspectionId: params.inspectionId, n: Number(params.n) },
    body.note !== undefined ? { note: body.note } : {},
    { viewer: principal, actor, ifMatch },
  );
  return ok(inspectionView(inspection, businessDate(clock.now())), inspection.version);
});
