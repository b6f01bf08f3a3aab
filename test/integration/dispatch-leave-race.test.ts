/**
 * Issue 13 §1 under concurrency, against DynamoDB Local through the real use cases:
 *
 * - Leaving races a dispatch (R-CON-3): for each of 12 people, the contractor sends at once a dispatch running to
 *   2030-06-30 and the person's leaving on 2030-02-28. Each refuses the other once it has landed (a running dispatch
 *   forbids the leaving; a leaving before the period ends forbids the dispatch), and each transaction holds the
 *   version of what it judged on (the leaving the person's dispatches, the dispatch the roster entry), so for no
 *   person do both land.
 * - One active roster entry per person: 6 simultaneous rosterings of the same resident ID by one contractor leave
 *   exactly one entry; the others are refused 409 naming residentId; after that entry leaves, the person is rostered
 *   again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { store } from '#shared/adapters/store';
import type { Actor } from '#shared/domain/audit-chain';
import { isoWithOffset, systemClock } from '#shared/domain/clock';
import type { Dispatch } from '#shared/domain/dispatch';
import { DomainError } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import type { StaffMember } from '#shared/domain/staff';
import { createDispatch, createStaff, leaveStaff, staffChange } from '#shared/use-cases/staff';
import type { SealedValue } from '#shared/use-cases/ports';

const FIXTURE: Actor = { sub: 'dispatch-leave-race-fixture', role: 'bureau' };
const PEOPLE = 12;
const ROSTERINGS = 6;

/** A fake seal, opening and hash: rostering and leaving need them, what they are is not the point here. */
const ports = {
  open: { open: () => Promise.resolve('opened') },
  seal: {
    seal: (plaintext: string): Promise<SealedValue> =>
      Promise.resolve({
        v: 1,
        key: 'k',
        iv: 'i',
        data: createHash('sha256').update(plaintext).digest('base64'),
      }),
  },
  keyedHash: {
    hash: (purpose: string, value: string) =>
      Promise.resolve(createHash('sha256').update(`${purpose}:${value}`).digest('hex')),
  },
};
const deps = { store, clock: systemClock, ...ports };

const contractorViewer = (contractorId: string) => ({
  sub: `u-${contractorId}`,
  role: 'contractor',
  contractorId,
});

async function fixture(recordType: string, id: string, key: { PK: string; SK: string }, value: object) {
  const at = isoWithOffset(new Date());
  await store.commit([
    {
      recordType,
      recordId: id,
      key,
      value: { ...value, id, version: 1, createdAt: at, updatedAt: at } as { version: number },
      actor: FIXTURE,
      action: 'test.fixture',
      at,
    },
  ]);
}

