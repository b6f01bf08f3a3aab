import { getAcceptanceRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { getAcceptance } from '#shared/use-cases/acceptances';

export const handler = api(
  getAcceptanceRoute,
  async ({ params, principal }) => {
    const { value } = await getAcceptance(
      { store, clock },
      { contractId: params.id, acceptanceId: params.acceptanceId },
      principal,
    );
    return ok(value, value.version);
  },
  { delegations: findDelegation },
);
