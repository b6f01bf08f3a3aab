/** Challenges (质疑) to an award during its standstill, and the bureau's answers (R-PROC-5, R-SUP-3). */
import { count, instant, RecordId } from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const ChallengeParams = /* @__PURE__ */ (() => z.object({ id: RecordId, challengeId: RecordId }))();

export const FileChallengeBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      grounds: described(
        trimmed(1, 10_000),
        'the facts and reasons the award is contested on, in writing (政府采购质疑)',
      ),
    }),
    'FileChallenge',
  ))();

export const AnswerChallengeBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      outcome: described(
        z.enum(['dismissed', 'sustained']),
        'dismissed: the standstill goes on; sustained: the remedy applies',
      ),
      remedy: z.optional(
        described(
          z.enum(['rescore', 'cancel']),
          'sustained only: rescore withdraws the award and sends the project back to scoring; cancel cancels the project',
        ),
      ),
      reply: described(trimmed(1, 10_000), 'the written answer to the challenger'),
      publicReason: z.optional(
        described(trimmed(1, 2_000), 'cancel only, and then required: the published reason (R-SUP-3)'),
      ),
    }),
    'AnswerChallenge',
  ))();

const Actor = /* @__PURE__ */ deferred(() => z.object({ sub: z.string(), role: z.string() }));

export const Challenge = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      projectId: z.string(),
      contractorId: described(z.string(), 'the bidder that filed it'),
      round: described(count(), 'the scoring round whose award it contests'),
      grounds: z.string(),
      filedAt: instant('when the challenge was filed, inside the standstill (R-PROC-5)'),
      status: z.enum(['open', 'dismissed', 'sustained']),
      answer: z.optional(
        z.object({
          outcome: z.enum(['dismissed', 'sustained']),
          remedy: z.optional(z.enum(['rescore', 'cancel'])),
          reply: z.string(),
          publicReason: z.optional(z.string()),
          by: Actor(),
          at: instant('when the bureau answered the challenge'),
        }),
      ),
      version: count(),
    }),
    'Challenge',
    'R-PROC-5: a bidder’s challenge to the award, filed inside the standstill window',
  ),
);

export const ChallengeList = /* @__PURE__ */ deferred(() => z.object({ items: z.array(Challenge()) }));
