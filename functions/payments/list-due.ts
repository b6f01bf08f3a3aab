import { listDueRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listDue } from '#shared/use-cases/payments';
import { milestoneView } from './views';

export const handler = api(listDueRoute, async ({ query, principal }) => {
  const due = await listDue({ store, clock }, query, principal);
  return ok({
    ...due,
    items: due.items.map((m) => ({ ...milestoneView(m), state: m.state, daysOverdue: m.daysOverdue })),
  });
});
