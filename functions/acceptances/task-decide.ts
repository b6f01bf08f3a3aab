/** Acceptance task Decide: the round's decision from the rule and the quorum's signatures (R-ACC-1, R-ACC-2). */
import { parseTaskInput } from '#shared/adapters/sfn/task-input';
import { decideRound } from '#shared/use-cases/acceptance-tasks';
import { AcceptanceRef } from './task-input';
import { acceptanceDeps } from './workflow-deps';

export const handler = (event: unknown) => decideRound(acceptanceDeps, parseTaskInput(AcceptanceRef, event));
