import { listBudgetLinesRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listLines } from '#shared/use-cases/budget-lines';
import { budgetLineView } from './views';

export const handler = api(listBudgetLinesRoute, async ({ query, principal }) => {
  const page = await listLines({ store, clock }, query, principal);
  return ok({
    items: page.items.map((s) => budgetLineView(s.value)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
});
