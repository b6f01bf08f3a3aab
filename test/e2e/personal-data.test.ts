/**
 * Issue 11 §6 end to end on the embedded stack, where a local key plays KMS's part through the same ports: a natural
 * person registered by a partner portal is stored sealed, read in full by the bureau and the person, its contacts by
 * the portal, masks by an auditor; registering the same resident ID again meets the keyed-hash marker (R-QUAL-3).
 */
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '#shared/domain/credit-code';
import { token } from '../support/stack-client';
import { apiClient, ok, problem, type Schema } from '../support/api-client';

/** A fresh valid resident ID (GB 11643): Beijing Chaoyang, a birth date in 1950–1999, a random sequence. */
function newResidentId(): string {
  const date = new Date(Date.UTC(1950 + randomInt(50), randomInt(12), 1 + randomInt(28)));
  const first17 = `110105${date.toISOString().slice(0, 10).replaceAll('-', '')}${String(randomInt(1000)).padStart(3, '0')}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

describe('personal data of a natural person (issue 11 §6, PIPL)', () => {
  it('is sealed on registration and shown by role: in full, contacts only, or masked', async () => {
    const residentId = newResidentId();
    const body: Schema<'RegisterContractor'> = {
      kind: 'natural_person',
      name: '张伟',
      creditCode: residentId,
      nonProfit: false,
      contact: { name: '张伟', phone: '13912345678', email: 'zhang.wei@example.cn' },
    };
    const portal = await token('portal', { sub: `portal-e2e-${randomInt(1e9)}` });
    const registered = await apiClient(portal).POST('/v1/contractors', { body });
    expect(registered.response.status).toBe(201);
    const masked = {
      creditCode: `110105**********${residentId.slice(16)}`,
      contact: { name: '张伟', phone: '139****5678', email: 'z***@example.cn' },
    };
    expect(registered.data).toMatchObject(masked);

    const id = ok(registered).id;
    const read = async (as: string) => {
      const answer = await apiClient(as).GET('/v1/contractors/{id}', { params: { path: { id } } });
      expect(answer.response.status).toBe(200);
      const shown = ok(answer);
      return { creditCode: shown.creditCode, contact: shown.contact };
    };
    const clear = { creditCode: residentId, contact: body.contact };
    expect(await read(await token('bureau'))).toEqual(clear);
    expect(await read(await token('contractor', { contractorId: id }))).toEqual(clear);
    expect(await read(portal)).toEqual({ creditCode: masked.creditCode, contact: body.contact });
    expect(await read(await token('auditor'))).toEqual(masked);
    expect(await read(await token('town', { purchaserId: 'pur-town-1' }))).toEqual(masked);

    const again = await apiClient(await token('bureau')).POST('/v1/contractors', {
      body: { ...body, contact: { name: '张伟', phone: '13800000000' } },
    });
    expect(again.response.status).toBe(409);
    expect(problem(again).errors?.map((e) => e.field)).toEqual(['creditCode']);
  });
});
