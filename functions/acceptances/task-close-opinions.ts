/** Acceptance task CloseOpinions: the opinions' wait is over; records whether fewer than the minimum came in. */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { closeOpinions } from '#shared/use-cases/acceptance-tasks';
import { AcceptanceRef } from './task-input';
import { acceptanceDeps } from './workflow-deps';

export const handler = (event: unknown) =>
  closeOpinions(acceptanceDeps, parseTaskInput(AcceptanceRef, event));
