import { recordDrawRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { callbackDeps } from '#shared/adapters/workflow';
import { api, ok } from '#shared/http/api-handler';
import { holdDraw } from '#shared/use-cases/scoring';
import { projectView } from '#functions/projects/views';

export const handler = api(recordDrawRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const project = await holdDraw({ store, clock, ...callbackDeps }, params.id, body, {
    viewer: principal,
    actor,
    ifMatch,
  });
  return ok(projectView(project), project.version);
});
