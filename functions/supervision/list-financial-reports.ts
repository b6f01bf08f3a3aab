import { listFinancialReportsRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listFinancialReports } from '#shared/use-cases/supervision';
import { financialReportView } from './views';

export const handler = api(
  listFinancialReportsRoute,
  async ({ params, query, principal }) => {
    const page = await listFinancialReports({ store, clock }, params.id, principal, {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return ok({
      items: page.items.map(financialReportView),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
  },
  { delegations: findDelegation },
);
