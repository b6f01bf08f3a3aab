import { createDeliveryRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { personalDataKeyedHash } from '#shared/adapters/kms/keyed-hash';
import { clock, store } from '#shared/adapters/store';
import { api, created } from '#shared/http/api-handler';
import type { DeliveryRecord } from '#shared/domain/delivery';
import { auditedForm, createDelivery } from '#shared/use-cases/deliveries';
import { personalDataEnvelope } from './personal-data';
import { deliveryView } from './views';

const deps = { store, clock, keyedHash: personalDataKeyedHash(), seal: personalDataEnvelope() };

// The writer's answer holds the reference, never the name or ID it sent: the idempotency record keeps it too.
const respond = (record: DeliveryRecord) => created(deliveryView(auditedForm(record)), record.version);

export const handler = api(
  createDeliveryRoute,
  async ({ params, body, principal, actor, remember }) =>
    respond(
      await createDelivery(deps, params.id, body, {
        viewer: principal,
        actor,
        remember: (record) => remember(respond(record)),
      }),
    ),
  { idempotency, rateLimit: takeToken, delegations: findDelegation },
);
