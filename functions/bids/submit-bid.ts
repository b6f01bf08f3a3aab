import { submitBidRoute } from './routes';
import { businessMetrics } from '#shared/adapters/metrics/business-metrics';
import { clock, store } from '#shared/adapters/store';
import { api, created, ok } from '#shared/http/api-handler';
import { submitOrReviseBid } from '#shared/use-cases/bids';
import { bidView } from './views';

export const handler = api(submitBidRoute, async ({ params, body, principal, actor }) => {
  const { bid, created: first } = await submitOrReviseBid(
    { store, clock, metrics: businessMetrics },
    params.id,
    body,
    {
      viewer: principal,
      actor,
    },
  );
  return (first ? created : ok)(bidView(bid), bid.version);
});
