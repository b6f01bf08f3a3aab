import { listInspectionsRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { listInspections } from '#shared/use-cases/supervision';
import { inspectionView } from './views';

export const handler = api(
  listInspectionsRoute,
  async ({ params, query, principal }) => {
    const page = await listInspections({ store, clock }, params.id, principal, {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    const today = businessDate(clock.now());
    return ok({
      items: page.items.map((i) => inspectionView(i, today)),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
  },
  { delegations: findDelegation },
);
