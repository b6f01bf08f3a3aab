import { submitBidRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { bidSeal } from '#shared/adapters/kms/bid-seal';
import { businessMetrics } from '#shared/adapters/metrics/business-metrics';
import { clock, store } from '#shared/adapters/store';
import { api, created, ok } from '#shared/http/api-handler';
import type { SealDeps } from '#shared/use-cases/bid-seal';
import { submitOrReviseBid } from '#shared/use-cases/bids';
import { bidView } from './views';

// Seals only: the use case takes a SealPort, and this function holds kms:GenerateDataKey on the bid seal key, not
// kms:Decrypt (issue 11 §1, infra/constructs/seal-key.ts).
const seal: SealDeps = { seal: bidSeal };

export const handler = api(
  submitBidRoute,
  async ({ params, body, principal, actor, ifMatch }) => {
    const { bid, created: first } = await submitOrReviseBid(
      { store, clock, metrics: businessMetrics, ...seal },
      params.id,
      body,
      {
        viewer: principal,
        actor,
        ifMatch,
      },
    );
    return (first ? created : ok)(bidView(bid), bid.version);
  },
  { rateLimit: takeToken, delegations: findDelegation },
);
