import { getContractRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { loadContract } from '#shared/use-cases/contracts';
import { contractView } from './views';

export const handler = api(
  getContractRoute,
  async ({ params, principal }) => {
    const { value } = await loadContract({ store, clock }, params.id, principal);
    return ok(contractView(value), value.version);
  },
  { delegations: findDelegation },
);
