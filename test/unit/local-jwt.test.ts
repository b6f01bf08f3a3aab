/**
 * The local JWT authorizer (infra/local/jwt.ts) refuses what API Gateway's HTTP API JWT authorizer refuses
 * (issue 11 §2): a token without `kid` (jose would take the JWKS's only key), `iat` in the future; AWS documents
 * no clock skew, and none is allowed. `npm run token` keeps minting access tokens it accepts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, decodeJwt, decodeProtectedHeader, importJWK, type JWTPayload } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CLOCK_TOLERANCE_SECONDS,
  LOCAL_AUDIENCE,
  LOCAL_CLIENT_ID,
  LOCAL_ISSUER,
  createJwtAuthorizer,
  devTokenClaims,
  ensureKeys,
  signDevToken,
  signWithLocalKey,
  type JwtAuthorizer,
} from '#infra/local/jwt';
import { ROLES } from '#shared/http/route-def';
import { principalFromClaims } from '#shared/http/principal';
import { flattenClaims } from '#infra/local/api-event';

let keysDir: string;
let authorize: JwtAuthorizer;
const now = () => Math.floor(Date.now() / 1000);
const claims = (): JWTPayload => ({
  ...devTokenClaims({ role: 'bureau' }),
  iss: LOCAL_ISSUER,
  iat: now(),
  exp: now() + 600,
});

/** Signed with the local key but with the header given (no kid, an empty kid, another kid). */
async function signWithHeader(payload: JWTPayload, header: { kid?: string }): Promise<string> {
  const { privateJwk } = await ensureKeys(keysDir);
  const key = await importJWK(privateJwk, 'RS256');
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...header }).sign(key);
}

beforeAll(async () => {
  keysDir = await mkdtemp(path.join(os.tmpdir(), 'local-jwt-'));
  const { jwks } = await ensureKeys(keysDir);
  authorize = createJwtAuthorizer({ jwks, issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
});
afterAll(() => rm(keysDir, { recursive: true, force: true }));

describe('kid (issue 11 §2)', () => {
  it('control: the same claims signed with the kid pass', async () => {
    const { privateJwk } = await ensureKeys(keysDir);
    expect((await authorize(await signWithHeader(claims(), { kid: privateJwk.kid }))).ok).toBe(true);
  });

  it('refuses a token without kid, though the JWKS has one key and the signature is by it', async () => {
    expect(await authorize(await signWithHeader(claims(), {}))).toEqual({
      ok: false,
      reason: 'the token is invalid',
    });
  });

  it('refuses an empty kid and a kid the JWKS does not hold', async () => {
    expect((await authorize(await signWithHeader(claims(), { kid: '' }))).ok).toBe(false);
    expect((await authorize(await signWithHeader(claims(), { kid: 'another-key' }))).ok).toBe(false);
  });

  it('answers a token whose header is not JSON with a refusal, not an error', async () => {
    expect(await authorize('bm90IGpzb24.e30.sig')).toEqual({ ok: false, reason: 'the token is invalid' });
  });
});

describe('iat (issue 11 §2): API Gateway refuses a token issued in the future, with no documented skew', () => {
  // The clock stands still while a token is signed and checked: on a loaded machine a second can pass between the
  // two, which turned "iat one second ahead" into "iat now" (seen in CI).
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T12:00:00.250Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('allows no clock skew', () => {
    expect(CLOCK_TOLERANCE_SECONDS).toBe(0);
  });

  it('refuses iat one second and one hour ahead; accepts iat now and in the past', async () => {
    for (const ahead of [1, 2, 60, 3600]) {
      const token = await signWithLocalKey(keysDir, { ...claims(), iat: now() + ahead });
      expect(await authorize(token), `iat +${ahead}s`).toEqual({
        ok: false,
        reason: 'the token was issued in the future',
      });
    }
    for (const ago of [0, 1, 3600]) {
      const token = await signWithLocalKey(keysDir, { ...claims(), iat: now() - ago });
      expect((await authorize(token)).ok, `iat -${ago}s`).toBe(true);
    }
  });

  it('refuses a token that expired a second ago and one not valid for another two seconds (no tolerance)', async () => {
    const expired = await signWithLocalKey(keysDir, { ...claims(), iat: now() - 60, exp: now() - 1 });
    expect(await authorize(expired)).toEqual({ ok: false, reason: 'the token has expired' });
    const early = await signWithLocalKey(keysDir, { ...claims(), nbf: now() + 2 });
    expect((await authorize(early)).ok).toBe(false);
  });

  it('refuses an iat that is not a number', async () => {
    const token = await signWithLocalKey(keysDir, { ...claims(), iat: 'yesterday' as unknown as number });
    expect((await authorize(token)).ok).toBe(false);
  });
});

describe('dev tokens stay valid access tokens (npm run token)', () => {
  it('for every role: token_use access, a kid, iat not ahead, accepted, and read back as that role', async () => {
    for (const role of ROLES) {
      const token = await signDevToken({
        keysDir,
        role,
        ...(role === 'contractor' ? { contractorId: 'ctr-1' } : {}),
      });
      const header = decodeProtectedHeader(token);
      const payload = decodeJwt(token);
      expect(header.kid, role).toEqual(expect.any(String));
      expect(payload.token_use, role).toBe('access');
      expect(payload.iat, role).toBeLessThanOrEqual(now());
      const result = await authorize(`Bearer ${token}`);
      if (!result.ok) throw new Error(`${role}: ${result.reason}`);
      expect(principalFromClaims(flattenClaims(result.payload))?.role, role).toBe(role);
    }
  });

  it('an ID token passes this authorizer as it passes API Gateway (aud = client id), and the principal refuses it', async () => {
    const { client_id: _clientId, scope: _scope, ...rest } = claims();
    const idToken = await signWithLocalKey(keysDir, { ...rest, aud: LOCAL_CLIENT_ID, token_use: 'id' });
    const result = await authorize(idToken);
    if (!result.ok) throw new Error(result.reason);
    expect(() => principalFromClaims(flattenClaims(result.payload))).toThrow(/access token/);
  });
});
