/**
 * The local identity provider: one RS256 keypair under <dataDir>/keys, dev tokens shaped like Cognito
 * access tokens, and a verifier that accepts exactly what the HTTP API JWT authorizer would.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';
import { ROLES, type Role } from '#functions/routes';
import { CONTRACTOR_CLAIM, PORTAL_SCOPE, PURCHASER_CLAIM } from '#shared/http/principal';
import { contractorIdOf, readLocalUser } from '#shared/adapters/cognito/local-directory';

/** Stable across restarts and never resolvable, so a local token can never be mistaken for a real one. */
export const LOCAL_ISSUER = 'https://local-idp.assistance.invalid';
/**
 * The app client users sign in through, and the partner portal's machine client (client credentials) that
 * `npm run token -- --role portal` stands for when no `--sub` names another portal.
 */
export const LOCAL_CLIENT_ID = 'local-client';
export const LOCAL_PORTAL_CLIENT_ID = 'local-portal-client';
/**
 * The authorizer's audience list, as configured on the HTTP API: the user client and the default portal client.
 * Every other portal client of the local IdP is in it too (issue 12 §1, `isLocalPortalClient`).
 */
export const LOCAL_AUDIENCE: readonly string[] = [LOCAL_CLIENT_ID, LOCAL_PORTAL_CLIENT_ID];
/**
 * A portal's app client id (`--sub`): Cognito's client ids are 1-128 word characters; a few more are allowed
 * here so a test can name its portal (`portal-a`, `fuzz-portal-1`), none that a claim or a key would split on.
 */
const PORTAL_CLIENT_ID = /^[\w.:-]{1,128}$/;
export const JWKS_PATH = '/local-idp/.well-known/jwks.json';

const ALGORITHM = 'RS256';
const DEFAULT_TTL_SECONDS = 8 * 3600;
/**
 * API Gateway's JWT authorizer documents no clock skew: `exp` must be after the current time, `nbf` and `iat`
 * before it (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html). The
 * local one allows none either, so a token it accepts is one API Gateway would accept.
 */
export const CLOCK_TOLERANCE_SECONDS = 0;
const PRIVATE_KEY_FILE = 'private.jwk.json';
const JWKS_FILE = 'jwks.json';

/** Scope ids a role gets when none is given: the demo district's seeded purchasers. */
const DEFAULT_PURCHASER: Partial<Record<Role, string>> = {
  bureau: 'pur-district',
  finance: 'pur-district',
  auditor: 'pur-district',
  town: 'pur-town-1',
};

export interface LocalKeys {
  privateJwk: JWK;
  jwks: JSONWebKeySet;
}

const loadedKeys = new Map<string, Promise<LocalKeys>>();

/** Reads the keypair from keysDir, generating it on first use. */
export function ensureKeys(keysDir: string): Promise<LocalKeys> {
  const dir = path.resolve(keysDir);
  let keys = loadedKeys.get(dir);
  if (!keys) {
    keys = readOrCreateKeys(dir);
    loadedKeys.set(dir, keys);
    keys.catch(() => loadedKeys.delete(dir));
  }
  return keys;
}

async function readOrCreateKeys(dir: string): Promise<LocalKeys> {
  const existing = await readKeys(dir);
  if (existing) return existing;
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM, use: 'sig' };
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, kid, alg: ALGORITHM, use: 'sig' }] };
  await mkdir(dir, { recursive: true });
  try {
    // `wx`: if `npm start` and `npm run token` race on first use, the first writer wins and both use its key.
    await writeFile(path.join(dir, PRIVATE_KEY_FILE), JSON.stringify(privateJwk, null, 2), {
      flag: 'wx',
      mode: 0o600,
    });
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return waitForKeys(dir);
    throw error;
  }
  await writeFile(path.join(dir, JWKS_FILE), JSON.stringify(jwks, null, 2));
  return { privateJwk, jwks };
}

