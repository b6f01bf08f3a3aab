import { createStaffRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { personalDataKeyedHash } from '#shared/adapters/kms/keyed-hash';
import { clock, store } from '#shared/adapters/store';
import type { StaffMember } from '#shared/domain/staff';
import { api, created } from '#shared/http/api-handler';
import { createStaff } from '#shared/use-cases/staff';
import { staffPersonalDataEnvelope } from './personal-data';
import { staffView } from './views';

const deps = { store, clock, keyedHash: personalDataKeyedHash(), seal: staffPersonalDataEnvelope() };

export const handler = api(
  createStaffRoute,
  async ({ params, body, principal, actor, remember }) => {
    // The idempotency record keeps the stored form (the mask): a replay never holds the number in clear.
    const respond = (s: StaffMember) => created(staffView(s), s.version);
    const staff = await createStaff(
      deps,
      params.id,
      {
        name: body.name,
        residentId: body.residentId,
        role: body.role,
        joinedOn: body.joinedOn,
        ...(body.qualification ? { qualification: body.qualification } : {}),
      },
      { viewer: principal, actor, remember: (s) => remember(respond(s)) },
    );
    return respond(staff);
  },
  { idempotency, rateLimit: takeToken, delegations: findDelegation },
);
