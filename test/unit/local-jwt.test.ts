/**
 * The local JWT authorizer (infra/local/jwt.ts) refuses what API Gateway's HTTP API JWT authorizer refuses
 * (issue 11 §2): a token without `kid` (jose would take the JWKS's only key), `iat` in the future; AWS documents
 * no clock skew, and none is allowed. `npm run token` keeps minting access tokens it accepts.
 */
import { execFile } from 'node:child_process';
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
  LOCAL_PORTAL_CLIENT_ID,
  DevTokenError,
  createJwtAuthorizer,
  devTokenClaims,
  ensureKeys,
  signDevToken,
  signWithLocalKey,
  withLocalUser,
  type JwtAuthorizer,
} from '#infra/local/jwt';
import { keysDirOf } from '#infra/local/paths';
import { localUserDirectory, localUserDirectoryFileOf } from '#shared/adapters/cognito/local-directory';
import { DomainError } from '#shared/domain/errors';
import { canSeeContractor } from '#shared/domain/access';
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

describe('portal tokens honour --sub (issue 12 §1): one app client per portal', () => {
  it("a portal's sub and client_id are the app client id given, the default portal's without one", () => {
    expect(devTokenClaims({ role: 'portal', sub: 'portal-a' })).toMatchObject({
      sub: 'portal-a',
      client_id: 'portal-a',
      scope: 'procurement/portal',
      token_use: 'access',
    });
    expect(devTokenClaims({ role: 'portal' })).toMatchObject({
      sub: LOCAL_PORTAL_CLIENT_ID,
      client_id: LOCAL_PORTAL_CLIENT_ID,
    });
  });

  it('two subs are two portals: each passes the authorizer and sees only the contractors it registered', async () => {
    const principals = [];
    for (const sub of ['portal-a', 'portal-b']) {
      const result = await authorize(`Bearer ${await signDevToken({ keysDir, role: 'portal', sub })}`);
      if (!result.ok) throw new Error(`${sub}: ${result.reason}`);
      principals.push(principalFromClaims(flattenClaims(result.payload)));
    }
    expect(principals.map((p) => [p?.role, p?.sub])).toEqual([
      ['portal', 'portal-a'],
      ['portal', 'portal-b'],
    ]);
    const registeredByA = { id: 'ctr_1', registeredBy: { sub: 'portal-a', role: 'portal' } };
    expect(principals.map((p) => p && canSeeContractor(p, registeredByA))).toEqual([true, false]);
  });

  it('refuses a portal client id that is not one, and tenant ids on a client-credentials token', () => {
    expect(() => devTokenClaims({ role: 'portal', sub: 'portal a' })).toThrow(DevTokenError);
    expect(() => devTokenClaims({ role: 'portal', sub: '' })).toThrow(DevTokenError);
    expect(() => devTokenClaims({ role: 'portal', sub: 'p', contractorId: 'ctr-1' })).toThrow(/--contractor/);
  });

  it('accepts other client ids only in the shape of a portal client-credentials token', async () => {
    const portal = {
      ...devTokenClaims({ role: 'portal', sub: 'portal-c' }),
      iss: LOCAL_ISSUER,
      exp: now() + 600,
    };
    expect((await authorize(await signWithLocalKey(keysDir, portal))).ok).toBe(true);
    // A user's token naming an unknown client, a portal token whose sub is not its client, one with a user scope.
    for (const [name, token] of [
      ['user token', { ...claims(), client_id: 'portal-c' }],
      ['sub is not the client', { ...portal, sub: 'someone' }],
      ['another scope too', { ...portal, scope: 'procurement/portal openid' }],
      ['with an audience', { ...portal, aud: 'portal-c' }],
    ] as const) {
      expect(await authorize(await signWithLocalKey(keysDir, token)), name).toEqual({
        ok: false,
        reason: 'invalid audience',
      });
    }
  });
});

describe('contractor users on the embedded stack (issue 12 §1): npm run token -- --role contractor --sub <username>', () => {
  let dataDir: string;
  let file: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'local-users-'));
    file = localUserDirectoryFileOf(dataDir);
    await localUserDirectory(file).createContractorUser({
      username: 'li.ming',
      email: 'li.ming@example.cn',
      name: '李明',
      contractorId: 'ctr_one',
    });
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("reads the user's contractor from the local directory, as the pre-token trigger reads custom:contractorId", async () => {
    const options = await withLocalUser({ role: 'contractor', sub: 'li.ming' }, file);
    expect(options).toEqual({ role: 'contractor', sub: 'li.ming', contractorId: 'ctr_one' });
    expect(devTokenClaims(options)).toMatchObject({ sub: 'li.ming', contractorId: 'ctr_one' });
  });

  it('an unknown username without --contractor is a one-line error; with it, the options stand', async () => {
    const unknown = withLocalUser({ role: 'contractor', sub: 'nobody' }, file);
    await expect(unknown).rejects.toThrow(DevTokenError);
    await expect(unknown).rejects.toThrow(/^No contractor user "nobody" in .*users\.json: [^\n]+$/);
    expect(await withLocalUser({ role: 'contractor', sub: 'nobody', contractorId: 'ctr_x' }, file)).toEqual({
      role: 'contractor',
      sub: 'nobody',
      contractorId: 'ctr_x',
    });
  });

  it("refuses --contractor naming another contractor than the user's, and leaves other roles alone", async () => {
    await expect(
      withLocalUser({ role: 'contractor', sub: 'li.ming', contractorId: 'ctr_two' }, file),
    ).rejects.toThrow(/belongs to contractor ctr_one/);
    expect(await withLocalUser({ role: 'bureau', sub: 'li.ming' }, file)).toEqual({
      role: 'bureau',
      sub: 'li.ming',
    });
  });

  it('the directory refuses a username or a verified e-mail taken, as Cognito does (409 naming the field)', async () => {
    const directory = localUserDirectory(file);
    const taken = (field: string) => expect.objectContaining({ code: 'duplicate', details: { field } });
    const again = { username: 'li.ming', email: 'other@example.cn', name: '李明', contractorId: 'ctr_two' };
    await expect(directory.createContractorUser(again)).rejects.toEqual(taken('username'));
    await expect(
      directory.createContractorUser({ ...again, username: 'li.ming2', email: 'LI.MING@example.cn' }),
    ).rejects.toEqual(taken('email'));
    await expect(directory.createContractorUser(again)).rejects.toBeInstanceOf(DomainError);
  });

  it('the npm run token command prints the token of that user, and one line for an unknown one', async () => {
    const run = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          path.join(process.cwd(), 'node_modules/.bin/tsx'),
          ['infra/local/token.ts', ...args],
          // As a developer's shell runs it: none of the handlers' environment (TABLE_NAME…) that the tests set.
          { env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
      });
    const [known, unknown] = await Promise.all([
      run('--role', 'contractor', '--sub', 'li.ming'),
      run('--role', 'contractor', '--sub', 'nobody'),
    ]);
    expect(known.code, known.stderr).toBe(0);
    expect(decodeJwt(known.stdout.trim())).toMatchObject({ sub: 'li.ming', contractorId: 'ctr_one' });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('No contractor user "nobody"');
    // The keys the command signed with are the data dir's own.
    expect((await ensureKeys(keysDirOf(dataDir))).jwks.keys).toHaveLength(1);
  }, 30_000);
});
