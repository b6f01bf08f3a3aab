/**
 * The invariants every stored budget line keeps (R-FUND-2), as the tests' oracle: property tests drive commitment
 * sequences against it. Kept with the tests, not in shared/domain, because production never calls it (issue 10 §2:
 * code nothing calls is deleted or called); the writes themselves hold the invariants by their conditions.
 */
import type { BudgetLine } from '#shared/domain/budget';

export function balances(line: BudgetLine): boolean {
  return (
    line.available === line.amount - line.committed &&
    line.unpaid === line.committed - line.paid &&
    line.committed <= line.amount &&
    line.paid <= line.committed &&
    line.paid >= 0
  );
}
