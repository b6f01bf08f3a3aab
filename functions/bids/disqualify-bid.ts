import { disqualifyBidRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { callbackDeps } from '#shared/adapters/workflow';
import { api, ok } from '#shared/http/api-handler';
import { disqualify } from '#shared/use-cases/bids';
import { resumeWorkflow } from '#shared/use-cases/workflow-callbacks';
import { bidView } from './views';

export const handler = api(disqualifyBidRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const { bid, validBidsLeft, endsScoring } = await disqualify(
    { store, clock },
    params.id,
    params.contractorId,
    body,
    { viewer: principal, actor, ifMatch },
  );
  // Too few valid bids left to score: the workflow moves on and Evaluate declares the project unsuccessful.
  // After the commit, never before.
  if (endsScoring) await resumeWorkflow(callbackDeps, params.id, 'scores', { validBids: validBidsLeft });
  return ok(bidView(bid), bid.version);
});
