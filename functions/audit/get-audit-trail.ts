import { getAuditTrailRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { digestSigner } from '#shared/adapters/kms/signer';
import { businessDate } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { readAuditTrail } from '#shared/use-cases/audit';
import { auditEntryView } from './views';

const signer = digestSigner();

export const handler = api(getAuditTrailRoute, async ({ params, query, principal, now }) => {
  const trail = await readAuditTrail({ store, clock, signer }, params.recordType, params.id, query);
  const today = businessDate(now);
  return ok({ ...trail, entries: trail.entries.map((entry) => auditEntryView(entry, principal, today)) });
});
