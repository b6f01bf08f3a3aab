/**
 * The service catalog (R-CAT-1..4): read publicly, extended and refined by the bureau.
 */
import type { Actor } from '#shared/domain/audit-chain';
import type { CatalogItem, NegativeListEntry, ServiceStandard } from '#shared/domain/catalog';
import { addDistrictItem, refineStandard } from '#shared/domain/catalog';
import { isoWithOffset } from '#shared/domain/clock';
import { notFound } from '#shared/domain/errors';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { keys } from '#shared/adapters/dynamodb/keys';
import { previousOf } from '#shared/adapters/dynamodb/record-store';
import { assertVersion } from './if-match';
import type { Deps } from './ports';

type CatalogRow = (CatalogItem & { kind: 'item' }) | (NegativeListEntry & { kind: 'negative' });

/** The whole catalog partition in one Query: items and negative list together. */
export async function readCatalog(deps: Deps) {
  const rows = await deps.store.queryAll<CatalogRow>('CATALOG');
  const items: Stored<CatalogItem>[] = [];
  const negativeList: NegativeListEntry[] = [];
  for (const row of rows) {
    const { kind, ...value } = row.value;
    if (kind === 'item') items.push({ value: value as CatalogItem, head: row.head });
    else negativeList.push(value as NegativeListEntry);
  }
  return { items, negativeList };
}

const itemChange = (
  item: CatalogItem,
  action: string,
  actor: Actor,
  at: string,
  previous?: Stored<CatalogItem>,
): RecordChange => {
  const row: CatalogRow = { ...item, kind: 'item' };
  return {
    recordType: 'catalog-item',
    recordId: item.code,
    key: keys.catalogItem(item.code),
    value: row,
    ...previousOf(previous),
    actor,
    action,
    at,
  };
};

export async function addItem(
  deps: Deps,
  input: Omit<CatalogItem, 'origin' | 'version'>,
  ctx: { actor: Actor; remember: (item: CatalogItem) => ExtraWrite[] },
): Promise<CatalogItem> {
  const { items, negativeList } = await readCatalog(deps);
  const item = addDistrictItem(input, {
    codeTaken: items.some((i) => i.value.code === input.code),
    negativeList,
  });
  await deps.store.commit(
    [itemChange(item, 'catalog-item.added', ctx.actor, isoWithOffset(deps.clock.now()))],
    ctx.remember(item),
  );
  return item;
}

export async function refine(
  deps: Deps,
  code: string,
  standard: ServiceStandard,
  ctx: { actor: Actor; ifMatch: number },
): Promise<CatalogItem> {
  const stored = await deps.store.get<CatalogItem & { kind: 'item' }>(keys.catalogItem(code));
  if (!stored) throw notFound('catalog item');
  const { kind: _kind, ...current } = stored.value;
  assertVersion(current, ctx.ifMatch);
  const next = refineStandard(current, standard);
  await deps.store.commit([
    itemChange(next, 'catalog-item.standard_refined', ctx.actor, isoWithOffset(deps.clock.now()), {
      value: current,
      head: stored.head,
    }),
  ]);
  return next;
}
