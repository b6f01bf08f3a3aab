import { getOwnBidRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { loadOwnBid } from '#shared/use-cases/bids';
import { bidView } from './views';

export const handler = api(getOwnBidRoute, async ({ params, principal }) => {
  const { value } = await loadOwnBid({ store, clock }, params.id, principal);
  return ok(bidView(value), value.version);
});
