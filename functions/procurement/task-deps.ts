/** The production wiring every procurement task shares. */
import { clock, store } from '#shared/adapters/store';
import { config } from '#shared/config';
import type { TaskDeps } from '#shared/use-cases/procurement-tasks';
import * as z from '#shared/schemas/zod';

export const taskDeps: TaskDeps = {
  store,
  clock,
  overrideSeconds: config.MINIMUM_PERIOD_SECONDS_OVERRIDE,
};

export const ProjectRef = z.object({ projectId: z.string().check(z.regex(/^[0-9A-Za-z_-]{6,40}$/)) });
