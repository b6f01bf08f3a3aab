/**
 * Issue 11 §6 end to end on the embedded stack, where a local key plays KMS's part through the same ports: a natural
 * person registered by a partner portal is stored sealed, read in full by the bureau and the person, its contacts by
 * the portal, masks by an auditor; registering the same resident ID again meets the keyed-hash marker (R-QUAL-3).
 */
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '#shared/domain/credit-code';
import { api, token } from '../support/stack-client';

/** A fresh valid resident ID (GB 11643): Beijing Chaoyang, a birth date in 1950–1999, a random sequence. */
function newResidentId(): string {
  const date = new Date(Date.UTC(1950 + randomInt(50), randomInt(12), 1 + randomInt(28)));
  const first17 = `110105${date.toISOString().slice(0, 10).replaceAll('-', '')}${String(randomInt(1000)).padStart(3, '0')}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

interface Shown {
  id: string;
  creditCode: string;
  contact: { name: string; phone: string; email?: string };
}

describe('personal data of a natural person (issue 11 §6, PIPL)', () => {
  it('is sealed on registration and shown by role: in full, contacts only, or masked', async () => {
    const residentId = newResidentId();
    const body = {
      kind: 'natural_person',
      name: '张伟',
      creditCode: residentId,
      nonProfit: false,
      contact: { name: '张伟', phone: '13912345678', email: 'zhang.wei@example.cn' },
    };
    const portal = await token('portal', { sub: `portal-e2e-${randomInt(1e9)}` });
    const registered = await api<Shown>('POST', '/v1/contractors', { token: portal, body });
    expect(registered.status).toBe(201);
    const masked = {
      creditCode: `110105**********${residentId.slice(16)}`,
      contact: { name: '张伟', phone: '139****5678', email: 'z***@example.cn' },
    };
    expect(registered.json).toMatchObject(masked);

    const id = registered.json.id;
    const read = async (as: string) => {
      const answer = await api<Shown>('GET', `/v1/contractors/${id}`, { token: as });
      expect(answer.status).toBe(200);
      return { creditCode: answer.json.creditCode, contact: answer.json.contact };
    };
    const clear = { creditCode: residentId, contact: body.contact };
    expect(await read(await token('bureau'))).toEqual(clear);
    expect(await read(await token('contractor', { contractorId: id }))).toEqual(clear);
    expect(await read(portal)).toEqual({ creditCode: masked.creditCode, contact: body.contact });
    expect(await read(await token('auditor'))).toEqual(masked);
    expect(await read(await token('town', { purchaserId: 'pur-town-1' }))).toEqual(masked);

    const again = await api<{ errors: { field: string }[] }>('POST', '/v1/contractors', {
      token: await token('bureau'),
      body: { ...body, contact: { name: '张伟', phone: '13800000000' } },
    });
    expect(again.status).toBe(409);
    expect(again.json.errors.map((e) => e.field)).toEqual(['creditCode']);
  });
});
