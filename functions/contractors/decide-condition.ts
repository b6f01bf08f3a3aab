import { decideConditionRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import type { ConditionNo } from '#shared/domain/contractor';
import { api, ok } from '#shared/http/api-handler';
import { decide } from '#shared/use-cases/contractors';
import { contractorView } from './views';

export const handler = api(decideConditionRoute, async ({ params, body, principal, actor, ifMatch, now }) => {
  const contractor = await decide({ store, clock }, params.id, params.condition as ConditionNo, body, {
    viewer: principal,
    actor,
    ifMatch,
  });
  return ok(contractorView(contractor, businessDate(now)), contractor.version);
});
