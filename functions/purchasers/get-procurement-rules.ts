import { getProcurementRulesRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { config } from '#shared/config';
import { api, ok } from '#shared/http/api-handler';
import { readRules } from '#shared/use-cases/purchasers';
import { rulesView } from './views';

export const handler = api(getProcurementRulesRoute, async ({ params, principal }) => {
  const rules = await readRules({ store, clock }, params.id, principal);
  return ok(rulesView(rules, config.MINIMUM_PERIOD_SECONDS_OVERRIDE), rules.version);
});
