import { listOcdsReleasesRoute } from './routes';
import { queryPartition } from '#shared/adapters/dynamodb/records';
import { api, ok } from '#shared/http/api-handler';
import { releasesSince } from '#shared/use-cases/public-disclosure';
import { PUBLIC_CACHE, publicBase, releasePackage } from './packages';

export const handler = api(listOcdsReleasesRoute, async ({ query, event, now }) => {
  // The feed reads one release ahead, which the store port does not offer: records.ts directly (FeedStore).
  const page = await releasesSince({ store: { queryPartition } }, query);
  const body = releasePackage(page, { ...query, base: publicBase(event), path: event.rawPath, now });
  return { ...ok(body), headers: PUBLIC_CACHE };
});
