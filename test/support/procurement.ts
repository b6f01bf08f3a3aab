/** Stack-level steps the procurement tests share: eligible contractors, budget lines and projects over HTTP. */
import { expect } from 'vitest';
import { api, token, waitFor } from './stack-client';
import { PDF_BYTES, sha256, socialOrganization, uploadWithPresignedPost } from './fixtures';

export const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
export const etag = (version: number) => `"${version}"`;

interface Upload {
  documentId: string;
  upload: { url: string; fields: Record<string, string> };
}

/**
 * Uploads evidence for the eight conditions (as the bureau may), waits until each is verified and approves
 * them all (R-QUAL-2); returns the document ids by condition.
 */
export async function qualifyContractor(id: string): Promise<string[]> {
  const bureau = await token('bureau');
  // One after another: each declaration updates the contractor's evidence index (versioned).
  const documentIds: string[] = [];
  for (let condition = 1; condition <= 8; condition++) {
    const declared = await api<Upload>('POST', `/v1/contractors/${id}/documents`, {
      token: bureau,
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
  let tag = (await api('GET', `/v1/contractors/${id}`, { token: bureau })).headers.get('etag') ?? '';
  for (const [index, documentId] of documentIds.entries()) {
    const decided = await api('PUT', `/v1/contractors/${id}/conditions/${index + 1}/decision`, {
      token: bureau,
      headers: { 'if-match': tag },
      body: { documentId, decision: 'approved', reason: '材料齐全，符合条件' },
    });
    expect(decided.status).toBe(200);
    tag = decided.headers.get('etag') ?? '';
  }
  return documentIds;
}

/** Registers a contractor (through the bureau) and qualifies it; returns its id and a token of its own. */
export async function eligibleContractor(
  body: Record<string, unknown> = {},
): Promise<{ id: string; token: string }> {
  const registered = await api<{ id: string }>('POST', '/v1/contractors', {
    token: await token('bureau'),
    body: socialOrganization(body),
    headers: { 'idempotency-key': `ctr-${unique()}` },
  });
  expect(registered.status).toBe(201);
  const id = registered.json.id;
  await qualifyContractor(id);
  return { id, token: await token('contractor', { contractorId: id }) };
}

/** A budget line of `purchaserId` for `fiscalYear`. */
export async function openBudgetLine(
  asToken: string,
  purchaserId: string,
  fiscalYear: number,
  amount: number,
): Promise<{ id: string }> {
  const line = await api<{ id: string }>('POST', '/v1/budget-lines', {
    token: asToken,
    body: { purchaserId, fiscalYear, source: 'special_funds', amount },
    headers: { 'idempotency-key': `line-${unique()}` },
  });
  expect(line.status).toBe(201);
  return line.json;
}
