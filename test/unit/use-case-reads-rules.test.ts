/**
 * Small use-case rules the handler tests reach only through whole routes (issue 10 §2, mutants that survived):
 * - If-Match (docs/api.md: 412 when stale): only the exact current version passes, and the answer names both.
 * - Procurement reads (shared/use-cases/procurement-reads.ts) are strongly consistent and read only their own kind
 *   of item: a bid acknowledged just before the deadline is counted when bidding closes (R-PROC-5, every qualified
 *   contractor can take part), and the task checking that scoring is complete sees the last score sheet.
 * - The bid deadline of a publication (R-PROC-2), at both of its bounds.
 */
import { describe, expect, it } from 'vitest';
import { isoWithOffset } from '#shared/domain/clock';
import { DomainError } from '#shared/domain/errors';
import { defaultRules, earliestDeadline } from '#shared/domain/procurement-rules';
import { assertVersion } from '#shared/use-cases/if-match';
import { loadBids, loadChallenges, loadScoreSheets } from '#shared/use-cases/procurement-reads';
import type { Deps, RecordStorePort } from '#shared/use-cases/ports';
import {
  checkBidDeadline,
  MAX_TENDER_PERIOD_DAYS,
  publicationExecutionName,
} from '#shared/use-cases/publication';

describe('If-Match', () => {
  it('passes the current version only', () => {
    expect(() => assertVersion({ version: 3 }, 3)).not.toThrow();
    for (const stale of [2, 4, 0]) {
      expect(() => assertVersion({ version: 3 }, stale)).toThrow(DomainError);
    }
  });

  it('answers stale (412) naming the version sent and the current one', () => {
    let error: unknown;
    try {
      assertVersion({ version: 7 }, 5);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'stale',
      message: 'If-Match "5" is not the current version "7"; read it again',
    });
  });
});

describe('procurement reads', () => {
  function recordingDeps() {
    const calls: { partitionKey: string; options: unknown }[] = [];
    const store = {
      queryAll: (partitionKey: string, options?: unknown) => {
        calls.push({ partitionKey, options });
        return Promise.resolve([]);
      },
    } as unknown as RecordStorePort;
    const deps: Deps = { store, clock: { now: () => new Date(0) } };
    return { deps, calls };
  }

  it('reads the bids, score sheets of the round and challenges of the project, strongly consistent', async () => {
    const { deps, calls } = recordingDeps();
    await loadBids(deps, 'prj_1');
    await loadScoreSheets(deps, 'prj_1', 2);
    await loadChallenges(deps, 'prj_1');
    expect(calls).toEqual([
      { partitionKey: 'PROJECT#prj_1', options: { sortKeyPrefix: 'BID#', consistent: true } },
      { partitionKey: 'PROJECT#prj_1', options: { sortKeyPrefix: 'SCORES#002#', consistent: true } },
      { partitionKey: 'PROJECT#prj_1', options: { sortKeyPrefix: 'CHALLENGE#', consistent: true } },
    ]);
  });
});

describe('the bid deadline of a publication (R-PROC-2)', () => {
  const rules = defaultRules('pur-district');
  const publishedAt = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
  const openTender = { procurementMethod: 'open_tender' as const };
  const earliest = earliestDeadline('open_tender', publishedAt, rules);
  const refusal = (deadline: Date, override?: number) => {
    try {
      checkBidDeadline(openTender, rules, deadline, publishedAt, override);
      return undefined;
    } catch (e) {
      return e;
    }
  };

  it('accepts the earliest deadline itself and refuses a millisecond before, naming bidDeadline and R-PROC-2', () => {
    expect(refusal(earliest)).toBeUndefined();
    expect(refusal(new Date(earliest.getTime() - 1))).toMatchObject({
      code: 'refused',
      message: `bidDeadline: 公开招标 leaves bidders until ${isoWithOffset(earliest)} at the earliest`,
      details: { field: 'bidDeadline', rule: 'R-PROC-2' },
    });
  });

  it(`accepts exactly ${MAX_TENDER_PERIOD_DAYS} days after publication and refuses a millisecond more`, () => {
    const latest = new Date(publishedAt.getTime() + MAX_TENDER_PERIOD_DAYS * 86_400_000);
    expect(refusal(latest)).toBeUndefined();
    expect(refusal(new Date(latest.getTime() + 1))).toMatchObject({
      code: 'invalid',
      message: 'bidDeadline: at most 180 days after publication',
      details: { field: 'bidDeadline' },
    });
  });

  it('uses the deployment’s seconds override when one is set, and only then', () => {
    expect(refusal(new Date(publishedAt.getTime() + 5_000), 5)).toBeUndefined();
    expect(refusal(new Date(publishedAt.getTime() + 4_999), 5)).toMatchObject({ code: 'refused' });
    expect(refusal(new Date(publishedAt.getTime() + 5_000), undefined)).toMatchObject({ code: 'refused' });
  });

  it('names the execution after the project and its version: one publication per version', () => {
    expect(publicationExecutionName({ id: 'prj_1', version: 4 })).toBe('prj_1-v4');
  });
});
