import { getOcdsRecordRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { compiledRecord } from '#shared/use-cases/public-disclosure';
import { PUBLIC_CACHE, publicBase, recordPackage } from './packages';

export const handler = api(getOcdsRecordRoute, async ({ params, event, now }) => {
  const record = await compiledRecord({ store, clock }, params.ocid);
  const body = recordPackage(record, { base: publicBase(event), path: event.rawPath, now });
  return { ...ok(body), headers: PUBLIC_CACHE };
});
