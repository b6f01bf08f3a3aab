/**
 * Issue 12 §1, §2 on the embedded stack: two partner portals (two `--sub`s, two app clients) never see each other's
 * contractors, through the profile, the credit-code lookup, the duplicate registration's 409 or a user's creation;
 * the portal that registered a contractor finds it again by its code and gives its staff a login, whose token
 * (`npm run token -- --role contractor --sub <username>`, read from the local directory) is the contractor's.
 */
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withLocalUser } from '#infra/local/jwt';
import { localUserDirectoryFileOf } from '#shared/adapters/cognito/local-directory';
import { usccCheckCharacter } from '#shared/domain/credit-code';
import { api, stackInfo, token } from '../support/stack-client';

/** A fresh valid enterprise code (GB 32100): market regulation (9), Fuzhou, nine random characters. */
function newEnterpriseCode(): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const body = Array.from({ length: 9 }, () => charset[randomInt(charset.length)]).join('');
  const first17 = `91350100${body}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

interface Problem {
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string }[];
}

const run = randomInt(1e9);

describe('two partner portals (issue 12 §1, §2)', () => {
  it("never see each other's contractors; the registering portal finds its own again and gives it a login", async () => {
    const [portalA, portalB] = await Promise.all([
      token('portal', { sub: `portal-a-${run}` }),
      token('portal', { sub: `portal-b-${run}` }),
    ]);
    const creditCode = newEnterpriseCode();
    const registration = {
      kind: 'enterprise',
      name: '福州门户测试服务有限公司',
      creditCode,
      nonProfit: false,
      contact: { name: '陈静', phone: '13700001111', email: `office.${run}@example.cn` },
    };
    const registered = await api<{ id: string }>('POST', '/v1/contractors', {
      token: portalA,
      body: registration,
    });
    expect(registered.status).toBe(201);
    const id = registered.json.id;

    // Portal B: the profile, the lookup and the duplicate's 409 tell it nothing of portal A's contractor.
    expect((await api('GET', `/v1/contractors/${id}`, { token: portalB })).status).toBe(404);
    const notYours = await api<Problem>('GET', `/v1/contractors/by-credit-code/${creditCode}`, {
      token: portalB,
    });
    const unregistered = await api<Problem>('GET', `/v1/contractors/by-credit-code/${newEnterpriseCode()}`, {
      token: portalB,
    });
    expect(notYours.status).toBe(404);
    expect({ ...notYours.json, instance: undefined }).toEqual({ ...unregistered.json, instance: undefined });
    const duplicateForB = await api<Problem>('POST', '/v1/contractors', {
      token: portalB,
      body: registration,
    });
    expect(duplicateForB.status).toBe(409);
    expect(JSON.stringify(duplicateForB.json)).not.toContain(id);
    const userForB = await api('POST', `/v1/contractors/${id}/users`, {
      token: portalB,
      body: { username: `b-${run}`, email: `b-${run}@example.cn`, name: '赵六', phone: '13700002222' },
    });
    expect(userForB.status).toBe(404);

    // Portal A: the lookup and the 409 lead back to its contractor.
    const found = await api<{ id: string }>('GET', `/v1/contractors/by-credit-code/${creditCode}`, {
      token: portalA,
    });
    expect(found.status).toBe(200);
    expect(found.json.id).toBe(id);
    const duplicateForA = await api<Problem>('POST', '/v1/contractors', {
      token: portalA,
      body: registration,
    });
    expect(duplicateForA.status).toBe(409);
    expect(duplicateForA.json.detail).toContain(`/v1/contractors/${id}`);

    // Portal A asks for a login at an address of its choosing: refused (review of issue 12 §1), it would hold the
    // contractor's own login; at the contractor's registered contact e-mail it gets one, whose token is the
    // contractor's.
    const username = `chen.${run}`;
    const elsewhere = await api<Problem>('POST', `/v1/contractors/${id}/users`, {
      token: portalA,
      body: { username, email: `chen.${run}@example.cn`, name: '陈静', phone: '13700001111' },
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.json.errors?.map((e) => e.field)).toEqual(['email']);
    const user = await api<{ contractorId: string; phone: string }>('POST', `/v1/contractors/${id}/users`, {
      token: portalA,
      body: { username, email: `office.${run}@example.cn`, name: '陈静', phone: '13700001111' },
    });
    expect(user.status).toBe(201);
    expect(user.json).toMatchObject({ contractorId: id, phone: '137****1111' });
    const options = await withLocalUser(
      { role: 'contractor' as const, sub: username },
      localUserDirectoryFileOf(stackInfo().dataDir),
    );
    expect(options.contractorId).toBe(id);
    const own = await api<{ id: string }>('GET', `/v1/contractors/${id}`, {
      token: await token('contractor', options),
    });
    expect(own.status).toBe(200);
    const again = await api<Problem>('POST', `/v1/contractors/${id}/users`, {
      token: await token('bureau'),
      body: { username, email: `other.${run}@example.cn`, name: '陈静', phone: '13700001111' },
    });
    expect(again.status).toBe(409);
    expect(again.json.errors?.map((e) => e.field)).toEqual(['username']);
  });
});
