import { getBudgetLineRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { loadLine } from '#shared/use-cases/budget-lines';
import { budgetLineView } from './views';

export const handler = api(getBudgetLineRoute, async ({ params, principal }) => {
  const { value } = await loadLine({ store, clock }, params.id, principal);
  return ok(budgetLineView(value), value.version);
});
