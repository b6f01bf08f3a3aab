/** API view of a challenge: domain record → the shape in challenge.schema.ts. */
import type * as z from '#shared/schemas/zod';
import type { Challenge } from '#shared/domain/standstill';
import type { Challenge as ChallengeSchema } from '#shared/schemas/challenge.schema';

export const challengeView = (c: Challenge): z.infer<ReturnType<typeof ChallengeSchema>> => ({
  id: c.id,
  projectId: c.projectId,
  contractorId: c.contractorId,
  round: c.round,
  grounds: c.grounds,
  filedAt: c.filedAt,
  status: c.status,
  ...(c.answer ? { answer: c.answer } : {}),
  version: c.version,
});
