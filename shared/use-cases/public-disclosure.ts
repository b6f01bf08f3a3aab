/**
 * The public side of disclosure (R-SUP-3, R-PROC-5): announcements newest first, OCDS releases since an
 * instant (oldest first, so a harvester's cursor only moves forward), and the record of one process.
 * No token, no tenant scope: everything here was written to be public (shared/domain/ocds.ts).
 */
import { DomainError, notFound } from '#shared/domain/errors';
import type { Announcement, OcdsRecord, Release } from '#shared/domain/ocds';
import { compileRecord } from '#shared/domain/ocds';
import type { StoredRelease } from '#shared/adapters/dynamodb/disclosure-writes';
import type { Page, Stored } from '#shared/adapters/dynamodb/records';
import { utcInstant } from '#shared/adapters/dynamodb/disclosure-writes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Deps } from './ports';

export async function listAnnouncements(deps: Deps, query: { limit: number; cursor?: string }) {
  const page = await deps.store.queryPartition<Announcement>(keys.announcementPartition(), {
    limit: query.limit,
    newestFirst: true,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return { items: page.items.map((s) => s.value), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/**
 * What the feed needs of the store: a page read one release ahead (records.ts `lookAhead`), so a cursor is given
 * only when another release follows and a harvester's `next` link never leads to an empty page.
 */
export interface FeedStore {
  queryPartition<T>(
    partitionKey: string,
    page: { limit: number; cursor?: string; sortKeyFrom?: string; lookAhead: true },
  ): Promise<Page<Stored<T>>>;
}

/**
 * One page of the feed. OCDS 1.1.5 refuses a release package without releases (`minItems: 1`), so no package is
 * made of nothing: with no release at or after `since` (none published yet, or nothing new) this is a 404
 * problem, the documented "nothing to harvest" answer (docs/api.md, R-SUP-3).
 */
export async function releasesSince(
  deps: { store: FeedStore },
  query: { since?: string; limit: number; cursor?: string },
): Promise<{ releases: [Release, ...Release[]]; cursor?: string }> {
  const page = await deps.store.queryPartition<StoredRelease>(keys.publicReleasePartition(), {
    limit: query.limit,
    lookAhead: true,
    ...(query.since ? { sortKeyFrom: utcInstant(query.since) } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const [first, ...rest] = page.items.map((s) => s.value.release);
  if (!first) {
    throw new DomainError(
      'not_found',
      query.since
        ? `releases: no OCDS release is published at or after ${query.since} yet`
        : 'releases: no OCDS release is published yet',
    );
  }
  return { releases: [first, ...rest], ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** A process has a handful of releases (planning, tender, award, contract and updates): one small partition. */
export async function compiledRecord(deps: Deps, ocid: string): Promise<OcdsRecord> {
  const stored = await deps.store.queryAll<StoredRelease>(keys.ocidPartition(ocid));
  if (stored.length === 0) throw notFound('record');
  return compileRecord(stored.map((s) => s.value.release));
}
