import { describe, expect, it } from 'vitest';
import { ON_CANCEL, ON_CHALLENGE_ANSWER, ON_CONTRACT, PUBLICATIONS } from '#shared/domain/ocds';
import type { Publication } from '#shared/domain/ocds';

// A use case passing a narrowed list must still find every kind its transitions publish (issue 9 §3).
const complete = (list: readonly Publication[], statuses: readonly string[]) =>
  PUBLICATIONS.filter((p) => statuses.includes(p.to)).every((p) => list.includes(p));

describe('narrowed OCDS publication lists', () => {
  it('cover every kind published on the statuses their use case moves a project to', () => {
    expect(complete(ON_CANCEL, ['cancelled'])).toBe(true);
    expect(complete(ON_CHALLENGE_ANSWER, ['bidding_closed', 'cancelled'])).toBe(true);
    expect(complete(ON_CONTRACT, ['contracted'])).toBe(true);
  });
});
