import { listStaffRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listStaff } from '#shared/use-cases/staff';
import { staffPersonalDataEnvelope } from './personal-data';
import { staffView } from './views';

const deps = { store, clock, open: staffPersonalDataEnvelope() };

export const handler = api(
  listStaffRoute,
  async ({ params, query, principal }) => {
    const page = await listStaff(deps, params.id, principal, {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return ok({ ...page, items: page.items.map(staffView) });
  },
  { delegations: findDelegation },
);
