/**
 * Synthetic contracting processes for the OCDS feed bench. Each publishes what a real one publishes on
 * approval (planning release) and on publication (tender release), built by the same rules
 * (`disclosureFor`) from a real published project with other ids and dates, and stored as the transition's
 * transaction stores them (`disclosureWrites`): the item in the public feed and the item under its ocid.
 * The announcements of those transactions are left out: neither measured route reads them.
 *
 * Import this module only once the embedded stack has set the handlers' environment: disclosure-writes reads
 * TABLE_NAME and shared/config the OCDS settings when they are loaded.
 */
import { disclosureWrites, utcInstant } from '#shared/adapters/dynamodb/disclosure-writes';
import { keys, stripKeys } from '#shared/adapters/dynamodb/keys';
import { config } from '#shared/config';
import type { BudgetLine } from '#shared/domain/budget';
import type { CatalogItem } from '#shared/domain/catalog';
import { isoWithOffset } from '#shared/domain/clock';
import type { Purchaser } from '#shared/domain/district-seed';
import { newId } from '#shared/domain/ids';
import { disclosureFor, type DisclosureContext } from '#shared/domain/ocds';
import type { Project } from '#shared/domain/project';
import type { Item, TableClient } from './batch-write';

export const RELEASES_PER_PROCESS = 2;
const DAY_MS = 86_400_000;
const TENDER_PERIOD_MS = 20 * DAY_MS;

export interface SeededProcess {
  ocid: string;
  /** UTC instants of its releases, as the feed's sort keys hold them. */
  releaseDates: string[];
}

export interface ReleaseSource {
  /** A published project with its tender notice; every synthetic process is a copy under another id. */
  template: Project;
  context: DisclosureContext;
}

/** Reads the template project and what its publication reads (as publicationOf does). */
export async function releaseSource(table: TableClient, projectId: string): Promise<ReleaseSource> {
  const read = async <T>(key: { PK: string; SK: string }, what: string): Promise<T> => {
    const item = await table.get(key);
    if (!item) throw new Error(`${what} is missing`);
    return stripKeys<T>(item);
  };
  const template = await read<Project>(keys.project(projectId), `project ${projectId}`);
  if (!template.tender) throw new Error(`project ${projectId} has no tender notice yet`);
  const [purchaser, budgetLine, catalogItem] = await Promise.all([
    read<Purchaser>(keys.purchaser(template.purchaserId), `purchaser ${template.purchaserId}`),
    read<BudgetLine>(keys.budgetLine(template.budgetLineId), `budget line ${template.budgetLineId}`),
    read<CatalogItem>(keys.catalogItem(template.catalogCode), `catalog item ${template.catalogCode}`),
  ]);
  return {
    template,
    context: { ocidPrefix: config.OCDS_OCID_PREFIX, purchaser, budgetLine, catalogItem },
  };
}

/**
 * One process approved at `approvedAt` and published `publishDelayMs` later: its two releases' items.
 * Versions follow the project's life (submitted 2 → approved 3 → published 4), so release ids are as real.
 */
export function processItems(
  source: ReleaseSource,
  approvedAt: Date,
  publishDelayMs: number,
): { process: SeededProcess; items: Item[] } {
  const { template, context } = source;
  const publishedAt = new Date(approvedAt.getTime() + publishDelayMs);
  const approvedIso = isoWithOffset(approvedAt);
  const publishedIso = isoWithOffset(publishedAt);
  const { tender, workflow: _workflow, ...rest } = template;
  const submitted: Project = { ...rest, id: newId('prj', approvedAt), status: 'submitted', version: 2 };
  const approved: Project = { ...submitted, status: 'approved', version: 3, updatedAt: approvedIso };
  const published: Project = {
    ...approved,
    status: 'published',
    version: 4,
    updatedAt: publishedIso,
    tender: {
      minimumBids: tender?.minimumBids ?? 3,
      publishedAt: publishedIso,
      bidDeadline: isoWithOffset(new Date(publishedAt.getTime() + TENDER_PERIOD_MS)),
    },
  };
  const releases = [
    ...disclosureFor(submitted, approved, context).releases,
    ...disclosureFor(approved, published, context).releases,
  ];
  if (releases.length !== RELEASES_PER_PROCESS) throw new Error('expected a planning and a tender release');
  const items = disclosureWrites({ releases, announcements: [] }).map((write) => {
    const item = write.item.Put?.Item;
    if (!item) throw new Error('a release is written with a Put');
    return item;
  });
  return {
    process: {
      ocid: releases[0]?.ocid as string,
      releaseDates: releases.map((release) => utcInstant(release.date)),
    },
    items,
  };
}
