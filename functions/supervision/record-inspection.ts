import { recordInspectionRoute } from './routes';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import type { Inspection } from '#shared/domain/supervision';
import { api, created } from '#shared/http/api-handler';
import { recordContractInspection } from '#shared/use-cases/supervision';
import { inspectionView } from './views';

// A new inspection's findings are due today or later: none is overdue yet, on the first answer or a replay.
const respond = (inspection: Inspection, now: Date) =>
  created(inspectionView(inspection, businessDate(now)), inspection.version);

export const handler = api(
  recordInspectionRoute,
  async ({ params, body, principal, actor, remember, now }) =>
    respond(
      await recordContractInspection({ store, clock }, params.id, body, {
        viewer: principal,
        actor,
        remember: (inspection) => remember(respond(inspection, now)),
      }),
      now,
    ),
  { idempotency },
);
