import { answerChallengeRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { callbackDeps } from '#shared/adapters/workflow';
import { api, ok } from '#shared/http/api-handler';
import { answerProjectChallenge } from '#shared/use-cases/challenges';
import { challengeView } from './views';

export const handler = api(answerChallengeRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const challenge = await answerProjectChallenge(
    { store, clock, ...callbackDeps },
    { projectId: params.id, challengeId: params.challengeId },
    body,
    { viewer: principal, actor, ifMatch },
  );
  return ok(challengeView(challenge), challenge.version);
});
