import { terminateContractRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { terminateContract } from '#shared/use-cases/payments';
import { contractView } from '../contracts/views';

export const handler = api(terminateContractRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const contract = await terminateContract({ store, clock }, params.id, body, {
    viewer: principal,
    actor,
    ifMatch,
  });
  return ok(contractView(contract), contract.version);
});
