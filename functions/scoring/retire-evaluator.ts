import { retireEvaluatorRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { retireEvaluator } from '#shared/use-cases/evaluator-pool';
import { poolMemberView } from './views';

export const handler = api(retireEvaluatorRoute, async ({ params, body, actor, ifMatch }) => {
  const member = await retireEvaluator({ store, clock }, params.sub, body, { actor, ifMatch });
  return ok(poolMemberView(member), member.version);
});
