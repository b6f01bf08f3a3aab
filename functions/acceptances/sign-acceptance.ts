import { signAcceptanceRoute } from './routes';
import { api, created } from '#shared/http/api-handler';
import { signAcceptance } from '#shared/use-cases/acceptances';
import { acceptanceDeps } from './workflow-deps';

export const handler = api(signAcceptanceRoute, async ({ params, body, principal, actor, ifMatch }) =>
  created(
    await signAcceptance(
      acceptanceDeps,
      { contractId: params.id, acceptanceId: params.acceptanceId },
      { verdict: body.verdict, ...(body.reason ? { reason: body.reason } : {}) },
      { viewer: principal, actor, ifMatch },
    ),
  ),
);
