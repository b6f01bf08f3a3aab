import { listContractsRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listContracts } from '#shared/use-cases/contracts';
import { contractView } from './views';

export const handler = api(
  listContractsRoute,
  async ({ query, principal }) => {
    const page = await listContracts({ store, clock }, query, principal);
    return ok({
      items: page.items.map(contractView),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
  },
  { delegations: findDelegation },
);
