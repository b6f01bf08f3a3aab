/**
 * Bids against the close (R-PROC-1, R-PROC-2, issue 10 §2), against DynamoDB Local through the real use cases.
 * The project is published over HTTP on the embedded stack; then N eligible contractors submit their bids
 * through `submitOrReviseBid` on a clock a millisecond before the deadline, while CloseBidding runs on a clock a
 * millisecond after it, so every bid has passed the deadline check and only the close's transaction decides.
 * Counted outcome: every bid either landed, is in the closed set and was counted by the close (and by the
 * BidsReceived metric), or got a clear refusal (409, R-PROC-1) and left nothing behind. None is lost, none
 * lands after the close.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { store } from '#shared/adapters/store';
import type { Clock } from '#shared/domain/clock';
import { DomainError } from '#shared/domain/errors';
import { submitOrReviseBid } from '#shared/use-cases/bids';
import { loadBids } from '#shared/use-cases/procurement-reads';
import { closeBidding } from '#shared/use-cases/procurement-tasks';
import { eligibleContractor, publishedProject, type PublishedProject } from '../support/procurement';

const N = 10;
/** Bids that land before CloseBidding is called, and bids started after it has returned; the rest race it. */
const BEFORE = 3;
const AFTER = 3;

const at = (iso: string, deltaMs: number): Clock => ({ now: () => new Date(Date.parse(iso) + deltaMs) });
const actor = (contractorId: string) => ({ sub: `u-${contractorId}`, role: 'contractor' });

let contractors: { id: string }[];

beforeAll(async () => {
  contractors = await Promise.all(Array.from({ length: N }, () => eligibleContractor()));
}, 300_000);

/** The refusal a bid got, as the API would name it, or 'landed'. */
const outcomeOf = (settled: PromiseSettledResult<unknown>): string =>
  settled.status === 'fulfilled'
    ? 'landed'
    : settled.reason instanceof DomainError
      ? `${settled.reason.code} ${String(settled.reason.details.rule)}`
      : `unexpected ${String(settled.reason)}`;

describe(`${N} bids against the close of bidding (R-PROC-1, R-PROC-2)`, () => {
  it('every bid is either in the closed set and counted, or refused with a 409; none lost, none after the close', async () => {
    // Arrange: bids close in a day on the real clock; the race runs on clocks around that deadline.
    const project: PublishedProject = await publishedProject({
      evaluatorIds: ['race-eval-1', 'race-eval-2', 'race-eval-3'],
      closesInSeconds: 86_400,
    });
    const deadline = project.tender!.bidDeadline;
    const received: string[] = [];
    const bidDeps = {
      store,
      clock: at(deadline, -1),
      metrics: { count: async (metric: string) => void received.push(metric) },
    };
    // Settled at once, so a refusal arriving while the close is awaited is never an unhandled rejection.
    const bid = async (i: number): Promise<PromiseSettledResult<unknown>> =>
      (
        await Promise.allSettled([
          submitOrReviseBid(
            bidDeps,
            project.id,
            { price: 900_000 + i, proposal: { summary: `服务方案 ${i}` } },
            {
              viewer: {
                sub: `u-${contractors[i]!.id}`,
                role: 'contractor',
                contractorId: contractors[i]!.id,
              },
              actor: actor(contractors[i]!.id),
            },
          ),
        ])
      )[0]!;

    // Act: the first bids are in before the close, the middle ones are sent while it runs (a few
    // milliseconds apart, so some land before its transaction and some after), the last follow it.
    const early = await Promise.all(Array.from({ length: BEFORE }, (_, i) => bid(i)));
    const racing = Array.from({ length: N - BEFORE - AFTER }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 15));
      return bid(BEFORE + i);
    });
    const closed = await closeBidding(
      { store, clock: at(deadline, 1), overrideSeconds: undefined },
      project.id,
    );
    const late = Array.from({ length: AFTER }, (_, i) => bid(N - AFTER + i));
    const settled = await Promise.all([...early, ...racing, ...late]);

    // Assert: every bid has one outcome, a landing or a clear refusal.
    const outcomes = settled.map(outcomeOf);
    expect(outcomes.filter((o) => o !== 'landed' && o !== 'conflict R-PROC-1')).toEqual([]);
    const landed = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [contractors[i]!.id] : []));
    const refused = outcomes.filter((o) => o === 'conflict R-PROC-1');
    expect(landed.length + refused.length).toBe(N);
    // Bids in before the close all land; bids sent after it returned cannot.
    expect(outcomes.slice(0, BEFORE)).toEqual(Array.from({ length: BEFORE }, () => 'landed'));
    expect(outcomes.slice(N - AFTER)).toEqual(Array.from({ length: AFTER }, () => 'conflict R-PROC-1'));

    // The closed set is exactly the bids that landed: none lost, none written after the close.
    const stored = await loadBids({ store, clock: at(deadline, 1) }, project.id);
    expect(stored.map((b) => b.value.contractorId).sort()).toEqual([...landed].sort());
    // Counted by the close (after it closed) and by the metric, the same number.
    expect(closed.bids).toBe(landed.length);
    expect(project.tender!.minimumBids).toBeLessThanOrEqual(BEFORE);
    expect(closed.outcome).toBe('closed');
    expect(received).toEqual(landed.map(() => 'BidsReceived'));

    // And the project is closed for good: a bid still on the old clock is refused.
    expect(outcomeOf(await bid(0))).toBe('conflict R-PROC-1');
    console.info(`bids against the close: ${landed.length} landed and counted, ${refused.length} refused`);
  });
});
