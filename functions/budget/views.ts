/** API view of a budget line: the stored `unpaid` is bookkeeping for DynamoDB conditions, not part of the contract. */
import type * as z from '#shared/schemas/zod';
import type { BudgetLine } from '#shared/domain/budget';
import type { BudgetLine as BudgetLineSchema } from '#shared/schemas/budget.schema';

export const budgetLineView = (l: BudgetLine): z.infer<ReturnType<typeof BudgetLineSchema>> => ({
  id: l.id,
  purchaserId: l.purchaserId,
  fiscalYear: l.fiscalYear,
  source: l.source,
  amount: l.amount,
  committed: l.committed,
  paid: l.paid,
  available: l.available,
  currency: l.currency,
  version: l.version,
  createdAt: l.createdAt,
  updatedAt: l.updatedAt,
});
