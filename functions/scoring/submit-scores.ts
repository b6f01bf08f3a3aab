import { submitScoresRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { callbackDeps } from '#shared/adapters/workflow';
import { api, created, ok } from '#shared/http/api-handler';
import { submitScores } from '#shared/use-cases/scoring';
import { scoreSheetView } from './views';

export const handler = api(submitScoresRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const { sheet, created: first } = await submitScores({ store, clock, ...callbackDeps }, params.id, body, {
    evaluatorId: principal.sub,
    actor,
    ifMatch,
  });
  return (first ? created : ok)(scoreSheetView(sheet), sheet.version);
});
