/**
 * The public side of disclosure (R-SUP-3, R-PROC-5): announcements newest first, OCDS releases since an
 * instant (oldest first, so a harvester's cursor only moves forward), and the record of one process.
 * No token, no tenant scope: everything here was written to be public (shared/domain/ocds.ts).
 */
import { notFound } from '#shared/domain/errors';
import type { Announcement, OcdsRecord, Release } from '#shared/domain/ocds';
import { compileRecord } from '#shared/domain/ocds';
import type { StoredRelease } from '#shared/adapters/dynamodb/disclosure-writes';
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

export async function releasesSince(
  deps: Deps,
  query: { since?: string; limit: number; cursor?: string },
): Promise<{ releases: Release[]; cursor?: string }> {
  const page = await deps.store.queryPartition<StoredRelease>(keys.publicReleasePartition(), {
    limit: query.limit,
    ...(query.since ? { sortKeyFrom: utcInstant(query.since) } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return {
    releases: page.items.map((s) => s.value.release),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/** A process has a handful of releases (planning, tender, award, contract and updates): one small partition. */
export async function compiledRecord(deps: Deps, ocid: string): Promise<OcdsRecord> {
  const stored = await deps.store.queryAll<StoredRelease>(keys.ocidPartition(ocid));
  if (stored.length === 0) throw notFound('record');
  return compileRecord(stored.map((s) => s.value.release));
}
