import { FUND_SOURCES, MAX_FEN } from '#shared/domain/budget';
import { count, createdAt, PageQuery, RecordId, updatedAt, wholeNumber } from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

/**
 * Money is integer fen (分), currency CNY (architecture.md). Factories, not shared instances: a description
 * is registered per schema instance, so describing a shared one would relabel it everywhere.
 */
export const fen = (description = 'integer fen (分), CNY') => described(wholeNumber(0, MAX_FEN), description);
export const positiveFen = (description = 'integer fen (分), CNY, more than zero') =>
  described(wholeNumber(1, MAX_FEN), description);

export const FiscalYear = /* @__PURE__ */ (() =>
  described(wholeNumber(2000, 2100), 'the fiscal year, which in China is the calendar year'))();

export const FundSource = /* @__PURE__ */ (() =>
  described(z.enum(FUND_SOURCES), 'R-FUND-1: working_funds 社会救助工作经费, special_funds 专项资金'))();

export const CreateBudgetLineBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      purchaserId: RecordId,
      fiscalYear: FiscalYear,
      source: FundSource,
      amount: positiveFen(),
    }),
    'CreateBudgetLine',
  ))();

export const BudgetLine = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      purchaserId: z.string(),
      fiscalYear: wholeNumber(2000, 2100),
      source: FundSource,
      amount: fen(),
      committed: fen('committed at contract signing (R-FUND-2)'),
      paid: fen('paid after passed acceptances; never more than committed'),
      available: fen('amount − committed: what new commitments may still take'),
      currency: z.literal('CNY'),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'BudgetLine',
    'A budget line of one purchaser and fiscal year (R-FUND-1, R-FUND-2)',
  ),
);

export const BudgetLineList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(BudgetLine()), cursor: z.optional(z.string()) }),
);

export const BudgetLineQuery = /* @__PURE__ */ (() =>
  z.extend(PageQuery, {
    purchaserId: described(z.optional(RecordId), "default: the caller's own purchaser"),
    fiscalYear: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
  }))();
