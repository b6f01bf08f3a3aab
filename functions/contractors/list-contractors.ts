import { listContractorsRoute } from './routes';
import { store } from '#shared/adapters/store';
import type { Contractor } from '#shared/domain/contractor';
import { businessDate } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { contractorView } from './views';

export const handler = api(listContractorsRoute, async ({ query, now }) => {
  const page = await store.queryIndex<Contractor>('CONTRACTORS', {
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const today = businessDate(now);
  return ok({
    items: page.items.map((s) => contractorView(s.value, today)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
});
