import { signContractRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { businessMetrics } from '#shared/adapters/metrics/business-metrics';
import { clock, store } from '#shared/adapters/store';
import { callbackDeps } from '#shared/adapters/workflow';
import { api, ok } from '#shared/http/api-handler';
import { signContract } from '#shared/use-cases/contracts';
import { contractView } from './views';

export const handler = api(
  signContractRoute,
  async ({ params, principal, actor, ifMatch }) => {
    const contract = await signContract(
      { store, clock, ...callbackDeps, metrics: businessMetrics },
      params.id,
      {
        viewer: principal,
        actor,
        ifMatch,
      },
    );
    return ok(contractView(contract), contract.version);
  },
  { rateLimit: takeToken, delegations: findDelegation },
);
