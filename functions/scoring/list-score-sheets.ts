import { listScoreSheetsRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import { readScoreSheets } from '#shared/use-cases/scoring';
import { scoreSheetListView } from './views';

export const handler = api(listScoreSheetsRoute, async ({ params, principal }) => {
  const sheets = await readScoreSheets({ store, clock }, params.id, principal);
  return ok(scoreSheetListView(params.id, sheets));
});
