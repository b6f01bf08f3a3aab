/**
 * Budget lines (R-FUND-1, R-FUND-2): opened by the bureau, finance or a town for itself; moved only by the
 * transactions of the events that commit or pay (shared/adapters/dynamodb/budget-writes.ts).
 */
import type { Viewer } from '#shared/domain/access';
import { inPurchaserScope } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import type { BudgetLine, BudgetLineInput } from '#shared/domain/budget';
import { openBudgetLine } from '#shared/domain/budget';
import { isoWithOffset } from '#shared/domain/clock';
import { notFound } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Deps } from './ports';
import { assertInScope, listScope, loadPurchaser } from './purchasers';

const lineChange = (line: BudgetLine, action: string, actor: Actor): RecordChange => ({
  recordType: 'budget-line',
  recordId: line.id,
  key: keys.budgetLine(line.id),
  index: keys.budgetLineIndex(line.purchaserId, line.fiscalYear, line.createdAt, line.id),
  value: line,
  actor,
  action,
  at: line.updatedAt,
});

export async function openLine(
  deps: Deps,
  input: BudgetLineInput,
  ctx: { viewer: Viewer; actor: Actor; remember: (line: BudgetLine) => ExtraWrite[] },
): Promise<BudgetLine> {
  assertInScope(ctx.viewer, input.purchaserId, 'body');
  await loadPurchaser(deps, input.purchaserId, 'body');
  const now = deps.clock.now();
  const line = openBudgetLine(input, { id: newId('bl', now), actor: ctx.actor, now: isoWithOffset(now) });
  await deps.store.commit([lineChange(line, 'budget-line.opened', ctx.actor)], ctx.remember(line));
  return line;
}

/** A line the viewer may see; another purchaser's line is "not found" (R-BUY-1). */
export async function loadLine(deps: Deps, id: string, viewer: Viewer): Promise<Stored<BudgetLine>> {
  const stored = await deps.store.get<BudgetLine>(keys.budgetLine(id));
  if (!stored || !inPurchaserScope(viewer, stored.value.purchaserId)) throw notFound('budget line');
  return stored;
}

export async function listLines(
  deps: Deps,
  query: { purchaserId?: string; fiscalYear?: number; limit: number; cursor?: string },
  viewer: Viewer,
) {
  const purchaserId = listScope(viewer, query.purchaserId);
  return deps.store.queryIndex<BudgetLine>(keys.budgetLinePartition(purchaserId), {
    limit: query.limit,
    newestFirst: true,
    ...(query.fiscalYear !== undefined ? { sortKeyPrefix: `${query.fiscalYear}#` } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
}
