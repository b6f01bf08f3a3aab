import { recordMeasurementsRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { recordMeasurements } from '#shared/use-cases/acceptances';

export const handler = api(recordMeasurementsRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const acceptance = await recordMeasurements(
    { store, clock },
    { contractId: params.id, acceptanceId: params.acceptanceId },
    body.values,
    { viewer: principal, actor, ifMatch },
  );
  return ok(acceptance, acceptance.version);
});
