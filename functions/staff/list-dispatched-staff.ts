import { listDispatchedStaffRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listDispatchedStaff } from '#shared/use-cases/staff';

export const handler = api(listDispatchedStaffRoute, async ({ params, query, principal }) =>
  ok(
    await listDispatchedStaff({ store, clock }, params.id, principal, {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    }),
  ),
);
