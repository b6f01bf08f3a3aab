import { listChallengesRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { listProjectChallenges } from '#shared/use-cases/challenges';
import { challengeView } from './views';

export const handler = api(
  listChallengesRoute,
  async ({ params, principal }) => {
    const challenges = await listProjectChallenges({ store, clock }, params.id, principal);
    return ok({ items: challenges.map(challengeView) });
  },
  { delegations: findDelegation },
);
