import { submitOpinionRoute } from './routes';
import { api, ok } from '#shared/http/api-handler';
import { submitOpinion } from '#shared/use-cases/acceptances';
import { acceptanceDeps } from './workflow-deps';

export const handler = api(submitOpinionRoute, async ({ body }) =>
  ok(
    await submitOpinion(acceptanceDeps, {
      token: body.token,
      satisfaction: body.satisfaction,
      items: body.items,
      ...(body.comment ? { comment: body.comment } : {}),
    }),
  ),
);
