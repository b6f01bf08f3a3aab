import { drawPanelRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { drawEvaluators } from '#shared/use-cases/scoring';
import { projectView } from '#functions/projects/views';

export const handler = api(drawPanelRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const project = await drawEvaluators({ store, clock }, params.id, body, {
    viewer: principal,
    actor,
    ifMatch,
  });
  return ok(projectView(project), project.version);
});
