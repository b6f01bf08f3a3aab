/** Acceptance task Reinspect: after the rectification deadline, the next round. */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { reinspect } from '#shared/use-cases/acceptance-tasks';
import { RoundRef } from './task-input';
import { acceptanceDeps } from './workflow-deps';

export const handler = (event: unknown) => reinspect(acceptanceDeps, parseTaskInput(RoundRef, event));
