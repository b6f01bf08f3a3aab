/**
 * The catalog use case (shared/use-cases/catalog.ts) against a fake store: R-CAT-2, a district item's code is
 * refused when ANY item of the catalog already has it (not only when every item does); refining the standard of
 * an item that does not exist (R-CAT-4) is "not found", with nothing written.
 */
import { describe, expect, it } from 'vitest';
import type { RecordChange } from '#shared/adapters/dynamodb/record-store';
import { addItem, readCatalog, refine } from '#shared/use-cases/catalog';
import type { Deps, RecordStorePort } from '#shared/use-cases/ports';

const head = { auditSeq: 1, auditHash: 'h1' };
const bureau = { sub: 'u-bureau', role: 'bureau' };
const row = (code: string) => ({
  value: { kind: 'item', code, nameZh: code, nameEn: code, version: 1 },
  head,
});
const negative = { value: { kind: 'negative', category: 'eligibility', phrasings: ['低保审批'] }, head };

function fakeDeps() {
  const commits: (readonly RecordChange[])[] = [];
  const store = {
    queryAll: (partition: string) =>
      Promise.resolve(partition === 'CATALOG' ? [row('A01'), negative, row('B02'), row('C03')] : []),
    get: () => Promise.resolve(undefined),
    commit: (changes: readonly RecordChange[]) => {
      commits.push(changes);
      return Promise.resolve([]);
    },
  } as unknown as RecordStorePort;
  const deps: Deps = { store, clock: { now: () => new Date('2026-11-24T02:00:00Z') } };
  return { deps, commits };
}

describe('the catalog (R-CAT-1, R-CAT-2, R-CAT-4)', () => {
  it('reads items and the negative list apart from one partition', async () => {
    const { items, negativeList } = await readCatalog(fakeDeps().deps);
    expect(items.map((i) => i.value.code)).toEqual(['A01', 'B02', 'C03']);
    expect(items[0]).toEqual({ value: { code: 'A01', nameZh: 'A01', nameEn: 'A01', version: 1 }, head });
    expect(negativeList).toEqual([{ category: 'eligibility', phrasings: ['低保审批'] }]);
  });

  it('refuses a district item whose code one of several items already has, writing nothing', async () => {
    const { deps, commits } = fakeDeps();
    const input = {
      code: 'B02',
      nameZh: '新项目',
      nameEn: 'new',
      standard: { summary: 's', indicators: [] },
    };
    await expect(addItem(deps, input as never, { actor: bureau, remember: () => [] })).rejects.toMatchObject({
      code: 'duplicate',
      details: { field: 'code' },
    });
    expect(commits).toEqual([]);
  });

  it('answers not found for the standard of an item that does not exist', async () => {
    const { deps, commits } = fakeDeps();
    await expect(refine(deps, 'Z99', {} as never, { actor: bureau, ifMatch: 1 })).rejects.toMatchObject({
      code: 'not_found',
      message: 'catalog item not found',
    });
    expect(commits).toEqual([]);
  });
});
