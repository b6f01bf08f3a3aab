import { releaseMilestoneRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { releaseMilestone } from '#shared/use-cases/payments';
import { milestoneView } from './views';

export const handler = api(releaseMilestoneRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const milestone = await releaseMilestone(
    { store, clock },
    { contractId: params.id, seq: params.seq },
    body,
    { viewer: principal, actor, ifMatch },
  );
  return ok(milestoneView(milestone), milestone.version);
});
