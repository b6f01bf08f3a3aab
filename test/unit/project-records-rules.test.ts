/**
 * What every project-changing use case shares (shared/use-cases/project-records.ts; issue 10 §2, survivors):
 * - R-SUP-3: `publicationOf` gives the release and announcement writes of a transition that publishes, and
 *   nothing — without reading anything — for one that does not (or one the caller's kinds leave out). It reads
 *   exactly the project's purchaser, budget line and catalog item; a missing purchaser or budget line is a broken
 *   invariant (an Error, a 500, never a release without its buyer or budget); the catalog item is optional: its
 *   name labels the release's item when it exists, the project's title and code stand in when it does not.
 * - R-BUY-1: `loadProject` answers "project not found" for a missing project and another purchaser's alike.
 */
import { describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite } from '#shared/adapters/dynamodb/record-store';
import type { ItemKey } from '#shared/adapters/dynamodb/keys';
import { DEMO_DISTRICT } from '#shared/domain/district-seed';
import { DomainError } from '#shared/domain/errors';
import { ON_CANCEL, PUBLICATIONS } from '#shared/domain/ocds';
import type { Release } from '#shared/domain/ocds';
import type { Project } from '#shared/domain/project';
import type { Deps, RecordStorePort } from '#shared/use-cases/ports';
import { loadProject, publicationOf } from '#shared/use-cases/project-records';
import { LINE_ID, PROJECT_ID, budgetLine, caregiving, project } from '../handlers/procurement-fixtures';

const purchaser = DEMO_DISTRICT.find((p) => p.id === 'pur-town-1');

/** A store holding `items` by key, recording every key read. */
function fakeDeps(items: { key: ItemKey; value: unknown }[]) {
  const reads: ItemKey[] = [];
  const store = {
    get: (key: ItemKey) => {
      reads.push(key);
      const found = items.find((i) => i.key.PK === key.PK && i.key.SK === key.SK);
      return Promise.resolve(
        found ? { value: found.value, head: { auditSeq: 1, auditHash: 'h' } } : undefined,
      );
    },
  } as unknown as RecordStorePort;
  const deps: Deps = { store, clock: { now: () => new Date('2025-03-10T02:00:00.000Z') } };
  return { deps, reads };
}

const seeded = {
  purchaser: { key: keys.purchaser('pur-town-1'), value: purchaser },
  line: { key: keys.budgetLine(LINE_ID), value: budgetLine() },
  item: { key: keys.catalogItem('C-CAREGIVING'), value: caregiving },
};

const submitted = project({ status: 'submitted', version: 2 });
const approved = project({ status: 'approved', version: 3, updatedAt: '2025-03-05T10:00:00.000+08:00' });

const releaseOf = (writes: ExtraWrite[]): Release => {
  const put = writes[0]?.item.Put as { Item: { release: Release } } | undefined;
  if (!put) throw new Error('no release written');
  return put.Item.release;
};

describe('publicationOf (R-SUP-3)', () => {
  it('reads nothing and writes nothing for a transition that publishes nothing', async () => {
    // Arrange: draft → submitted publishes nothing
    const { deps, reads } = fakeDeps([seeded.purchaser, seeded.line, seeded.item]);

    // Act
    const writes = await publicationOf(deps, project(), submitted, PUBLICATIONS);

    // Assert
    expect(writes).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('reads nothing for a publishing transition the caller’s kinds leave out', async () => {
    // Arrange: approval publishes the planning release, which ON_CANCEL does not hold
    const { deps, reads } = fakeDeps([seeded.purchaser, seeded.line, seeded.item]);

    // Act
    const writes = await publicationOf(deps, submitted, approved, ON_CANCEL);

    // Assert
    expect(writes).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('reads exactly the purchaser, budget line and catalog item, and labels the release with the item', async () => {
    // Arrange
    const { deps, reads } = fakeDeps([seeded.purchaser, seeded.line, seeded.item]);

    // Act
    const writes = await publicationOf(deps, submitted, approved, PUBLICATIONS);

    // Assert: release in the feed, under its ocid, and the announcement
    expect(writes).toHaveLength(3);
    expect(reads).toEqual([
      keys.purchaser('pur-town-1'),
      keys.budgetLine(LINE_ID),
      keys.catalogItem('C-CAREGIVING'),
    ]);
    const release = releaseOf(writes);
    expect(release.tag).toEqual(['planning']);
    expect(release.buyer).toEqual({ id: 'pur-town-1', name: purchaser?.nameZh });
    expect(release.planning?.budget?.id).toBe(LINE_ID);
    expect(release.tender?.items?.[0]).toMatchObject({
      description: caregiving.nameZh,
      classification: { id: 'C-CAREGIVING', description: caregiving.nameZh },
    });
  });

  it('publishes without the catalog item, labelled with the project’s title and code', async () => {
    // Arrange: the item is not in the catalog (an optional read)
    const { deps } = fakeDeps([seeded.purchaser, seeded.line]);

    // Act
    const writes = await publicationOf(deps, submitted, approved, PUBLICATIONS);

    // Assert
    expect(caregiving.nameZh).not.toBe(approved.title);
    expect(releaseOf(writes).tender?.items?.[0]).toMatchObject({
      description: approved.title,
      classification: { id: 'C-CAREGIVING', description: 'C-CAREGIVING' },
    });
  });

  it.each([
    ['purchaser', [seeded.line, seeded.item], `purchaser pur-town-1 of project ${PROJECT_ID} is missing`],
    [
      'budget line',
      [seeded.purchaser, seeded.item],
      `budget line ${LINE_ID} of project ${PROJECT_ID} is missing`,
    ],
  ])(
    'fails as a broken invariant when the %s is missing, not as the caller’s mistake',
    async (_, items, message) => {
      // Arrange
      const { deps } = fakeDeps(items);

      // Act
      const result = publicationOf(deps, submitted, approved, PUBLICATIONS);

      // Assert: a plain Error (a 500), with the message naming what is missing
      await expect(result).rejects.toThrow(new Error(message));
      await expect(result).rejects.not.toBeInstanceOf(DomainError);
    },
  );
});

describe('loadProject (R-BUY-1)', () => {
  const stored = { key: keys.project(PROJECT_ID), value: approved as Project };

  it('finds a project in the viewer’s scope', async () => {
    const { deps, reads } = fakeDeps([stored]);
    const found = await loadProject(deps, PROJECT_ID, {
      sub: 'u-town',
      role: 'town',
      purchaserId: 'pur-town-1',
    });
    expect(found.value).toBe(approved);
    expect(reads).toEqual([keys.project(PROJECT_ID)]);
  });

  it.each([
    ['missing', [], 'pur-town-1'],
    ['another purchaser’s', [stored], 'pur-town-2'],
  ])('answers "project not found" for a %s project', async (_, items, purchaserId) => {
    const { deps } = fakeDeps(items);
    const result = loadProject(deps, PROJECT_ID, { sub: 'u-town', role: 'town', purchaserId });
    await expect(result).rejects.toMatchObject({ code: 'not_found', message: 'project not found' });
  });
});
