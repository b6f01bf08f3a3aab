import { getPublicCatalogRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { readCatalog } from '#shared/use-cases/catalog';

export const handler = api(getPublicCatalogRoute, async () => {
  const { items, negativeList } = await readCatalog({ store, clock });
  const response = ok({ items: items.map((i) => i.value), negativeList });
  // Public and slow-changing: let browsers and CDNs keep it briefly.
  return { ...response, headers: { 'cache-control': 'public, max-age=60' } };
});
