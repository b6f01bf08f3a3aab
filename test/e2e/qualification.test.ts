/**
 * Issue 2 end to end over HTTP on the embedded stack: register → upload eight documents → review → eligible.
 */
import { describe, expect, it } from 'vitest';
import { api, token, waitFor } from '../support/stack-client';
import { PDF_BYTES, sha256, socialOrganization, uploadWithPresignedPost } from '../support/fixtures';

interface Contractor {
  id: string;
  version: number;
  conditions: { condition: number; status: string }[];
}
interface Upload {
  documentId: string;
  upload: { url: string; fields: Record<string, string> };
}

describe('contractor qualification end to end (R-QUAL-2, R-QUAL-3, R-QUAL-5, R-SUP-2)', () => {
  it('registers, uploads evidence for all eight conditions, is reviewed and becomes eligible', async () => {
    const bureau = await token('bureau');
    const registered = await api<Contractor>('POST', '/v1/contractors', {
      token: bureau,
      body: socialOrganization(),
      headers: { 'idempotency-key': `e2e-${Date.now()}` },
    });
    expect(registered.status).toBe(201);
    const id = registered.json.id;
    const own = await token('contractor', { contractorId: id });

    const before = await api<{ eligible: boolean; reasons: { code: string }[] }>(
      'GET',
      `/v1/contractors/${id}/eligibility`,
      { token: own },
    );
    expect(before.json).toMatchObject({ eligible: false });
    expect(before.json.reasons).toHaveLength(8);

    // The contractor uploads its own evidence through presigned POSTs.
    const documentIds: string[] = [];
    for (let condition = 1; condition <= 8; condition++) {
      const declared = await api<Upload>('POST', `/v1/contractors/${id}/documents`, {
        token: own,
        body: {
          condition,
          fileName: `条件${condition}.pdf`,
          contentType: 'application/pdf',
          size: PDF_BYTES.length,
          sha256: sha256(PDF_BYTES),
          validUntil: '2099-12-31',
        },
      });
      expect(declared.status).toBe(201);
      expect(await uploadWithPresignedPost(declared.json.upload, PDF_BYTES, 'application/pdf')).toBeLessThan(
        300,
      );
      documentIds.push(declared.json.documentId);
    }
    for (const documentId of documentIds) {
      await waitFor(async () => {
        const doc = await api<{ status: string }>('GET', `/v1/contractors/${id}/documents/${documentId}`, {
          token: bureau,
        });
        return doc.json.status === 'verified';
      });
    }

    // The bureau reviews each condition on the verified evidence, with If-Match.
    let etag = (await api('GET', `/v1/contractors/${id}`, { token: bureau })).headers.get('etag') ?? '';
    for (const [index, documentId] of documentIds.entries()) {
      const decided = await api<Contractor>('PUT', `/v1/contractors/${id}/conditions/${index + 1}/decision`, {
        token: bureau,
        headers: { 'if-match': etag },
        body: { documentId, decision: 'approved', reason: '材料齐全，符合条件' },
      });
      expect(decided.status).toBe(200);
      etag = decided.headers.get('etag') ?? '';
    }

    const after = await api<{ eligible: boolean; conditions: { status: string; validUntil?: string }[] }>(
      'GET',
      `/v1/contractors/${id}/eligibility`,
      { token: own },
    );
    expect(after.json.eligible).toBe(true);
    // All eight conditions (R-QUAL-2), each approved on evidence valid until 2099 (an empty list fails).
    expect(after.json.conditions.map((c) => [c.status, c.validUntil])).toEqual(
      Array.from({ length: 8 }, () => ['approved', '2099-12-31']),
    );

    // A credit-list hit suspends eligibility until the bureau clears it (R-QUAL-5).
    const flagged = await api('PUT', `/v1/contractors/${id}/flags`, {
      token: bureau,
      headers: { 'if-match': etag },
      body: { creditListHit: true, annualReportFailed: false, note: '列入经营异常名录' },
    });
    expect(flagged.status).toBe(200);
    const suspended = await api<{ eligible: boolean; reasons: { code: string }[] }>(
      'GET',
      `/v1/contractors/${id}/eligibility`,
      { token: bureau },
    );
    expect(suspended.json).toMatchObject({ eligible: false, reasons: [{ code: 'credit_list_hit' }] });

    // Every change is in the contractor's audit chain, and the chain verifies (R-SUP-2).
    const auditor = await token('auditor');
    const trail = await api<{ entries: { action: string }[]; chain: { verified: boolean; length: number } }>(
      'GET',
      `/v1/audit/contractor/${id}?limit=100`,
      { token: auditor },
    );
    expect(trail.status).toBe(200);
    expect(trail.json.chain).toEqual({ verified: true, length: 1 + 8 + 8 + 1 });
    expect(trail.json.entries[0]?.action).toBe('contractor.registered');
    expect(trail.json.entries.at(-1)?.action).toBe('contractor.flags_set');
  });

  it('answers a retried registration with the first answer and creates nothing', async () => {
    const bureau = await token('bureau');
    const body = socialOrganization();
    const key = `retry-${Date.now()}`;
    const first = await api<Contractor>('POST', '/v1/contractors', {
      token: bureau,
      body,
      headers: { 'idempotency-key': key },
    });
    const again = await api<Contractor>('POST', '/v1/contractors', {
      token: bureau,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    // Without the key, the same code is a duplicate: the first request really was the only registration.
    const duplicate = await api<{ errors: { field: string }[] }>('POST', '/v1/contractors', {
      token: bureau,
      body,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.errors[0]?.field).toBe('creditCode');
  });

  it('refuses a wrong credit code with problem+json naming creditCode, and writes nothing (R-QUAL-3)', async () => {
    const bureau = await token('bureau');
    const body = socialOrganization({ creditCode: '53100000500019795B' });
    const refused = await api<{ status: number; errors: { field: string; in: string }[] }>(
      'POST',
      '/v1/contractors',
      { token: bureau, body },
    );
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.json.errors).toEqual([expect.objectContaining({ in: 'body', field: 'creditCode' })]);
  });

  it('answers a stale If-Match with 412 and a missing one with 428', async () => {
    const bureau = await token('bureau');
    const { json } = await api<Contractor>('POST', '/v1/contractors', {
      token: bureau,
      body: socialOrganization(),
    });
    const flags = { creditListHit: false, annualReportFailed: true, note: '年报未公示' };
    const first = await api('PUT', `/v1/contractors/${json.id}/flags`, {
      token: bureau,
      headers: { 'if-match': '"1"' },
      body: flags,
    });
    expect(first.status).toBe(200);
    const stale = await api('PUT', `/v1/contractors/${json.id}/flags`, {
      token: bureau,
      headers: { 'if-match': '"1"' },
      body: flags,
    });
    expect(stale.status).toBe(412);
    const missing = await api('PUT', `/v1/contractors/${json.id}/flags`, { token: bureau, body: flags });
    expect(missing.status).toBe(428);
  });

  it('pages the contractor list with an opaque cursor', async () => {
    const bureau = await token('bureau');
    const registered: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await api<{ id: string }>('POST', '/v1/contractors', {
        token: bureau,
        body: socialOrganization(),
      });
      registered.push(created.json.id);
    }
    const first = await api<{ items: { id: string }[]; cursor?: string }>('GET', '/v1/contractors?limit=2', {
      token: bureau,
    });
    expect(first.json.items).toHaveLength(2);
    expect(first.json.cursor).toEqual(expect.any(String));
    const second = await api<{ items: { id: string }[] }>(
      'GET',
      `/v1/contractors?limit=2&cursor=${first.json.cursor}`,
      { token: bureau },
    );
    // At least three contractors exist, so the second page is not empty and holds none of the first's.
    expect(second.json.items.length).toBeGreaterThanOrEqual(1);
    for (const item of first.json.items) expect(second.json.items.map((i) => i.id)).not.toContain(item.id);
    // Walked to the end two a page: full pages until the last, no contractor twice, the three new ones met.
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api<{ items: { id: string }[]; cursor?: string }>(
        'GET',
        `/v1/contractors?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: bureau },
      );
      cursor = page.json.cursor;
      // A page with a cursor is full; the last may be empty (DynamoDB's key after a full last page).
      expect(page.json.items.length).toBe(cursor ? 2 : Math.min(page.json.items.length, 2));
      seen.push(...page.json.items.map((i) => i.id));
      pages++;
    } while (cursor && pages < 500);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(registered));
    const forged = await api<{ errors: { field: string; in: string }[] }>(
      'GET',
      '/v1/contractors?cursor=bm90LWEtY3Vyc29y',
      { token: bureau },
    );
    expect(forged.status).toBe(400);
    expect(forged.json.errors[0]).toMatchObject({ in: 'query', field: 'cursor' });
  });
});
