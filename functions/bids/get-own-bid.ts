import { getOwnBidRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { loadOwnBid } from '#shared/use-cases/bids';
import { bidView } from './views';

// No key here (issue 11 §1): a sealed bid is shown without its contents, with the receipt of what is stored.
export const handler = api(
  getOwnBidRoute,
  async ({ params, principal }) => {
    const { value } = await loadOwnBid({ store, clock }, params.id, principal);
    return ok(bidView(value), value.version);
  },
  { delegations: findDelegation },
);
