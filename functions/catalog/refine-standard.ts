import { refineStandardRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { refine } from '#shared/use-cases/catalog';

export const handler = api(refineStandardRoute, async ({ params, body, actor, ifMatch }) => {
  const item = await refine({ store, clock }, params.code, body, { actor, ifMatch });
  return ok(item, item.version);
});
