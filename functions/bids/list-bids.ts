import { listBidsRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listBids } from '#shared/use-cases/bids';
import { bidView } from './views';

export const handler = api(listBidsRoute, async ({ params, principal }) => {
  const bids = await listBids({ store, clock }, params.id, principal);
  return ok({ items: bids.map(bidView) });
});
