import { grantDelegationRoute } from './routes';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { clock, store } from '#shared/adapters/store';
import { api, created, ok } from '#shared/http/api-handler';
import { grantDelegation } from '#shared/use-cases/delegations';

export const handler = api(
  grantDelegationRoute,
  async ({ params, body, principal, actor, ifMatch }) => {
    const { delegation, created: first } = await grantDelegation(
      { store, clock },
      { contractorId: params.id, portalId: params.portalId },
      {
        scopes: body.scopes,
        validUntil: new Date(body.validUntil),
        ...(body.consentReference ? { consentReference: body.consentReference } : {}),
      },
      { viewer: principal, actor, ifMatch },
    );
    return (first ? created : ok)(delegation, delegation.version);
  },
  { rateLimit: takeToken },
);
