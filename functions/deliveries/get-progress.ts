import { getProgressRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { getProgress } from '#shared/use-cases/deliveries';

export const handler = api(
  getProgressRoute,
  async ({ params, principal }) => ok(await getProgress({ store, clock }, params.id, principal)),
  { delegations: findDelegation },
);
