import { reviewFinancialReportRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { reviewFinancialReport } from '#shared/use-cases/supervision';
import { financialReportView } from './views';

export const handler = api(
  reviewFinancialReportRoute,
  async ({ params, body, principal, actor, ifMatch }) => {
    const report = await reviewFinancialReport(
      { store, clock },
      { contractId: params.id, period: params.period },
      { decision: body.decision, ...(body.reason !== undefined ? { reason: body.reason } : {}) },
      { viewer: principal, actor, ifMatch },
    );
    return ok(financialReportView(report), report.version);
  },
);
