import { getContractorRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { loadContractor } from '#shared/use-cases/contractors';
import { contractorView } from './views';

export const handler = api(getContractorRoute, async ({ params, principal, now }) => {
  const { value } = await loadContractor({ store, clock }, params.id, principal);
  return ok(contractorView(value, businessDate(now), principal), value.version);
});
