/**
 * Issue 2 end to end over HTTP on the embedded stack: register → upload eight documents → review → eligible.
 */
import { describe, expect, it } from 'vitest';
import { api, token, waitFor } from '../support/stack-client';
import { apiClient, ok, problem, type Schema } from '../support/api-client';
import { PDF_BYTES, sha256, socialOrganization, uploadWithPresignedPost } from '../support/fixtures';

type Contractor = Schema<'Contractor'>;
type Problem = Schema<'Problem'>;

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
    const own = apiClient(await token('contractor', { contractorId: id }));
    const asBureau = apiClient(bureau);
    const eligibility = async (as = own) =>
      ok(await as.GET('/v1/contractors/{id}/eligibility', { params: { path: { id } } }));

    const before = await eligibility();
    expect(before).toMatchObject({ eligible: false });
    expect(before.reasons).toHaveLength(8);

    // The contractor uploads its own evidence through presigned POSTs.
    const documentIds: string[] = [];
    for (let condition = 1; condition <= 8; condition++) {
      const declared = await own.POST('/v1/contractors/{id}/documents', {
        params: { path: { id } },
        body: {
          condition,
          fileName: `条件${condition}.pdf`,
          contentType: 'application/pdf',
          size: PDF_BYTES.length,
          sha256: sha256(PDF_BYTES),
          validUntil: '2099-12-31',
        },
      });
      expect(declared.response.status).toBe(201);
      const { upload, documentId } = ok(declared);
      expect(await uploadWithPresignedPost(upload, PDF_BYTES, 'application/pdf')).toBeLessThan(300);
      documentIds.push(documentId);
    }
    for (const documentId of documentIds) {
      await waitFor(async () => {
        const doc = await asBureau.GET('/v1/contractors/{id}/documents/{documentId}', {
          params: { path: { id, documentId } },
        });
        return doc.data?.status === 'verified';
      });
    }

    // The bureau reviews each condition on the verified evidence, with If-Match.
    let etag =
      (await asBureau.GET('/v1/contractors/{id}', { params: { path: { id } } })).response.headers.get(
        'etag',
      ) ?? '';
    for (const [index, documentId] of documentIds.entries()) {
      const decided = await asBureau.PUT('/v1/contractors/{id}/conditions/{condition}/decision', {
        params: { path: { id, condition: index + 1 }, header: { 'If-Match': etag } },
        body: { documentId, decision: 'approved', reason: '材料齐全，符合条件' },
      });
      expect(decided.response.status).toBe(200);
      etag = decided.response.headers.get('etag') ?? '';
    }

    const after = await eligibility();
    expect(after.eligible).toBe(true);
    // All eight conditions (R-QUAL-2), each approved on evidence valid until 2099 (an empty list fails).
    expect(after.conditions.map((c) => [c.status, c.validUntil])).toEqual(
      Array.from({ length: 8 }, () => ['approved', '2099-12-31']),
    );

    // A credit-list hit suspends eligibility until the bureau clears it (R-QUAL-5).
    const flagged = await asBureau.PUT('/v1/contractors/{id}/flags', {
      params: { path: { id }, header: { 'If-Match': etag } },
      body: { creditListHit: true, annualReportFailed: false, note: '列入经营异常名录' },
    });
    expect(flagged.response.status).toBe(200);
    const suspended = await eligibility(asBureau);
    expect(suspended).toMatchObject({ eligible: false, reasons: [{ code: 'credit_list_hit' }] });

    // Every change is in the contractor's audit chain, and the chain verifies (R-SUP-2).
    const auditor = await token('auditor');
    const trail = await apiClient(auditor).GET('/v1/audit/{recordType}/{id}', {
      params: { path: { recordType: 'contractor', id }, query: { limit: 100 } },
    });
    expect(trail.response.status).toBe(200);
    expect(ok(trail).chain).toEqual({ verified: true, length: 1 + 8 + 8 + 1 });
    expect(ok(trail).entries[0]?.action).toBe('contractor.registered');
    expect(ok(trail).entries.at(-1)?.action).toBe('contractor.flags_set');
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
    const duplicate = await api<Problem>('POST', '/v1/contractors', {
      token: bureau,
      body,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.errors?.[0]?.field).toBe('creditCode');
  });

  it('refuses a wrong credit code with problem+json naming creditCode, and writes nothing (R-QUAL-3)', async () => {
    const bureau = await token('bureau');
    const body = socialOrganization({ creditCode: '53100000500019795B' });
    const refused = await api<Problem>('POST', '/v1/contractors', { token: bureau, body });
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
    const setFlags = (ifMatch: string) =>
      apiClient(bureau).PUT('/v1/contractors/{id}/flags', {
        params: { path: { id: json.id }, header: { 'If-Match': ifMatch } },
        body: flags,
      });
    expect((await setFlags('"1"')).response.status).toBe(200);
    expect((await setFlags('"1"')).response.status).toBe(412);
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
    const list = (cursor?: string) =>
      apiClient(bureau).GET('/v1/contractors', {
        params: { query: { limit: 2, ...(cursor ? { cursor } : {}) } },
      });
    const first = ok(await list());
    expect(first.items).toHaveLength(2);
    expect(first.cursor).toEqual(expect.any(String));
    const second = ok(await list(first.cursor));
    // At least three contractors exist, so the second page is not empty and holds none of the first's.
    expect(second.items.length).toBeGreaterThanOrEqual(1);
    for (const item of first.items) expect(second.items.map((i) => i.id)).not.toContain(item.id);
    // Walked to the end two a page: full pages until the last, no contractor twice, the three new ones met.
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = ok(await list(cursor));
      cursor = page.cursor;
      // A page with a cursor is full; the last may be empty (DynamoDB's key after a full last page).
      expect(page.items.length).toBe(cursor ? 2 : Math.min(page.items.length, 2));
      seen.push(...page.items.map((i) => i.id));
      pages++;
    } while (cursor && pages < 500);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(registered));
    const forged = await list('bm90LWEtY3Vyc29y');
    expect(forged.response.status).toBe(400);
    expect(problem(forged).errors?.[0]).toMatchObject({ in: 'query', field: 'cursor' });
  });
});
