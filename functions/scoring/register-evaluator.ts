import { registerEvaluatorRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, created, ok } from '#shared/http/api-handler';
import { registerEvaluator } from '#shared/use-cases/evaluator-pool';
import { poolMemberView } from './views';

export const handler = api(registerEvaluatorRoute, async ({ params, body, actor, ifMatch }) => {
  const { member, created: first } = await registerEvaluator({ store, clock }, params.sub, body, {
    actor,
    ifMatch,
  });
  return (first ? created : ok)(poolMemberView(member), member.version);
});
