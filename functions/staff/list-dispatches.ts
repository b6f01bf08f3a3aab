import { listDispatchesRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listDispatches } from '#shared/use-cases/staff';

export const handler = api(
  listDispatchesRoute,
  async ({ params, principal }) => ok(await listDispatches({ store, clock }, params.id, principal)),
  { delegations: findDelegation },
);
