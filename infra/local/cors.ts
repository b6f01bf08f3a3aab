/**
 * The one CORS policy of the API and of the document bucket (issue 12 §5): what a browser portal on an allowed
 * origin may send and read. The CDK stacks configure API Gateway's and S3's CORS from it (infra/stacks/api-stack.ts,
 * stateful-stack.ts, origins from the `allowedOrigins` context); the embedded stack answers the same way in the
 * local gateway and in front of s3rver (infra/local/gateway.ts, s3-local.ts), origins from `ALLOWED_ORIGINS` or
 * any localhost origin by default. No CDK and no SDK here: `npm start` imports it.
 */
import { ON_BEHALF_OF_HEADER } from '#shared/http/principal';

/**
 * Request headers a portal's script sends beyond the CORS-safelisted ones: the bearer token, JSON bodies,
 * Idempotency-Key (POST), If-Match / If-None-Match (conditional writes, issue 12 §3), On-Behalf-Of (a portal acting
 * for a contractor that delegated to it, issue 12 §1, docs/delegations.md). Lower case, as browsers send them in
 * Access-Control-Request-Headers.
 */
export const CORS_ALLOW_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'if-match',
  'if-none-match',
  ON_BEHALF_OF_HEADER.toLowerCase(),
] as const;

/**
 * Response headers a script may read beyond the safelisted ones (Content-Type and a few others): the ETag to send
 * back in If-Match, Location of a created record, Idempotency-Replayed, Retry-After of a 429.
 */
export const CORS_EXPOSE_HEADERS = ['etag', 'location', 'idempotency-replayed', 'retry-after'] as const;

/** Every method the route table uses (a unit test holds it to the table), and the DELETE and PATCH to come. */
export const CORS_ALLOW_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** How long a browser may keep a preflight's answer (browsers cap it: Chromium at 2 hours). */
export const CORS_MAX_AGE_SECONDS = 3600;

/**
 * The bucket's rule: a presigned POST (an upload form) from an allowed origin. The form is multipart/form-data with
 * no header of its own, so the browser sends no preflight unless the page asks for upload progress (XHR); any
 * header is allowed then, as the form's fields, not headers, carry what S3 checks. The answer's ETag and Location
 * (with success_action_status 201) may be read.
 */
export const BUCKET_CORS_RULE = {
  allowedMethods: ['POST'],
  allowedHeaders: ['*'],
  exposeHeaders: ['etag', 'location'],
  maxAgeSeconds: CORS_MAX_AGE_SECONDS,
} as const;

/** The variable that replaces the embedded stack's default (any localhost origin). */
export const ALLOWED_ORIGINS_ENV = 'ALLOWED_ORIGINS';

/** The CDK context key of a deployment's browser origins (comma-separated). */
export const ALLOWED_ORIGINS_CONTEXT = 'allowedOrigins';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An origin as a browser sends it: scheme, host and port only, without a path or a trailing slash. */
function parseOrigin(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.origin === value ? url : undefined;
}

const isLocalOrigin = (url: URL) => LOCAL_HOSTS.has(url.hostname);

/**
 * A deployment's origins, checked at synth (in the style of the callbackUrls guard): each an exact https origin,
 * http only for localhost; never `*` nor any wildcard, which would let every web page (or every page of a domain
 * nobody here controls) call the API or post to the bucket from a browser with a token it holds. The API uses no
 * cookies, so no credentials are allowed either (Access-Control-Allow-Credentials is never sent by the API).
 * Throws an Error naming the context key and the value.
 */
export function deploymentOrigins(origins: readonly string[]): string[] {
  for (const origin of origins) {
    const where = `context "${ALLOWED_ORIGINS_CONTEXT}": "${origin}"`;
    if (origin.includes('*')) {
      throw new Error(
        `${where} is a wildcard: list each portal's origin (https://portal.example.com), comma-separated; ` +
          'a wildcard would let any web page call the API and post uploads from a browser',
      );
    }
    const url = parseOrigin(origin);
    if (!url) {
      throw new Error(
        `${where} is not an origin (scheme://host[:port], no path and no trailing slash, as a browser sends it)`,
      );
    }
    if (url.protocol !== 'https:' && !isLocalOrigin(url)) {
      throw new Error(`${where} is not https (http is allowed for localhost only)`);
    }
  }
  return [...origins];
}

/** Which browser origins the embedded stack answers: a list, or any localhost origin (any scheme and port). */
export type OriginPolicy = readonly string[] | 'localhost';

/**
 * The embedded stack's origins: `ALLOWED_ORIGINS` (comma-separated exact origins, http allowed, replacing the
 * default), else any origin on localhost, 127.0.0.1 or [::1] (a portal's dev server on whatever port it picked).
 */
