/**
 * Public disclosure (R-SUP-3) as items of the transaction of the project change that causes it: the release
 * in the public feed and under its ocid, and its announcement. Either the change and its publication land
 * together or neither does, so the public never sees a transition that did not happen nor misses one that did.
 */
import { DomainError } from '#shared/domain/errors';
import type { Announcement, Disclosure, Release } from '#shared/domain/ocds';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { keys } from './keys';
import type { ExtraWrite } from './record-store';

/** Sort keys use the UTC instant: stored dates carry +08:00, queries may come in any offset. */
export const utcInstant = (date: string): string => new Date(date).toISOString();

/** Published items are never overwritten: a correction is a new release (OCDS `…Update` tags). */
const append = (item: Record<string, unknown>, what: string): ExtraWrite => ({
  item: {
    Put: { TableName: TABLE_NAME, Item: item, ConditionExpression: 'attribute_not_exists(PK)' },
  },
  onConditionFailed: () =>
    new DomainError('conflict', `${what} is published already; read the project again`),
});

export interface StoredRelease {
  release: Release;
}

function releaseWrites(release: Release): ExtraWrite[] {
  const at = utcInstant(release.date);
  const body = { recordType: 'ocds-release', release } satisfies StoredRelease & { recordType: string };
  return [
    append({ ...keys.publicRelease(at, release.id), ...body }, `release ${release.id}`),
    append({ ...keys.ocidRelease(release.ocid, at, release.id), ...body }, `release ${release.id}`),
  ];
}

const announcementWrite = (a: Announcement): ExtraWrite =>
  append(
    { ...keys.announcement(utcInstant(a.publishedAt), a.id), recordType: 'announcement', ...a },
    `announcement ${a.id}`,
  );

export const disclosureWrites = (d: Disclosure): ExtraWrite[] => [
  ...d.releases.flatMap(releaseWrites),
  ...d.announcements.map(announcementWrite),
];
