import { createBudgetLineRoute } from './routes';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { clock, store } from '#shared/adapters/store';
import type { BudgetLine } from '#shared/domain/budget';
import { api, created } from '#shared/http/api-handler';
import { openLine } from '#shared/use-cases/budget-lines';
import { budgetLineView } from './views';

const respond = (line: BudgetLine) => created(budgetLineView(line), line.version);

export const handler = api(
  createBudgetLineRoute,
  async ({ body, principal, actor, remember }) =>
    respond(
      await openLine({ store, clock }, body, {
        viewer: principal,
        actor,
        remember: (line) => remember(respond(line)),
      }),
    ),
  { idempotency },
);
