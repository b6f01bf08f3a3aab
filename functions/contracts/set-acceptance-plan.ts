import { setAcceptancePlanRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { setContractAcceptancePlan } from '#shared/use-cases/contracts';
import { contractView } from './views';

export const handler = api(setAcceptancePlanRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const contract = await setContractAcceptancePlan({ store, clock }, params.id, body, {
    viewer: principal,
    actor,
    ifMatch,
  });
  return ok(contractView(contract), contract.version);
});
