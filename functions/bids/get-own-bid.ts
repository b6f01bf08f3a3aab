import { getOwnBidRoute } from './routes';
import { bidSeal } from '#shared/adapters/kms/bid-seal';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import type { OpenDeps } from '#shared/use-cases/bid-seal';
import { loadOwnBid } from '#shared/use-cases/bids';
import { bidView } from './views';

// Opens the caller's own sealed bid before the deadline (kms:Decrypt under its own context, issue 11 §1).
const open: OpenDeps = { open: bidSeal };

export const handler = api(getOwnBidRoute, async ({ params, principal }) => {
  const { value } = await loadOwnBid({ store, clock, ...open }, params.id, principal);
  return ok(bidView(value), value.version);
});
