import { createDispatchRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { clock, store } from '#shared/adapters/store';
import type { Dispatch } from '#shared/domain/dispatch';
import { api, created } from '#shared/http/api-handler';
import { createDispatch } from '#shared/use-cases/staff';

export const handler = api(
  createDispatchRoute,
  async ({ params, body, principal, actor, remember }) => {
    const respond = (d: Dispatch) => created(d, d.version);
    const dispatch = await createDispatch(
      { store, clock },
      params.id,
      {
        staffId: body.staffId,
        place: {
          kind: body.place.kind,
          purchaserId: body.place.purchaserId,
          ...(body.place.code !== undefined ? { code: body.place.code } : {}),
        },
        period: body.period,
      },
      { viewer: principal, actor, remember: (d) => remember(respond(d)) },
    );
    return respond(dispatch);
  },
  { idempotency, rateLimit: takeToken, delegations: findDelegation },
);
