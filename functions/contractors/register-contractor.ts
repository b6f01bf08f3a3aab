import { registerContractorRoute } from './routes';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { personalDataKeyedHash } from '#shared/adapters/kms/keyed-hash';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import { api, created } from '#shared/http/api-handler';
import { register } from '#shared/use-cases/contractors';
import { personalDataEnvelope } from './personal-data';
import { contractorView } from './views';

const deps = { store, clock, keyedHash: personalDataKeyedHash(), seal: personalDataEnvelope() };

export const handler = api(
  registerContractorRoute,
  async ({ body, principal, actor, remember, now }) => {
    // The stored form answers, masks in place of personal data: the idempotency record keeps this answer, and the
    // caller sent the data it would show (issue 11 §6).
    const respond = (c: Parameters<typeof contractorView>[0]) =>
      created(contractorView(c, businessDate(now)), c.version);
    const contractor = await register(deps, body, {
      actor,
      viewer: principal,
      remember: (c) => remember(respond(c)),
    });
    return respond(contractor);
  },
  { idempotency, rateLimit: takeToken },
);
