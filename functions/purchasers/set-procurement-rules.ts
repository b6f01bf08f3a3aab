import { setProcurementRulesRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { config } from '#shared/config';
import { api, ok } from '#shared/http/api-handler';
import { setRules } from '#shared/use-cases/purchasers';
import { rulesView } from './views';

export const handler = api(setProcurementRulesRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const rules = await setRules({ store, clock }, params.id, body, { viewer: principal, actor, ifMatch });
  return ok(rulesView(rules, config.MINIMUM_PERIOD_SECONDS_OVERRIDE), rules.version);
});
