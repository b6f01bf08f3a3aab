/**
 * Issue 13 §1 over HTTP on the embedded stack, short: a contractor rosters a person with employment evidence that
 * the verifier checks (presigned upload → verified), dispatches the person to a town of its signed contract; another
 * contractor, with the same person on its own roster and verified evidence, is refused 409 R-CON-3 for an overlapping
 * period (no one serves two contractors at once); the town lists the staff dispatched to it, names shown and resident
 * IDs masked (区买乡用, R-STAFF-2), and another town does not see them.
 */
import { describe, expect, it } from 'vitest';
import { maskResidentId } from '#shared/domain/credit-code';
import { PDF_BYTES, sha256, uploadWithPresignedPost } from '../support/fixtures';
import {
  addDays,
  dispatched,
  purchaserToken,
  rosteredStaff,
  signedContract,
  todayInShanghai,
} from '../support/delivery';
import type { StaffMember } from '../support/delivery';
import { api, waitFor } from '../support/stack-client';

const TOWN = 'pur-town-2';

/** `residentId` on the contractor's roster (its own user), with its labour contract uploaded and verified. */
async function rosterSamePerson(
  contractorId: string,
  asToken: string,
  residentId: string,
): Promise<StaffMember> {
  const created = await api<StaffMember>('POST', `/v1/contractors/${contractorId}/staff`, {
    token: asToken,
    body: { name: '王芳', residentId, role: 'caregiver', joinedOn: addDays(todayInShanghai(), -400) },
  });
  expect(created.status, created.text).toBe(201);
  const declared = await api<{ upload: { url: string; fields: Record<string, string> } }>(
    'POST',
    `/v1/contractors/${contractorId}/staff/${created.json.id}/evidence`,
    {
      token: asToken,
      body: {
        kind: 'social_insurance_record',
        fileName: '社保缴纳记录.pdf',
        contentType: 'application/pdf',
        size: PDF_BYTES.length,
        sha256: sha256(PDF_BYTES),
      },
    },
  );
  expect(declared.status, declared.text).toBe(201);
  expect(await uploadWithPresignedPost(declared.json.upload, PDF_BYTES, 'application/pdf')).toBeLessThan(300);
  return waitFor(async () => {
    const read = await api<StaffMember>('GET', `/v1/contractors/${contractorId}/staff/${created.json.id}`, {
      token: asToken,
    });
    return read.json.evidence?.status === 'verified' ? read.json : undefined;
  });
}

describe('staff roster and dispatch (issue 13 §1)', () => {
  it('rosters with verified evidence, dispatches, refuses a second contractor 409 R-CON-3, and the town lists its staff masked', async () => {
    // Arrange: two contracts of one town, with two contractors.
    const [first, second] = await Promise.all([
      signedContract({ purchaser: TOWN }),
      signedContract({ purchaser: TOWN }),
    ]);
    const staff = await rosteredStaff(first.contractor.id, first.contractor.token, { name: '王芳' });
    expect(staff.evidence?.status).toBe('verified');
    // The contractor reads its own staff's resident ID in full.
    expect(staff.residentId).toMatch(/^\d{17}[\dX]$/);
    const place = { kind: 'town', purchaserId: TOWN };

    // Act
    const dispatch = await dispatched(first.contractId, first.contractor.token, staff.id, place);
    const samePerson = await rosterSamePerson(
      second.contractor.id,
      second.contractor.token,
      staff.residentId,
    );
    const refused = await api<{ status: number; detail: string; rule?: string }>(
      'POST',
      `/v1/contracts/${second.contractId}/dispatches`,
      {
        token: second.contractor.token,
        body: {
          staffId: samePerson.id,
          place,
          period: { start: dispatch.period.end, end: addDays(dispatch.period.end, 10) },
        },
      },
    );
    const townToken = await purchaserToken('town', TOWN);
    const listed = await api<{ items: { id: string; person: { name: string; residentId: string } }[] }>(
      'GET',
      `/v1/purchasers/${TOWN}/dispatched-staff?limit=100`,
      { token: townToken },
    );
    const otherTown = await api('GET', `/v1/purchasers/${TOWN}/dispatched-staff`, {
      token: await purchaserToken('town', 'pur-town-1'),
    });
    const contractView = await api<{ staffing: { dispatched: number } }>(
      'GET',
      `/v1/contracts/${first.contractId}/dispatches`,
      { token: townToken },
    );

    // Assert
    expect(refused.status, refused.text).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.json.rule).toBe('R-CON-3');
    expect(refused.json.detail).toMatch(/dispatched by another contractor/);
    expect(listed.status, listed.text).toBe(200);
    const mine = listed.json.items.find((d) => d.id === dispatch.id);
    expect(mine?.person).toMatchObject({ name: '王芳', residentId: maskResidentId(staff.residentId) });
    expect(listed.text).not.toContain(staff.residentId);
    expect(otherTown.status).toBe(404);
    expect(contractView.status, contractView.text).toBe(200);
    expect(contractView.json.staffing.dispatched).toBe(1);
  });
});
