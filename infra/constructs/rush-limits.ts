/**
 * Reserved concurrency for the deadline rush (issue 11 §3). Lambda's concurrency is one pool per account and
 * region: a crawler of the public feed, or a hostile caller of any public route, could take it all just when
 * bidders need it. Every public function is capped (its reserved concurrency is also its ceiling), and every function
 * that writes a bid holds concurrency of its own that no other function can take.
 *
 * Needs an account concurrency limit of at least the sum reserved here + 100 (Lambda keeps 100 unreserved); ask for
 * the raise before deploying to a new account (the default in a new account can be lower).
 */
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { routes, type RouteDef } from '#functions/routes';
import type { HouseFunction } from '#infra/constructs/house-function';
import { isBidWrite } from '#infra/stacks/api-stack';

/** Ceiling of each public function: 10 concurrent × ~50 ms answers ≈ 200 rps, the route throttle's order. */
export const PUBLIC_FUNCTION_CONCURRENCY = 10;
/** Held for each bid-writing function: 50 bidders writing at once, each answered in well under a second. */
export const BID_FUNCTION_CONCURRENCY = 50;

/** The reserved concurrency a route's function gets, or undefined for the shared pool. */
export function reservedConcurrencyOf(route: RouteDef): number | undefined {
  if (route.auth === 'public') return PUBLIC_FUNCTION_CONCURRENCY;
  if (isBidWrite(route)) return BID_FUNCTION_CONCURRENCY;
  return undefined;
}

/** Applies the reserved concurrency to the functions of the routes stacks (by route name). */
export function applyRushLimits(functionsByRoute: Record<string, HouseFunction | undefined>): void {
  for (const [name, route] of Object.entries(routes) as [string, RouteDef][]) {
    const reserved = reservedConcurrencyOf(route);
    if (reserved === undefined) continue;
    const fn = functionsByRoute[name];
    if (!fn) throw new Error(`rush limits: no function for route ${name}`);
    (fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = reserved;
  }
}
