/**
 * What every use case that changes a project shares: loading it within the viewer's scope, the record change
 * (project + its index entry + audit), and the public releases a transition publishes in the same transaction.
 */
import type { Viewer } from '#shared/domain/access';
import { inPurchaserScope } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import type { BudgetLine } from '#shared/domain/budget';
import type { CatalogItem } from '#shared/domain/catalog';
import type { Purchaser } from '#shared/domain/district-seed';
import { notFound } from '#shared/domain/errors';
import { disclosureIn, publicationIn, type Publication } from '#shared/domain/ocds';
import type { Project } from '#shared/domain/project';
import { disclosureWrites } from '#shared/adapters/dynamodb/disclosure-writes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { previousOf } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { config } from '#shared/config';
import type { Deps } from './ports';

export const projectChange = (
  next: Project,
  action: string,
  actor: Actor,
  previous?: Stored<Project>,
): RecordChange => ({
  recordType: 'project',
  recordId: next.id,
  key: keys.project(next.id),
  index: keys.projectIndex(next.purchaserId, next.status, next.createdAt, next.id),
  value: next,
  ...previousOf(previous),
  actor,
  action,
  at: next.updatedAt,
});

/** A project the viewer may see; another purchaser's project is "not found" (R-BUY-1). */
export async function loadProject(deps: Deps, id: string, viewer: Viewer): Promise<Stored<Project>> {
  const stored = await deps.store.get<Project>(keys.project(id));
  if (!stored || !inPurchaserScope(viewer, stored.value.purchaserId)) throw notFound('project');
  return stored;
}

/**
 * The public releases and announcements of a transition (R-SUP-3, R-PROC-5), as items of its transaction.
 * Reads the purchaser, budget line and catalog item only when the transition publishes something. `publications`
 * are the kinds the caller's transitions can publish (`PUBLICATIONS` for all; issue 9 §3, bundle size).
 */
export async function publicationOf(
  deps: Deps,
  before: Project,
  after: Project,
  publications: readonly Publication[],
): Promise<ExtraWrite[]> {
  if (!publicationIn(publications, before, after)) return [];
  const [purchaser, line, item] = await Promise.all([
    deps.store.get<Purchaser>(keys.purchaser(after.purchaserId)),
    deps.store.get<BudgetLine>(keys.budgetLine(after.budgetLineId)),
    deps.store.get<CatalogItem>(keys.catalogItem(after.catalogCode)),
  ]);
  // Seeded and never deleted: a missing purchaser or line is a broken invariant, not a caller's mistake.
  if (!purchaser) throw new Error(`purchaser ${after.purchaserId} of project ${after.id} is missing`);
  if (!line) throw new Error(`budget line ${after.budgetLineId} of project ${after.id} is missing`);
  return disclosureWrites(
    disclosureIn(publications, before, after, {
      ocidPrefix: config.OCDS_OCID_PREFIX,
      purchaser: purchaser.value,
      budgetLine: line.value,
      ...(item ? { catalogItem: item.value } : {}),
    }),
  );
}
