import { lookupInvitationRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { lookupInvitation } from '#shared/use-cases/acceptances';

export const handler = api(lookupInvitationRoute, async ({ body }) =>
  ok(await lookupInvitation({ store, clock }, body.token)),
);
