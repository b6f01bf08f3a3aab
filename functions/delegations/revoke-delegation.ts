import { revokeDelegationRoute } from './routes';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { revokeDelegation } from '#shared/use-cases/delegations';

export const handler = api(
  revokeDelegationRoute,
  async ({ params, body, principal, actor, ifMatch }) => {
    const delegation = await revokeDelegation(
      { store, clock },
      { contractorId: params.id, portalId: params.portalId },
      body,
      { viewer: principal, actor, ifMatch },
    );
    return ok(delegation, delegation.version);
  },
  { rateLimit: takeToken },
);