/** A person on the roster since 2029, with verified employment evidence (dispatchable). */
async function rostered(contractorId: string): Promise<StaffMember> {
  const id = newId('stf');
  const at = isoWithOffset(new Date());
  const staff: StaffMember = {
    id,
    contractorId,
    name: '离职并发测试',
    residentId: '370402**********1X',
    personHash: randomBytes(32).toString('hex'),
    role: 'caregiver',
    joinedOn: '2029-01-01',
    evidence: {
      documentId: newId('doc'),
      kind: 'labour_contract',
      fileName: 'c.pdf',
      contentType: 'application/pdf',
      size: 10,
      objectKey: `contractors/${contractorId}/staff/${id}/doc`,
      status: 'verified',
      createdAt: at,
    },
    createdBy: FIXTURE,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await store.commit([staffChange(staff, 'test.rostered', FIXTURE)]);
  return staff;
}

const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe('leaving the roster races a dispatch (R-CON-3)', () => {
  it(`${PEOPLE} people, each dispatched and leaving at once: never both`, async () => {
    // Arrange
    const contractorId = newId('ctr');
    const contractId = newId('con');
    await fixture('contract', contractId, keys.contract(contractId), {
      contractorId,
      purchaserId: 'pur-district',
      status: 'signed',
      term: { start: '2030-01-01', end: '2030-12-31' },
      acceptancePlan: { minimumQualifiedShareBp: 0 },
    });
    const people = await Promise.all(Array.from({ length: PEOPLE }, () => rostered(contractorId)));
    const viewer = contractorViewer(contractorId);

    // Act: per person, the dispatch and the leaving at once; all people at once.
    const outcomes = await Promise.all(
      people.map(async (person) => {
        const [dispatch, leaving] = await Promise.all([
          settle(
            createDispatch(
              deps,
              contractId,
              {
                staffId: person.id,
                place: { kind: 'service_center', purchaserId: 'pur-district' },
                period: { start: '2030-03-01', end: '2030-06-30' },
              },
              { viewer, actor: viewer, remember: () => [] },
            ),
          ),
          settle(
            leaveStaff(
              deps,
              { contractorId, staffId: person.id },
              { on: '2030-02-28' },
              { viewer, actor: viewer, ifMatch: 1 },
            ),
          ),
        ]);
        return { person, dispatch, leaving };
      }),
    );

    // Assert
    const both = outcomes.filter((o) => o.dispatch.ok && o.leaving.ok);
    expect(both.map((o) => o.person.id)).toEqual([]);
    for (const o of outcomes) {
      for (const refused of [o.dispatch, o.leaving].filter((r) => !r.ok)) {
        expect(refused.error).toBeInstanceOf(DomainError);
        expect((refused.error as DomainError).code).toBe('conflict');
      }
      // What is stored agrees: a person who left has no dispatch under the contract.
      const staff = await store.get<StaffMember>(keys.staff(contractorId, o.person.id));
      const dispatches = (await store.queryAll<Dispatch>(keys.dispatchPartition(contractId))).filter(
        (d) => d.value.staffId === o.person.id,
      );
      expect(staff?.value.left !== undefined && dispatches.length > 0).toBe(false);
    }
    // Each outcome happened: some dispatches and some leavings landed (one of the two per person).
    expect(outcomes.every((o) => o.dispatch.ok || o.leaving.ok)).toBe(true);
  });
});

describe('one active roster entry per person and contractor', () => {
  it(`${ROSTERINGS} simultaneous rosterings of one resident ID: one entry; rostered again after leaving`, async () => {
    // Arrange
    const contractorId = newId('ctr');
    await fixture('contractor', contractorId, keys.contractor(contractorId), { name: '名册唯一测试' });
    const viewer = contractorViewer(contractorId);
    const input = {
      name: '王芳',
      residentId: '11010519491231002X',
      role: 'caregiver' as const,
      joinedOn: '2025-01-01',
    };
    const roster = () =>
      createStaff(deps, contractorId, input, { viewer, actor: viewer, remember: () => [] });

    // Act
    const outcomes = await Promise.all(Array.from({ length: ROSTERINGS }, () => settle(roster())));

    // Assert
    const landed = outcomes.flatMap((o) => (o.ok ? [o.value] : []));
    expect(landed).toHaveLength(1);
    for (const o of outcomes.filter((r) => !r.ok)) {
      expect(o.error).toBeInstanceOf(DomainError);
      expect((o.error as DomainError).code).toBe('conflict');
      expect((o.error as DomainError).details.field).toBe('residentId');
    }
    const entries = await store.queryAll<StaffMember>(keys.contractor(contractorId).PK, {
      sortKeyPrefix: keys.staffPrefix(),
    });
    expect(entries).toHaveLength(1);

    // Once that entry has left, the person may be rostered again (the marker is dated, not in the way).
    const first = landed[0] as StaffMember;
    await leaveStaff(
      deps,
      { contractorId, staffId: first.id },
      { on: '2025-06-30' },
      { viewer, actor: viewer, ifMatch: 1 },
    );
    const again = await roster();
    expect(again.id).not.toBe(first.id);
    await expect(roster()).rejects.toMatchObject({ code: 'conflict', details: { field: 'residentId' } });
  });
});
