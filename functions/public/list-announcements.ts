import { listAnnouncementsRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listAnnouncements } from '#shared/use-cases/public-disclosure';
import { PUBLIC_CACHE } from './packages';

export const handler = api(listAnnouncementsRoute, async ({ query }) => {
  const page = await listAnnouncements({ store, clock }, query);
  const response = ok({
    items: page.items.map((a) => ({ ...a, links: { record: `/v1/public/ocds/records/${a.ocid}` } })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return { ...response, headers: PUBLIC_CACHE };
});
