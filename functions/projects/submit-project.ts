import { submitProjectRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { submit } from '#shared/use-cases/projects';
import { projectView } from './views';

export const handler = api(submitProjectRoute, async ({ params, principal, actor, ifMatch }) => {
  const project = await submit({ store, clock }, params.id, { viewer: principal, actor, ifMatch });
  return ok(projectView(project), project.version);
});
