import { updateProjectRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { updateProject } from '#shared/use-cases/projects';
import { projectView } from './views';

export const handler = api(updateProjectRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const project = await updateProject({ store, clock }, params.id, body, {
    viewer: principal,
    actor,
    ifMatch,
  });
  return ok(projectView(project), project.version);
});
