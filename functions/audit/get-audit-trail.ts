import { getAuditTrailRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { readAuditTrail } from '#shared/use-cases/audit';

export const handler = api(getAuditTrailRoute, async ({ params, query }) =>
  ok(await readAuditTrail({ store, clock }, params.recordType, params.id, query)),
);
