import { getStaffRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { getStaff } from '#shared/use-cases/staff';
import { staffPersonalDataEnvelope } from './personal-data';
import { staffView } from './views';

const deps = { store, clock, open: staffPersonalDataEnvelope() };

export const handler = api(
  getStaffRoute,
  async ({ params, principal }) => {
    const staff = await getStaff(deps, { contractorId: params.id, staffId: params.staffId }, principal);
    return ok(staffView(staff), staff.version);
  },
  { delegations: findDelegation },
);
