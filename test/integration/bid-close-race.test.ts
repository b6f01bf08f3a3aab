/**
 * Bids at the deadline rush and the close (R-PROC-1, R-PROC-2, issue 11 §3), against DynamoDB Local through the
 * real use cases. The project is published over HTTP on the embedded stack; then N eligible contractors submit
 * and revise their bids all at once through `submitOrReviseBid` on a clock a millisecond before the deadline.
 * No bid transaction holds the project item any more, so concurrent bidders never cancel each other: every one
 * lands at the first try, under DynamoDB's conflict rule (test/support/transaction-conflicts.ts: DynamoDB Local
 * serializes transactions and never answers TransactionConflict). Bidding is closed by time: a bid judged at
 * the deadline is refused (409, R-PROC-1), CloseBidding refuses to run until the deadline plus the grace for bids
 * still being written (shared/domain/bid-closing.ts), and then counts exactly the bids that landed.
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/adapters/dynamodb/client';
import { bidSeal } from '#shared/adapters/kms/bid-seal';
import { store } from '#shared/adapters/store';
import { BID_CLOSE_GRACE_SECONDS } from '#shared/domain/bid-closing';
import type { Clock } from '#shared/domain/clock';
import { DomainError } from '#shared/domain/errors';
import { submitOrReviseBid } from '#shared/use-cases/bids';
import { loadBids } from '#shared/use-cases/procurement-reads';
import { closeBidding } from '#shared/use-cases/procurement-tasks';
import { eligibleContractor, publishedProject, type PublishedProject } from '../support/procurement';
import { transactionConflictRule } from '../support/transaction-conflicts';

const N = 10;
/** Each contractor submits, then revises this often, one after the other; the contractors all at once. */
const REVISIONS = 2;

const at = (iso: string, deltaMs: number): Clock => ({ now: () => new Date(Date.parse(iso) + deltaMs) });

let contractors: { id: string }[];
/**
 * DynamoDB's conflict rule applied in front of DynamoDB Local (which serializes transactions and never answers
 * TransactionConflict): a transaction naming an item another one holds is cancelled, as on AWS.
 */
const rule = transactionConflictRule({ holdMs: 5 });
const RULE = 'transaction-conflict-rule';

beforeAll(async () => {
  contractors = await Promise.all(Array.from({ length: N }, () => eligibleContractor()));
  documentClient.middlewareStack.add(
    (next, context) => async (args) =>
      /^TransactWrite(Items)?Command$/.test(context.commandName ?? '')
        ? rule.run(args.input as TransactWriteCommandInput, () => next(args))
        : next(args),
    { step: 'initialize', name: RULE, priority: 'high' },
  );
}, 300_000);

afterAll(() => {
  documentClient.middlewareStack.remove(RULE);
});

const outcomeOf = (settled: PromiseSettledResult<unknown>): string =>
  settled.status === 'fulfilled'
    ? 'landed'
    : settled.reason instanceof DomainError
      ? `${settled.reason.code} ${String(settled.reason.details.rule)}`
      : `unexpected ${String(settled.reason)}`;

describe(`${N} bidders at the deadline rush, then the close (R-PROC-1, R-PROC-2, issue 11 §3)`, () => {
  it('every bid and revision lands at the first try, none after the deadline, and the close counts them all once the grace is over', async () => {
    // Arrange: bids close in a day on the real clock; the rush runs on clocks around that deadline.
    const project: PublishedProject = await publishedProject({
      evaluatorIds: ['race-eval-1', 'race-eval-2', 'race-eval-3'],
      closesInSeconds: 86_400,
    });
    const deadline = project.tender!.bidDeadline;
    const received: string[] = [];
    const metrics = { count: async (metric: string) => void received.push(metric) };
    // `ifMatch`: null for the first bid (If-None-Match: *), else the version revised (issue 12 §3).
    const bid = (i: number, price: number, clock: Clock, ifMatch: number | null) =>
      submitOrReviseBid(
        { store, clock, metrics, seal: bidSeal },
        project.id,
        { price, proposal: { summary: `服务方案 ${i}` } },
        {
          viewer: { sub: `u-${contractors[i]!.id}`, role: 'contractor', contractorId: contractors[i]!.id },
          actor: { sub: `u-${contractors[i]!.id}`, role: 'contractor' },
          ifMatch,
        },
      );
    const onTime = at(deadline, -1);
    rule.tally.conflicts = 0;

    // Act: every contractor at once, each submitting and then revising its own bid.
    const settled = await Promise.allSettled(
      contractors.map(async (_, i) => {
        for (let revision = 0; revision <= REVISIONS; revision++)
          await bid(i, 900_000 - revision, onTime, revision === 0 ? null : revision);
      }),
    );
    const late = await Promise.allSettled([bid(0, 800_000, at(deadline, 0), 1 + REVISIONS)]);
    const tooEarly = await Promise.allSettled([
      closeBidding(
        { store, clock: at(deadline, BID_CLOSE_GRACE_SECONDS * 1000 - 1), overrideSeconds: undefined },
        project.id,
      ),
    ]);
    const closed = await closeBidding(
      { store, clock: at(deadline, BID_CLOSE_GRACE_SECONDS * 1000), overrideSeconds: undefined },
      project.id,
    );

    // Assert: every bidder's last revision is stored; no transaction was cancelled for another's.
    expect(settled.map(outcomeOf)).toEqual(contractors.map(() => 'landed'));
    expect(rule.tally.conflicts).toBe(0);
    const stored = await loadBids({ store, clock: onTime }, project.id);
    // (The price is sealed in the stored record, issue 11 §1: the revision tells the last write landed.)
    expect(stored.map((b) => [b.value.contractorId, b.value.revision]).sort()).toEqual(
      contractors.map((c) => [c.id, 1 + REVISIONS]).sort(),
    );
    // A bid judged at the deadline is refused, and changed nothing.
    expect(late.map(outcomeOf)).toEqual(['conflict R-PROC-1']);
    // The close waits for bids still being written, then counts them exactly.
    expect(tooEarly.map((s) => (s.status === 'rejected' ? (s.reason as Error).name : 'ran'))).toEqual([
      'TransientTaskError',
    ]);
    expect(closed).toEqual({ outcome: 'closed', bids: N });
    expect(received.filter((m) => m === 'BidsReceived')).toHaveLength(N);
    expect(received.filter((m) => m === 'BidsRevised')).toHaveLength(N * REVISIONS);
    console.info(
      `deadline rush: ${N} bidders × ${1 + REVISIONS} writes, ${rule.tally.conflicts} transaction conflicts`,
    );
  });
});
