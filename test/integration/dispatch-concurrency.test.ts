/**
 * R-CON-3 under concurrency, against DynamoDB Local through the real use case: two contractors each send 10
 * simultaneous dispatches of the same person (the same keyed hash of the resident ID on both rosters, each with
 * verified employment evidence) for overlapping periods. The person's one item is written with a condition on its
 * version in each dispatch's transaction, so only one contractor's dispatches land; the other's are refused 409 and
 * nothing of theirs is written. The person's item and the dispatch partitions agree on what landed.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { store } from '#shared/adapters/store';
import type { Actor } from '#shared/domain/audit-chain';
import { isoWithOffset, systemClock } from '#shared/domain/clock';
import type { Dispatch } from '#shared/domain/dispatch';
import { DomainError } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import type { PersonDispatches, StaffMember } from '#shared/domain/staff';
import { createDispatch, staffChange } from '#shared/use-cases/staff';

const FIXTURE: Actor = { sub: 'dispatch-concurrency-fixture', role: 'bureau' };
const deps = { store, clock: systemClock };
const PER_CONTRACTOR = 10;

/** A signed contract of `contractorId` under the district (any place of the district may be served). */
async function signedContract(contractorId: string): Promise<string> {
  const id = newId('con');
  const at = isoWithOffset(new Date());
  // Only what dispatching reads of a contract: its contractor, purchaser, status, term and plan.
  const contract = {
    id,
    contractorId,
    purchaserId: 'pur-district',
    status: 'signed',
    term: { start: '2030-01-01', end: '2030-12-31' },
    acceptancePlan: { minimumQualifiedShareBp: 0 },
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await store.commit([
    {
      recordType: 'contract',
      recordId: id,
      key: keys.contract(id),
      value: contract,
      actor: FIXTURE,
      action: 'test.signed',
      at,
    },
  ]);
  return id;
}

/** The same person (one personHash) on `contractorId`'s roster, with verified employment evidence. */
async function rostered(contractorId: string, personHash: string): Promise<StaffMember> {
  const id = newId('stf');
  const at = isoWithOffset(new Date());
  const staff: StaffMember = {
    id,
    contractorId,
    name: '并发测试人员',
    residentId: '370402**********1X',
    personHash,
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

describe('dispatching one person from two contractors at once (R-CON-3)', () => {
  it(`2 contractors x ${PER_CONTRACTOR} simultaneous overlapping dispatches: exactly one contractor's land`, async () => {
    // Arrange
    const personHash = randomBytes(32).toString('hex');
    const contractors = [newId('ctr'), newId('ctr')];
    const parties = await Promise.all(
      contractors.map(async (contractorId) => ({
        contractorId,
        contractId: await signedContract(contractorId),
        staff: await rostered(contractorId, personHash),
      })),
    );

    // Act: 20 at once, each month of the year overlapping every other party's (June is in all of them).
    const attempts = parties.flatMap((party) =>
      Array.from({ length: PER_CONTRACTOR }, (_, i) => {
        const viewer = {
          sub: `u-${party.contractorId}`,
          role: 'contractor',
          contractorId: party.contractorId,
        };
        return createDispatch(
          deps,
          party.contractId,
          {
            staffId: party.staff.id,
            place: { kind: 'service_center', purchaserId: 'pur-district' },
            period: { start: `2030-0${1 + (i % 5)}-01`, end: '2030-06-30' },
          },
          { viewer, actor: viewer, remember: () => [] },
        ).then(
          (dispatch) => ({ contractorId: party.contractorId, dispatch }),
          (error: unknown) => ({ contractorId: party.contractorId, error }),
        );
      }),
    );
    const outcomes = await Promise.all(attempts);

    // Assert
    const landed = outcomes.flatMap((o) => ('dispatch' in o ? [o] : []));
    const refused = outcomes.flatMap((o) => ('error' in o ? [o] : []));
    for (const r of refused) {
      // A refusal is a 409: the rule, or (for the winner's own later writers) the person's item kept changing.
      expect(r.error).toBeInstanceOf(DomainError);
      expect((r.error as DomainError).code).toBe('conflict');
    }
    const winners = new Set(landed.map((o) => o.contractorId));
    expect(landed.length).toBeGreaterThanOrEqual(1);
    expect(winners.size).toBe(1);
    const loser = contractors.find((c) => !winners.has(c)) as string;
    expect(refused.filter((r) => r.contractorId === loser)).toHaveLength(PER_CONTRACTOR);
    expect(refused.some((r) => (r.error as Error).message.includes('dispatched by another contractor'))).toBe(
      true,
    );

    const person = await store.get<PersonDispatches>(keys.personDispatches(personHash));
    expect(person?.value.periods.map((p) => p.dispatchId).sort()).toEqual(
      landed.map((o) => o.dispatch.id).sort(),
    );
    expect(new Set(person?.value.periods.map((p) => p.contractorId))).toEqual(winners);
    for (const party of parties) {
      const stored = await store.queryAll<Dispatch>(keys.dispatchPartition(party.contractId));
      expect(stored).toHaveLength(winners.has(party.contractorId) ? landed.length : 0);
    }
  });
});
