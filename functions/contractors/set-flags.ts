import { setFlagsRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { changeFlags } from '#shared/use-cases/contractors';
import { contractorView } from './views';

export const handler = api(setFlagsRoute, async ({ params, body, principal, actor, ifMatch, now }) => {
  const contractor = await changeFlags({ store, clock }, params.id, body, {
    viewer: principal,
    actor,
    ifMatch,
  });
  return ok(contractorView(contractor, businessDate(now)), contractor.version);
});
