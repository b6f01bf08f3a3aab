import { endDispatchRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { endDispatch } from '#shared/use-cases/staff';

export const handler = api(
  endDispatchRoute,
  async ({ params, body, principal, actor, ifMatch }) => {
    const dispatch = await endDispatch(
      { store, clock },
      { contractId: params.id, dispatchId: params.dispatchId },
      { on: body.on, ...(body.reason ? { reason: body.reason } : {}) },
      { viewer: principal, actor, ifMatch },
    );
    return ok(dispatch, dispatch.version);
  },
  { rateLimit: takeToken, delegations: findDelegation },
);
