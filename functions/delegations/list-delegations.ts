import { listDelegationsRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listDelegations } from '#shared/use-cases/delegations';

export const handler = api(listDelegationsRoute, async ({ params, query, principal }) =>
  ok(
    await listDelegations({ store, clock }, params.id, principal, {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    }),
  ),
);
