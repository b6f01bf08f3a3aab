import { assignEvaluatorsRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { assignEvaluators } from '#shared/use-cases/scoring';
import { projectView } from '#functions/projects/views';

export const handler = api(assignEvaluatorsRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const project = await assignEvaluators({ store, clock }, params.id, body, {
    viewer: principal,
    actor,
    ifMatch,
  });
  return ok(projectView(project), project.version);
});
