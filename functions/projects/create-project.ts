import { createProjectRoute } from './routes';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { clock, store } from '#shared/adapters/store';
import type { Project } from '#shared/domain/project';
import { api, created } from '#shared/http/api-handler';
import { createProject } from '#shared/use-cases/projects';
import { projectView } from './views';

const respond = (project: Project) => created(projectView(project), project.version);

export const handler = api(
  createProjectRoute,
  async ({ body, principal, actor, remember }) =>
    respond(
      await createProject({ store, clock }, body, {
        viewer: principal,
        actor,
        remember: (project) => remember(respond(project)),
      }),
    ),
  { idempotency },
);
