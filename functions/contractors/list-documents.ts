import { listDocumentsRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { store } from '#shared/adapters/store';
import type { EvidenceDocument } from '#shared/domain/contractor';
import { canSeeEvidence } from '#shared/domain/access';
import { notFound } from '#shared/domain/errors';
import { keys } from '#shared/adapters/dynamodb/keys';
import { api, ok } from '#shared/http/api-handler';
import { documentView } from './views';

export const handler = api(
  listDocumentsRoute,
  async ({ params, query, principal }) => {
    if (!canSeeEvidence(principal, params.id)) throw notFound('contractor');
    const page = await store.queryPartition<EvidenceDocument>(keys.contractor(params.id).PK, {
      limit: query.limit,
      sortKeyPrefix: 'DOC#',
      newestFirst: true,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return ok({
      items: page.items.map((s) => documentView(s.value)),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
  },
  { delegations: findDelegation },
);
