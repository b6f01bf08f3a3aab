import { registerContractorRoute } from './routes';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import { api, created } from '#shared/http/api-handler';
import { register } from '#shared/use-cases/contractors';
import { contractorView } from './views';

export const handler = api(
  registerContractorRoute,
  async ({ body, actor, remember, now, principal }) => {
    const respond = (c: Parameters<typeof contractorView>[0]) =>
      created(contractorView(c, businessDate(now), principal), c.version);
    const contractor = await register({ store, clock }, body, {
      actor,
      remember: (c) => remember(respond(c)),
    });
    return respond(contractor);
  },
  { idempotency },
);
