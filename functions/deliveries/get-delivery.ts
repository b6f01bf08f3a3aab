import { getDeliveryRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { getDelivery } from '#shared/use-cases/deliveries';
import { personalDataEnvelope } from './personal-data';
import { deliveryView } from './views';

const deps = { store, clock, open: personalDataEnvelope() };

export const handler = api(
  getDeliveryRoute,
  async ({ params, principal }) => {
    const { view, version } = await getDelivery(deps, params.id, params.deliveryId, principal);
    return ok(deliveryView(view), version);
  },
  { delegations: findDelegation },
);
