import { listOcdsReleasesRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { releasesSince } from '#shared/use-cases/public-disclosure';
import { PUBLIC_CACHE, publicBase, releasePackage } from './packages';

export const handler = api(listOcdsReleasesRoute, async ({ query, event, now }) => {
  const page = await releasesSince({ store, clock }, query);
  const body = releasePackage(page, { ...query, base: publicBase(event), path: event.rawPath, now });
  return { ...ok(body), headers: PUBLIC_CACHE };
});
