import { listProjectsRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listProjects } from '#shared/use-cases/projects';
import { projectView } from './views';

export const handler = api(listProjectsRoute, async ({ query, principal }) => {
  const page = await listProjects({ store, clock }, query, principal);
  return ok({
    items: page.items.map((s) => projectView(s.value)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
});
