import { getProjectRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { loadProject } from '#shared/use-cases/projects';
import { projectView } from './views';

export const handler = api(getProjectRoute, async ({ params, principal }) => {
  const { value } = await loadProject({ store, clock }, params.id, principal);
  return ok(projectView(value), value.version);
});
