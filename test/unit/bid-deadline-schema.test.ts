/**
 * R-PROC-1: a bid deadline is on a whole second. EventBridge gives S3's creation time to the second, so lateness
 * within the deadline's second could not be judged, and an upload form could be cut to a second already past.
 */
import { describe, expect, it } from 'vitest';
import { PublishProjectBody } from '#shared/schemas/project.schema';
import * as z from '#shared/schemas/zod';

describe('PublishProjectBody.bidDeadline', () => {
  it('refuses a deadline with a fraction of a second, naming bidDeadline', () => {
    for (const bidDeadline of [
      '2026-12-01T10:00:00.500+08:00',
      '2026-12-01T10:00:00.001Z',
      '2026-12-01T10:00:00.9Z',
    ]) {
      const result = z.safeParse(PublishProjectBody, { bidDeadline });
      expect(result.success, bidDeadline).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([['bidDeadline']]);
    }
  });

  it('accepts a deadline on a whole second, with or without a fraction of zeros', () => {
    for (const bidDeadline of [
      '2026-12-01T10:00:00+08:00',
      '2026-12-01T10:00:00.000+08:00',
      '2026-12-01T02:00:00Z',
    ]) {
      expect(z.safeParse(PublishProjectBody, { bidDeadline }).success, bidDeadline).toBe(true);
    }
  });
});
