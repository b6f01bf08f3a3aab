import { publishProjectRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { startExecution } from '#shared/adapters/sfn/workflows';
import { config } from '#shared/config';
import { api } from '#shared/http/api-handler';
import { requestPublication } from '#shared/use-cases/publication';

const deps = {
  store,
  clock,
  overrideSeconds: config.MINIMUM_PERIOD_SECONDS_OVERRIDE,
  workflow: { start: (name: string, input: unknown) => startExecution('procurement', name, input) },
};

export const handler = api(publishProjectRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const { project, executionArn, request } = await requestPublication(deps, params.id, body, {
    viewer: principal,
    actor,
    ifMatch,
  });
  return {
    status: 202,
    body: { projectId: project.id, executionArn, bidDeadline: request.bidDeadline, status: 'publishing' },
    headers: { location: `/v1/projects/${project.id}` },
  };
});
