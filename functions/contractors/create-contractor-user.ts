import { createContractorUserRoute } from './routes';
import { userDirectory } from '#shared/adapters/cognito/user-directory';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { personalDataKeyedHash } from '#shared/adapters/kms/keyed-hash';
import { clock, store } from '#shared/adapters/store';
import { api, created } from '#shared/http/api-handler';
import { createContractorUser } from '#shared/use-cases/contractor-users';
import { personalDataEnvelope } from './personal-data';
import { contractorUserView } from './views';

const deps = {
  store,
  clock,
  directory: userDirectory(),
  keyedHash: personalDataKeyedHash(),
  seal: personalDataEnvelope(),
};

export const handler = api(
  createContractorUserRoute,
  async ({ params, body, principal, actor, remember }) => {
    // The stored form answers (masks): the idempotency record keeps this answer, and the caller sent the data.
    const respond = (user: Parameters<typeof contractorUserView>[0]) =>
      created(contractorUserView(user), user.version);
    const user = await createContractorUser(deps, params.id, body, {
      viewer: principal,
      actor,
      remember: (u) => remember(respond(u)),
    });
    return respond(user);
  },
  { idempotency, rateLimit: takeToken },
);
