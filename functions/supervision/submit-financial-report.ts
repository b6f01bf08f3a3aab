import { submitFinancialReportRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { clock, store } from '#shared/adapters/store';
import { api, created, ok } from '#shared/http/api-handler';
import { submitFinancialReport } from '#shared/use-cases/supervision';
import { financialReportView } from './views';

export const handler = api(
  submitFinancialReportRoute,
  async ({ params, body, principal, actor, ifMatch }) => {
    const { report, created: first } = await submitFinancialReport(
      { store, clock },
      { contractId: params.id, period: params.period },
      {
        income: body.income,
        expenditure: body.expenditure,
        ...(body.notes !== undefined ? { notes: body.notes } : {}),
        documents: body.documents,
      },
      { viewer: principal, actor, ifMatch },
    );
    return (first ? created : ok)(financialReportView(report), report.version);
  },
  { rateLimit: takeToken, delegations: findDelegation },
);
