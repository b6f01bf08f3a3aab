/**
 * The migration of records stored in clear before issue 11 §6 (shared/use-cases/contractors.ts sealStoredContractor,
 * run by infra/ops/seal-personal-data.ts): sealed and hashed as registration does, one transaction with its audit
 * entry, a natural person's marker moved from the resident ID to its keyed hash, and a sealed record left alone.
 */
import { describe, expect, it } from 'vitest';
import type { AuditHead } from '#shared/domain/audit-chain';
import type { Contractor } from '#shared/domain/contractor';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { sealStoredContractor } from '#shared/use-cases/contractors';
import type { RecordStorePort, SealedValue } from '#shared/use-cases/ports';
import { contractorRecord } from '../support/contractor-record';

const head: AuditHead = { auditSeq: 4, auditHash: 'h4' };
const operator = { sub: 'migration:issue-11-6', role: 'bureau' };
const RESIDENT_ID = '11010519491231002X';
const person = contractorRecord({
  id: 'ctr_person',
  kind: 'natural_person',
  nonProfit: false,
  creditCode: RESIDENT_ID,
  contact: { name: '张伟', phone: '13912345678', email: 'zhang.wei@example.cn' },
  version: 4,
});

function fakeDeps(stored: Contractor | undefined) {
  const commits: { changes: readonly RecordChange[]; extras: readonly ExtraWrite[] }[] = [];
  const sealedPlaintexts: string[] = [];
  const store = {
    get: () => Promise.resolve(stored ? { value: stored, head } : undefined),
    commit: (changes: readonly RecordChange[], extras: readonly ExtraWrite[] = []) => {
      commits.push({ changes, extras });
      return Promise.resolve([]);
    },
  } as unknown as RecordStorePort;
  const deps = {
    store,
    clock: { now: () => new Date('2026-12-06T02:00:00Z') },
    keyedHash: { hash: (purpose: string) => Promise.resolve(`hmac(${purpose})`) },
    seal: {
      seal: (plaintext: string) => {
        sealedPlaintexts.push(plaintext);
        return Promise.resolve<SealedValue>({ v: 1, key: 'wrapped', iv: 'iv', data: 'ciphertext' });
      },
    },
  };
  return { deps, commits, sealedPlaintexts };
}

describe('sealing a record stored in clear (issue 11 §6 migration)', () => {
  it('writes the next version sealed, with its audit entry, and no clear datum', async () => {
    const { deps, commits, sealedPlaintexts } = fakeDeps(person);

    expect(await sealStoredContractor(deps, person.id, operator)).toBe('sealed');

    const change = commits[0]?.changes[0];
    expect(change).toMatchObject({
      action: 'contractor.personal_data_sealed',
      actor: operator,
      previous: { version: 4, head },
      value: {
        version: 5,
        creditCode: '110105**********2X',
        contact: { phone: '139****5678', email: 'z***@example.cn' },
        personal: {
          sealed: { v: 1, key: 'wrapped', iv: 'iv', data: 'ciphertext' },
          hashes: {
            residentId: 'hmac(contractor.residentId)',
            phone: 'hmac(contractor.contact.phone)',
            email: 'hmac(contractor.contact.email)',
          },
        },
      },
    });
    expect(JSON.stringify(change?.value)).not.toMatch(/11010519491231002X|13912345678|zhang\.wei/);
    expect(JSON.parse(sealedPlaintexts[0] ?? '')).toEqual({
      residentId: RESIDENT_ID,
      phone: '13912345678',
      email: 'zhang.wei@example.cn',
    });
  });

  it("moves a natural person's marker from the resident ID to its keyed hash in the same transaction", async () => {
    const { deps, commits } = fakeDeps(person);

    await sealStoredContractor(deps, person.id, operator);

    const [put, remove] = commits[0]?.extras ?? [];
    expect(put?.item).toEqual({
      Put: {
        TableName: TABLE_NAME,
        Item: {
          PK: 'CREDITCODE#hmac(contractor.residentId)',
          SK: 'CREDITCODE',
          recordType: 'credit-code',
          contractorId: person.id,
        },
        ConditionExpression: 'attribute_not_exists(PK) OR contractorId = :id',
        ExpressionAttributeValues: { ':id': person.id },
      },
    });
    expect(remove?.item).toEqual({
      Delete: {
        TableName: TABLE_NAME,
        Key: { PK: `CREDITCODE#${RESIDENT_ID}`, SK: 'CREDITCODE' },
        ConditionExpression: 'attribute_not_exists(PK) OR contractorId = :id',
        ExpressionAttributeValues: { ':id': person.id },
      },
    });
    expect(put?.onConditionFailed()).toMatchObject({ code: 'duplicate', details: { field: 'creditCode' } });
  });

  it("keeps an organization's public marker and seals only its contact", async () => {
    const org = contractorRecord({ version: 2 });
    const { deps, commits } = fakeDeps(org);

    await sealStoredContractor(deps, org.id, operator);

    expect(commits[0]?.extras).toEqual([]);
    expect(commits[0]?.changes[0]?.value).toMatchObject({ creditCode: org.creditCode, version: 3 });
  });

  it('leaves a sealed record alone and answers 404 for a missing one', async () => {
    const sealed = { ...person, personal: { sealed: {}, hashes: {} } };
    const already = fakeDeps(sealed);
    expect(await sealStoredContractor(already.deps, person.id, operator)).toBe('already sealed');
    expect(already.commits).toEqual([]);

    const missing = fakeDeps(undefined);
    await expect(sealStoredContractor(missing.deps, 'ctr_none', operator)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
