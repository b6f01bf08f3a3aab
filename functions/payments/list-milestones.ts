import { listMilestonesRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listMilestones } from '#shared/use-cases/payments';
import { milestoneView } from './views';

export const handler = api(
  listMilestonesRoute,
  async ({ params, principal }) => {
    const { contract, items } = await listMilestones({ store, clock }, params.id, principal);
    return ok({ contractId: contract.id, contractStatus: contract.status, items: items.map(milestoneView) });
  },
  { delegations: findDelegation },
);
