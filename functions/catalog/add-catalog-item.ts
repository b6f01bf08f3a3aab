import { addCatalogItemRoute } from './routes';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { clock, store } from '#shared/adapters/store';
import type { CatalogItem } from '#shared/domain/catalog';
import { api, created } from '#shared/http/api-handler';
import { addItem } from '#shared/use-cases/catalog';

const respond = (item: CatalogItem) => created(item, item.version);

export const handler = api(
  addCatalogItemRoute,
  async ({ body, actor, remember }) =>
    respond(await addItem({ store, clock }, body, { actor, remember: (item) => remember(respond(item)) })),
  { idempotency },
);
