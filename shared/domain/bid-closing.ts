/**
 * When bidding may be closed (R-PROC-1, R-PROC-2, issue 11 §3). Pure.
 *
 * A bid's transaction holds no condition on the project item: every bidder checking that one item made
 * concurrent bidders cancel each other (TransactionConflict) at the deadline rush. Instead a bid is judged on
 * time by its own clock (assertBiddingOpen refuses from the deadline on) and commits, or dies, within its
 * function's timeout. CloseBidding runs no earlier than the deadline plus that timeout plus a margin for a
 * request already on its way to DynamoDB when the function stopped: by then every bid judged before the deadline
 * is in or gone, so the count at closing is exact and no bid lands after the close.
 */

/**
 * The Lambda timeout of every route that writes a bid (PUT …/bid, POST …/bid/documents): the house default.
 * A CDK test (test/infra/rush-limits.test.ts) fails if one of those functions gets a longer one.
 */
export const BID_FUNCTION_TIMEOUT_SECONDS = 10;

/** A request sent by a function that then timed out is answered by DynamoDB well within this. */
export const BID_WRITE_MARGIN_SECONDS = 5;

/** From the deadline to the earliest close. */
export const BID_CLOSE_GRACE_SECONDS = BID_FUNCTION_TIMEOUT_SECONDS + BID_WRITE_MARGIN_SECONDS;

/**
 * Under MINIMUM_PERIOD_SECONDS_OVERRIDE (the embedded stack and tests; refused inside Lambda, shared/config.ts)
 * a bid commits within milliseconds of its check, and a short grace keeps the stack tests short.
 */
export const OVERRIDE_CLOSE_GRACE_SECONDS = 2;

/** The earliest instant CloseBidding may close a notice whose bids were due at `bidDeadline`. */
export function closingTime(bidDeadline: string, overrideSeconds?: number): Date {
  const grace = overrideSeconds === undefined ? BID_CLOSE_GRACE_SECONDS : OVERRIDE_CLOSE_GRACE_SECONDS;
  return new Date(Date.parse(bidDeadline) + grace * 1000);
}
