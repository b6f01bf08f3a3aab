/**
 * Per-caller limits (issue 11 §3): a token bucket per token `sub` in the table (shared/adapters/dynamodb/
 * rate-buckets.ts), checked before the handler runs, on both runtimes. A route's throttle on an HTTP API is shared
 * by every caller, so one contractor looping PUT …/bid in the last minute could starve the others; past its own
 * bucket it gets 429 problem+json with Retry-After, and the others are untouched. A step of the house pipeline
 * (`perCallerLimit`, run by shared/http/api-handler.ts after authorization and validation).
 *
 * Why a bucket in DynamoDB and not CloudFront + AWS WAF rate-based rules: the deployment is in cn-north-1, where
 * AWS WAF is regional only (no web ACL on CloudFront) and cannot be attached to an HTTP API; CloudFront there needs
 * an ICP recordal, an alternate domain and a certificate from a third party in IAM (no ACM). See
 * docs/architecture.md.
 *
 * Only the writes of callers from outside are limited (see `rateLimitOf`).
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { BucketLimit, Take } from '#shared/adapters/dynamodb/rate-buckets';
import type { Principal } from './principal';
import { HttpProblem, problemResponse } from './problem';
import { limitedPerCaller, type Role, type RouteDef } from './route-def';
import { logger } from './logger';

export interface RateLimit extends BucketLimit {
  bucket: string;
}

/** An honest bidder submits, revises and declares a few documents: 10 at once, then 2 per second. */
export const CONTRACTOR_WRITES: RateLimit = { bucket: 'contractor-writes', ratePerSecond: 2, burst: 10 };
/** A partner portal's machine client writes for many users: more, still bounded. */
export const PORTAL_WRITES: RateLimit = { bucket: 'portal-writes', ratePerSecond: 10, burst: 40 };

/**
 * The bucket a caller's request takes from, or undefined when it is not limited per caller: reads (cheap, bounded
 * by the route throttles), public routes (no `sub`: route throttles and reserved concurrency bound them) and the
 * district's own staff (bureau, towns, finance, auditors, evaluators: a few dozen known accounts, not the crowd at
 * a deadline). The callers from outside, contractors and partner portals, are.
 */
export function rateLimitOf(route: Pick<RouteDef, 'method' | 'auth'>, role: Role): RateLimit | undefined {
  // The writes of a route with a token: the test its table rights follow too (RATE#, route-def.ts).
  if (!limitedPerCaller(route)) return undefined;
  if (role === 'contractor') return CONTRACTOR_WRITES;
  if (role === 'portal') return PORTAL_WRITES;
  return undefined;
}

export type TakeToken = (subject: string, bucket: string, limit: BucketLimit, now: Date) => Promise<Take>;

/**
 * The pipeline's step (shared/http/api-handler.ts), run once the request is authorized and valid, before anything
 * is read: a refused or malformed request costs no bucket write and takes no token. One token from the caller's
 * bucket; none left → 429 problem+json with Retry-After. A failing bucket store lets the request through (logged as
 * an error): a bid refused because the limiter's table was unavailable would be worse than a caller going
 * unlimited for a moment.
 */
/** DynamoDB throttling, a 5xx, or no answer at all: the cases in which the limiter lets a request through. */
function unavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status === undefined) return true;
  return (
    status >= 500 ||
    ['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'].includes(
      error.name,
    )
  );
}

export function perCallerLimit(
  route: Pick<RouteDef, 'method' | 'auth'>,
  take: TakeToken,
): (principal: Principal | undefined, now: Date, instance: string) => Promise<Result | undefined> {
  return async (principal, now, instance) => {
    const limit = principal ? rateLimitOf(route, principal.role) : undefined;
    if (!limit || !principal) return undefined;
    let taken: Take;
    try {
      taken = await take(principal.sub, limit.bucket, limit, now);
    } catch (error) {
      // Only an unavailable table lets the request through; a refusal (a route missing its RATE# right) is a bug
      // that must not switch the limit off silently: it fails the request (a 5xx the API's alarm counts).
      if (!unavailable(error)) throw error;
      logger.error('rate limiter unavailable; request let through', error as Error);
      return undefined;
    }
    if (taken.allowed) return undefined;
    logger.info('request refused', { status: 429, type: 'urn:assistance:problem:rate_limited' });
    const response = problemResponse(
      new HttpProblem(
        429,
        'Too Many Requests',
        `more than ${limit.burst} writes at once or ${limit.ratePerSecond} per second from this caller; try again in ${taken.retryAfterSeconds} s`,
        { type: 'urn:assistance:problem:rate_limited' },
      ),
      instance,
    );
    return { ...response, headers: { ...response.headers, 'retry-after': String(taken.retryAfterSeconds) } };
  };
}

type Result = APIGatewayProxyStructuredResultV2;
