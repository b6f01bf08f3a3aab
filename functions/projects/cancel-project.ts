import { cancelProjectRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { callbackDeps } from '#shared/adapters/workflow';
import { api, ok } from '#shared/http/api-handler';
import { cancel } from '#shared/use-cases/projects';
import { projectView } from './views';

export const handler = api(cancelProjectRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const project = await cancel({ store, clock, ...callbackDeps }, params.id, body, {
    viewer: principal,
    actor,
    ifMatch,
  });
  return ok(projectView(project), project.version);
});
