import { getEligibilityRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { eligibility } from '#shared/use-cases/contractors';

export const handler = api(
  getEligibilityRoute,
  async ({ params, principal }) => ok(await eligibility({ store, clock }, params.id, principal)),
  { delegations: findDelegation },
);
