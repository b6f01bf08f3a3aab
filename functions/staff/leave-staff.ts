import { leaveStaffRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { leaveStaff } from '#shared/use-cases/staff';
import { staffPersonalDataEnvelope } from './personal-data';
import { staffView } from './views';

const deps = { store, clock, open: staffPersonalDataEnvelope() };

export const handler = api(
  leaveStaffRoute,
  async ({ params, body, principal, actor, ifMatch }) => {
    const staff = await leaveStaff(
      deps,
      { contractorId: params.id, staffId: params.staffId },
      { on: body.on, ...(body.reason ? { reason: body.reason } : {}) },
      { viewer: principal, actor, ifMatch },
    );
    return ok(staffView(staff), staff.version);
  },
  { rateLimit: takeToken, delegations: findDelegation },
);
