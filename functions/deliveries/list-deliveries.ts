import { listDeliveriesRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listDeliveries } from '#shared/use-cases/deliveries';
import { personalDataEnvelope } from './personal-data';
import { deliveryView } from './views';

const deps = { store, clock, open: personalDataEnvelope() };

export const handler = api(
  listDeliveriesRoute,
  async ({ params, query, principal }) => {
    const page = await listDeliveries(deps, params.id, principal, {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return ok({ items: page.items.map(deliveryView), ...(page.cursor ? { cursor: page.cursor } : {}) });
  },
  { delegations: findDelegation },
);
