/**
 * Acceptance tasks Announce, AnnounceRectification and AnnounceFailure: the round's result announced (R-ACC-4), with
 * the milestone payable on a pass (R-ACC-3), in one transaction.
 */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { announce } from '#shared/use-cases/acceptance-tasks';
import { RoundRef } from './task-input';
import { acceptanceDeps } from './workflow-deps';

export const handler = (event: unknown) => announce(acceptanceDeps, parseTaskInput(RoundRef, event));
