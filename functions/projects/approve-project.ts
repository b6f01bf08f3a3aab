import { approveProjectRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { approve } from '#shared/use-cases/projects';
import { projectView } from './views';

export const handler = api(approveProjectRoute, async ({ params, principal, actor, ifMatch }) => {
  const project = await approve({ store, clock }, params.id, { viewer: principal, actor, ifMatch });
  return ok(projectView(project), project.version);
});
