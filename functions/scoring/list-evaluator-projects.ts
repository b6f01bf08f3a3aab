import { listEvaluatorProjectsRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listAssignedProjects } from '#shared/use-cases/scoring';
import { evaluatorProjectView } from './views';

export const handler = api(listEvaluatorProjectsRoute, async ({ query, principal }) => {
  const page = await listAssignedProjects({ store, clock }, principal.sub, {
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return ok({
    items: page.items.map(evaluatorProjectView),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
});