async function readKeys(dir: string): Promise<LocalKeys | undefined> {
  try {
    const privateJwk = JSON.parse(await readFile(path.join(dir, PRIVATE_KEY_FILE), 'utf8')) as JWK;
    const jwks = JSON.parse(await readFile(path.join(dir, JWKS_FILE), 'utf8')) as JSONWebKeySet;
    return { privateJwk, jwks };
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

async function waitForKeys(dir: string): Promise<LocalKeys> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const keys = await readKeys(dir).catch(() => undefined);
    if (keys) return keys;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Keys in ${dir} are incomplete: delete the folder and try again.`);
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

export interface DevTokenOptions {
  keysDir: string;
  role: Role;
  contractorId?: string;
  purchaserId?: string;
  sub?: string;
  ttlSeconds?: number;
}

export class DevTokenError extends Error {}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * The claims of a dev token (without iss/iat/exp): a Cognito user-pool access token for people,
 * a client-credentials token (no groups, the portal scope) for the partner portal.
 */
export function devTokenClaims(options: Omit<DevTokenOptions, 'keysDir' | 'ttlSeconds'>): JWTPayload {
  const { role } = options;
  if (!isRole(role))
    throw new DevTokenError(`Unknown role "${String(role)}"; expected one of ${ROLES.join(', ')}.`);
  if (role === 'portal') {
    // Issue 12 §1: one app client per portal. A client-credentials token's sub and client_id are both the app
    // client's id, so `--sub` names the portal, and two subs are two portals that never see each other's
    // contractors (canSeeContractor compares the registering portal's sub).
    const clientId = options.sub ?? LOCAL_PORTAL_CLIENT_ID;
    if (!PORTAL_CLIENT_ID.test(clientId)) {
      throw new DevTokenError(
        `--sub "${clientId}" is not a portal client id: 1-128 letters, digits and _ . : - (Cognito app client ids are 26 such characters).`,
      );
    }
    if (options.contractorId || options.purchaserId) {
      throw new DevTokenError(
        'A portal token carries no --contractor or --purchaser: a client-credentials token has no user attributes.',
      );
    }
    return { sub: clientId, client_id: clientId, token_use: 'access', scope: PORTAL_SCOPE };
  }
  if (role === 'contractor' && !options.contractorId) {
    throw new DevTokenError(
      'A contractor token needs --contractor <id>: every contractor read is scoped by it.',
    );
  }
  const purchaserId = options.purchaserId ?? DEFAULT_PURCHASER[role];
  const sub = options.sub ?? `dev-${role}-${options.contractorId ?? purchaserId ?? 'user'}`;
  return {
    sub,
    'cognito:groups': [role],
    token_use: 'access',
    client_id: LOCAL_CLIENT_ID,
    scope: 'openid',
    username: sub,
    ...(purchaserId ? { [PURCHASER_CLAIM]: purchaserId } : {}),
    ...(options.contractorId ? { [CONTRACTOR_CLAIM]: options.contractorId } : {}),
  };
}

/**
 * Issue 12 §1: a contractor's user created through `POST /v1/contractors/{id}/users` signs in with its username;
 * on AWS the pre-token trigger puts its `custom:contractorId` into the token. `npm run token -- --role contractor
 * --sub <username>` does the same from the local directory (`directoryFile`, shared/adapters/cognito). Without
 * `--sub`, or with `--contractor` for a username the directory does not hold, the options stand as given (a dev
 * token for any contractor, as before); a username the directory holds for another contractor is refused.
 */
export async function withLocalUser<T extends Omit<DevTokenOptions, 'keysDir' | 'ttlSeconds'>>(
  options: T,
  directoryFile: string,
): Promise<T & { contractorId?: string }> {
  if (options.role !== 'contractor' || options.sub === undefined) return options;
  const user = await readLocalUser(directoryFile, options.sub);
  const contractorId = user ? contractorIdOf(user) : undefined;
  if (user && !user.groups.includes('contractor'))
    throw new DevTokenError(`User "${options.sub}" is not in the contractor group.`);
  if (contractorId && options.contractorId && options.contractorId !== contractorId) {
    throw new DevTokenError(
      `User "${options.sub}" belongs to contractor ${contractorId}, not ${options.contractorId}: leave --contractor out.`,
    );
  }
  if (contractorId) return { ...options, contractorId };
  if (options.contractorId) return options;
  throw new DevTokenError(
    `No contractor user "${options.sub}" in ${directoryFile}: create it with POST /v1/contractors/{id}/users, or name the contractor with --contractor <id>.`,
  );
}

/** Mints a dev token the local gateway accepts; tests, benchmarks and `npm run token` all use this. */
export async function signDevToken(options: DevTokenOptions): Promise<string> {
  const claims = devTokenClaims(options);
  const now = Math.floor(Date.now() / 1000);
  return signWithLocalKey(options.keysDir, {
    ...claims,
    iss: LOCAL_ISSUER,
    iat: now,
    // People signed in at some point; a client-credentials token has no auth_time.
    ...(options.role === 'portal' ? {} : { auth_time: now }),
    exp: now + (options.ttlSeconds ?? DEFAULT_TTL_SECONDS),
    jti: randomUUID(),
  });
}

/** Signs exactly these claims with the local key: for tests that need a wrong issuer or an expired token. */
export async function signWithLocalKey(keysDir: string, claims: JWTPayload): Promise<string> {
  const { privateJwk } = await ensureKeys(keysDir);
  const key = await importJWK(privateJwk, ALGORITHM);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, kid: privateJwk.kid, typ: 'JWT' })
    .sign(key);
}

export type AuthorizerResult = { ok: true; payload: JWTPayload } | { ok: false; reason?: string };
export type JwtAuthorizer = (authorizationHeader: string | undefined) => Promise<AuthorizerResult>;

/**
 * The HTTP API JWT authorizer, as its documentation lists the checks
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html): a `kid` in the
 * header naming a key of the JWKS (jose would otherwise take a JWKS's only key for a token without one), an
 * RS256 signature by that key, the exact issuer, `aud` — or `client_id` when there is no `aud`, as in Cognito
 * access tokens — in the audience list, `exp` after now, `nbf` and `iat` not after now (issue 11 §2), with no
 * clock skew (CLOCK_TOLERANCE_SECONDS).
 *
 * Like API Gateway it does not look at `token_use`: a Cognito ID token passes here as it does on AWS, and
 * `principalFromClaims` (shared/http/principal.ts) refuses it in every handler, here and on AWS.
 */
export function createJwtAuthorizer(options: {
  jwks: JSONWebKeySet;
  issuer: string;
  audience: readonly string[];
}): JwtAuthorizer {
  const keySet = createLocalJWKSet(options.jwks);
  return async (authorizationHeader) => {
    const token = bearerToken(authorizationHeader);
    if (!token) return { ok: false };
    if (!hasKid(token)) return { ok: false, reason: 'the token is invalid' };
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer: options.issuer,
        algorithms: [ALGORITHM],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      });
      // jose checks `iat` only against a maximum age; API Gateway refuses one in the future.
      if (
        payload.iat !== undefined &&
        payload.iat > Math.floor(Date.now() / 1000) + CLOCK_TOLERANCE_SECONDS
      ) {
        return { ok: false, reason: 'the token was issued in the future' };
      }
      if (!audienceMatches(payload, options.audience)) return { ok: false, reason: 'invalid audience' };
      return { ok: true, payload };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'the token has expired' };
      if (error instanceof errors.JOSEError) return { ok: false, reason: 'the token is invalid' };
      throw error;
    }
  };
}

/** A header with a `kid`; a token whose header cannot be read has none (and would fail verification anyway). */
function hasKid(token: string): boolean {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === 'string' && kid !== '';
  } catch {
    return false;
  }
}

/** API Gateway takes the identity source as is, with or without the `Bearer ` prefix. */
function bearerToken(header: string | undefined): string | undefined {
  const token = header?.trim().replace(/^Bearer(\s+|$)/i, '');
  return token ? token : undefined;
}

function audienceMatches(payload: JWTPayload, audience: readonly string[]): boolean {
  if (payload.aud !== undefined) {
    const auds = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return auds.some((aud) => audience.includes(aud));
  }
  if (typeof payload.client_id !== 'string') return false;
  return audience.includes(payload.client_id) || isLocalPortalClient(payload);
}

/**
 * Issue 12 §1: a partner portal's client-credentials token of the local IdP, for any portal client id. On AWS
 * each portal is an app client of the user pool (client credentials, the portal scope only) and the HTTP API's
 * JWT authorizer lists every such client id in its audience (`jwtAudience`, infra/stacks/api-stack.ts; adding a
 * portal adds its id there): API Gateway has no wildcard audience. The local IdP creates a portal's client when
 * a token is first asked for it (`npm run token -- --role portal --sub <client id>`), so its audience holds every
 * client id it signs a portal token for, which is this test: the shape Cognito gives a client-credentials token
 * (no `aud`, `sub` = `client_id`, the portal scope alone, no groups or username), signed by the local key (the
 * caller has checked the signature and issuer). A user's token naming another client is still refused.
 */
export function isLocalPortalClient(payload: JWTPayload): boolean {
  return (
    payload.aud === undefined &&
    payload.token_use === 'access' &&
    typeof payload.client_id === 'string' &&
    PORTAL_CLIENT_ID.test(payload.client_id) &&
    payload.sub === payload.client_id &&
    payload.scope === PORTAL_SCOPE &&
    payload['cognito:groups'] === undefined &&
    payload.username === undefined
  );
}