export function localOriginPolicy(env: NodeJS.ProcessEnv = process.env): OriginPolicy {
  const value = env[ALLOWED_ORIGINS_ENV];
  if (value === undefined || value.trim() === '') return 'localhost';
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!parseOrigin(origin)) {
      throw new Error(
        `${ALLOWED_ORIGINS_ENV}: "${origin}" is not an origin (e.g. http://localhost:5173, comma-separated; ` +
          'scheme://host[:port] without a path)',
      );
    }
  }
  return origins;
}

export function originAllowed(policy: OriginPolicy, origin: string | undefined): origin is string {
  if (!origin) return false;
  if (policy === 'localhost') {
    const url = parseOrigin(origin);
    return url !== undefined && isLocalOrigin(url);
  }
  return policy.includes(origin);
}

type Headers = Record<string, string>;

/** The answer's Vary, so no cache hands one origin's answer to another. */
const VARY = 'origin';

/**
 * API Gateway HTTP API's CORS (developer guide, "Configuring CORS for an HTTP API"): a preflight (OPTIONS with
 * Origin and Access-Control-Request-Method) is answered by the gateway itself, 204, with the configured lists for
 * an allowed origin and with no CORS header for another (the browser then refuses the call); any other request
 * goes to its route, and the answer of one from an allowed origin gets Access-Control-Allow-Origin and
 * Access-Control-Expose-Headers, whatever its status.
 */
export const apiCors = {
  isPreflight(method: string, headers: { origin?: string; 'access-control-request-method'?: string }) {
    return method === 'OPTIONS' && !!headers.origin && !!headers['access-control-request-method'];
  },
  preflight(policy: OriginPolicy, origin: string | undefined): Headers {
    if (!originAllowed(policy, origin)) return { vary: VARY };
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': CORS_ALLOW_METHODS.join(','),
      'access-control-allow-headers': CORS_ALLOW_HEADERS.join(','),
      'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
      vary: VARY,
    };
  },
  response(policy: OriginPolicy, origin: string | undefined): Headers {
    if (!originAllowed(policy, origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-expose-headers': CORS_EXPOSE_HEADERS.join(','),
      vary: VARY,
    };
  },
};

/** S3's answer to a preflight: the headers of a match, or the error S3 sends (Amazon S3 user guide, "CORS"). */
export type BucketPreflight =
  { ok: true; headers: Headers } | { ok: false; status: 400 | 403; code: string; message: string };

/**
 * The document bucket's CORS as S3 applies BUCKET_CORS_RULE: a preflight without Origin or
 * Access-Control-Request-Method is 400 BadRequest; one whose origin or method no rule allows is 403 CORSResponse;
 * a match is 200 with the origin, the rule's methods and the requested headers. A request of the rule's method
 * from an allowed origin gets the origin, methods, exposed headers and max age on its answer (S3 also sends
 * Access-Control-Allow-Credentials there); any other request is served without CORS headers.
 */
export const bucketCors = {
  preflight(
    policy: OriginPolicy,
    origin: string | undefined,
    method: string | undefined,
    requestHeaders: string | undefined,
  ): BucketPreflight {
    if (!origin)
      return {
        ok: false,
        status: 400,
        code: 'BadRequest',
        message: 'Insufficient information. Origin request header needed.',
      };
    if (!method)
      return {
        ok: false,
        status: 400,
        code: 'BadRequest',
        message: 'Invalid Access-Control-Request-Method: null',
      };
    if (
      !originAllowed(policy, origin) ||
      !(BUCKET_CORS_RULE.allowedMethods as readonly string[]).includes(method)
    ) {
      return {
        ok: false,
        status: 403,
        code: 'CORSResponse',
        message:
          "This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
      };
    }
    return {
      ok: true,
      headers: {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': BUCKET_CORS_RULE.allowedMethods.join(', '),
        ...(requestHeaders ? { 'access-control-allow-headers': requestHeaders } : {}),
        'access-control-expose-headers': BUCKET_CORS_RULE.exposeHeaders.join(', '),
        'access-control-max-age': String(BUCKET_CORS_RULE.maxAgeSeconds),
        vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
      },
    };
  },
  response(policy: OriginPolicy, origin: string | undefined, method: string): Headers {
    if (!originAllowed(policy, origin)) return {};
    if (!(BUCKET_CORS_RULE.allowedMethods as readonly string[]).includes(method)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': BUCKET_CORS_RULE.allowedMethods.join(', '),
      'access-control-expose-headers': BUCKET_CORS_RULE.exposeHeaders.join(', '),
      'access-control-max-age': String(BUCKET_CORS_RULE.maxAgeSeconds),
      'access-control-allow-credentials': 'true',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    };
  },
};
