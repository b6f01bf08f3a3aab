import { fileChallengeRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { takeToken } from '#shared/adapters/dynamodb/rate-buckets';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { clock, store } from '#shared/adapters/store';
import type { Challenge } from '#shared/domain/standstill';
import { api, created } from '#shared/http/api-handler';
import { fileProjectChallenge } from '#shared/use-cases/challenges';
import { challengeView } from './views';

const respond = (challenge: Challenge) => created(challengeView(challenge), challenge.version);

export const handler = api(
  fileChallengeRoute,
  async ({ params, body, principal, actor, remember }) =>
    respond(
      await fileProjectChallenge({ store, clock }, params.id, body, {
        viewer: principal,
        actor,
        remember: (challenge) => remember(respond(challenge)),
      }),
    ),
  { idempotency, rateLimit: takeToken, delegations: findDelegation },
);
