import { createDeliveryBatchRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { personalDataKeyedHash } from '#shared/adapters/kms/keyed-hash';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { createDeliveryBatch } from '#shared/use-cases/deliveries';
import { personalDataEnvelope } from './personal-data';

const deps = { store, clock, keyedHash: personalDataKeyedHash(), seal: personalDataEnvelope() };

export const handler = api(
  createDeliveryBatchRoute,
  async ({ params, body, principal, actor }) =>
    ok(
      await createDeliveryBatch(
        deps,
        params.id,
        body.records.map(({ recordId, ...input }, index) => ({ index, recordId, input })),
        { viewer: principal, actor },
      ),
    ),
  { rateLimit: takeToken, delegations: findDelegation },
);
