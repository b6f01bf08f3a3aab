import { listEvaluatorsRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listEvaluators } from '#shared/use-cases/evaluator-pool';
import { poolMemberView } from './views';

export const handler = api(listEvaluatorsRoute, async ({ query }) => {
  const page = await listEvaluators(
    { store, clock },
    {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    },
  );
  return ok({
    items: page.items.map(poolMemberView),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
});
