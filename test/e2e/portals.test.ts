/**
 * Issue 12 §1, §6 over HTTP on the embedded stack: two partner portals onboard contractors and act for them
 * (`On-Behalf-Of`) within the scopes each contractor delegated, never for each other's; a revoked and an expired
 * delegation are 403; the audit entry of a delegated write names the portal and the contractor (R-SUP-2).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PDF_BYTES, sha256, socialOrganization, uploadWithPresignedPost } from '../support/fixtures';
import { api, token, waitFor } from '../support/stack-client';

const PORTAL_A = 'portal-a';
const PORTAL_B = 'portal-b';

interface Delegation {
  portalId: string;
  scopes: string[];
  status: string;
  version: number;
}
interface Upload {
  documentId: string;
  upload: { url: string; fields: Record<string, string> };
}
interface Problem {
  status: number;
  detail: string;
}

const tokens = {} as Record<'a' | 'b' | 'bureau' | 'auditor', string>;
/** Registered by portal A and by portal B. */
let contractorA: string;
let contractorB: string;

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const register = async (asToken: string) => {
  const registered = await api<{ id: string }>('POST', '/v1/contractors', {
    token: asToken,
    body: socialOrganization(),
  });
  expect(registered.status, registered.text).toBe(201);
  return registered.json.id;
};
/** The contractor's own user grants `portalId` these scopes (If-None-Match: *). */
const grantByContractor = async (
  contractorId: string,
  portalId: string,
  scopes: string[],
  seconds = 3600,
) => {
  const granted = await api<Delegation>('PUT', `/v1/contractors/${contractorId}/delegations/${portalId}`, {
    token: await token('contractor', { contractorId }),
    headers: { 'if-none-match': '*' },
    body: { scopes, validUntil: inSeconds(seconds) },
  });
  expect(granted.status, granted.text).toBe(201);
  return granted.json;
};
/** `asToken` acting for `contractorId`. */
const onBehalf = (asToken: string, contractorId: string) => ({
  token: asToken,
  headers: { 'on-behalf-of': contractorId },
});
const declareEvidence = (asToken: string, contractorId: string) =>
  api<Upload>('POST', `/v1/contractors/${contractorId}/documents`, {
    ...onBehalf(asToken, contractorId),
    body: {
      condition: 1,
      fileName: '登记证书.pdf',
      contentType: 'application/pdf',
      size: PDF_BYTES.length,
      sha256: sha256(PDF_BYTES),
    },
  });
const eligibility = (asToken: string, contractorId: string) =>
  api<{ contractorId: string } & Problem>(
    'GET',
    `/v1/contractors/${contractorId}/eligibility`,
    onBehalf(asToken, contractorId),
  );

beforeAll(async () => {
  [tokens.a, tokens.b, tokens.bureau, tokens.auditor] = await Promise.all([
    token('portal', { sub: PORTAL_A }),
    token('portal', { sub: PORTAL_B }),
    token('bureau'),
    token('auditor'),
  ]);
  [contractorA, contractorB] = await Promise.all([register(tokens.a), register(tokens.b)]);
  // A's contractor consents itself (its own user: documents and contracts); B's gives the bureau its written
  // consent, and the bureau grants documents.
  await grantByContractor(contractorA, PORTAL_A, ['documents', 'contracts']);
  const byBureau = await api<Delegation>('PUT', `/v1/contractors/${contractorB}/delegations/${PORTAL_B}`, {
    token: tokens.bureau,
    headers: { 'if-none-match': '*' },
    body: { scopes: ['documents'], validUntil: inSeconds(3600), consentReference: '授权委托书 2026-017' },
  });
  expect(byBureau.status, byBureau.text).toBe(201);
}, 60_000);

describe('partner portals acting for the contractors that consented (issue 12 §1)', () => {
  it('acts for its contractor within the scopes: uploads evidence, reads eligibility and contracts', async () => {
    const declared = await declareEvidence(tokens.a, contractorA);
    expect(declared.status, declared.text).toBe(201);
    expect(await uploadWithPresignedPost(declared.json.upload, PDF_BYTES, 'application/pdf')).toBeLessThan(
      300,
    );
    const verified = await waitFor(async () => {
      const doc = await api<{ status: string }>(
        'GET',
        `/v1/contractors/${contractorA}/documents/${declared.json.documentId}`,
        onBehalf(tokens.a, contractorA),
      );
      return doc.json.status === 'verified' ? doc : undefined;
    });
    expect(verified.status).toBe(200);
    const eligible = await eligibility(tokens.a, contractorA);
    expect(eligible.status).toBe(200);
    expect(eligible.json.contractorId).toBe(contractorA);
    const contracts = await api<{ items: unknown[] }>(
      'GET',
      '/v1/contracts',
      onBehalf(tokens.a, contractorA),
    );
    expect(contracts.status, contracts.text).toBe(200);
    expect(contracts.json.items).toEqual([]);
  });

  it('is refused a scope the contractor did not delegate (bids), with the reason', async () => {
    const bid = await api<Problem>(
      'GET',
      '/v1/projects/prj_01jnotthere0000000000/bid',
      onBehalf(tokens.a, contractorA),
    );
    expect(bid.status).toBe(403);
    expect(bid.json.detail).toBe(
      `contractor ${contractorA} has delegated documents, contracts to this portal, not bids`,
    );
  });

  it("never acts for another portal's contractor, nor for one that does not exist (403 alike)", async () => {
    for (const [asToken, contractorId] of [
      [tokens.a, contractorB],
      [tokens.b, contractorA],
      [tokens.a, 'ctr_01jnotthere000000000'],
    ] as const) {
      const refused = await eligibility(asToken, contractorId);
      expect(refused.status).toBe(403);
      expect(refused.json.detail).toBe(
        `contractor ${contractorId} has not delegated anything to this portal`,
      );
      expect((await declareEvidence(asToken, contractorId)).status).toBe(403);
    }
    // Without the header a portal reads the contractors it registered only, as before.
    expect((await api('GET', `/v1/contractors/${contractorB}`, { token: tokens.a })).status).toBe(404);
    expect((await api('GET', `/v1/contractors/${contractorA}`, { token: tokens.a })).status).toBe(200);
  });

  it('acts under a grant the bureau made on written consent', async () => {
    expect((await eligibility(tokens.b, contractorB)).status).toBe(200);
    expect((await declareEvidence(tokens.b, contractorB)).status).toBe(201);
  });

  it('lets the bureau grant no bids, and a portal grant itself nothing (403)', async () => {
    const bids = await api<Problem>('PUT', `/v1/contractors/${contractorB}/delegations/${PORTAL_B}`, {
      token: tokens.bureau,
      headers: { 'if-match': '"1"' },
      body: {
        scopes: ['documents', 'bids'],
        validUntil: inSeconds(3600),
        consentReference: '授权委托书 2026-017',
      },
    });
    expect(bids.status).toBe(403);
    expect(bids.json.detail).toMatch(/only the contractor's own user may delegate bids/);
    const itself = await api('PUT', `/v1/contractors/${contractorB}/delegations/${PORTAL_B}`, {
      token: tokens.b,
      headers: { 'if-match': '"1"' },
      body: { scopes: ['documents', 'bids'], validUntil: inSeconds(3600) },
    });
    expect(itself.status).toBe(403);
  });

  it('shows a portal its own delegation only; the contractor and the bureau see every one', async () => {
    await grantByContractor(contractorA, 'portal-c', ['documents']);
    const portalIds = async (asToken: string) => {
      const listed = await api<{ items: Delegation[] }>('GET', `/v1/contractors/${contractorA}/delegations`, {
        token: asToken,
      });
      expect(listed.status).toBe(200);
      return listed.json.items.map((d) => d.portalId).sort();
    };
    expect(await portalIds(tokens.a)).toEqual([PORTAL_A]);
    expect(await portalIds(await token('contractor', { contractorId: contractorA }))).toEqual([
      PORTAL_A,
      'portal-c',
    ]);
    expect(await portalIds(tokens.bureau)).toEqual([PORTAL_A, 'portal-c']);
    expect((await api('GET', `/v1/contractors/${contractorA}/delegations`, { token: tokens.b })).status).toBe(
      404,
    );
  });

  it('refuses a revoked and an expired delegation (403), each with its reason', async () => {
    const contractorId = await register(tokens.a);
    const own = await token('contractor', { contractorId });
    await grantByContractor(contractorId, PORTAL_B, ['documents']);
    const lapsing = await grantByContractor(contractorId, PORTAL_A, ['documents'], 3);
    expect(lapsing.status).toBe('active');
    expect((await eligibility(tokens.b, contractorId)).status).toBe(200);
    const revoked = await api<Delegation>(
      'POST',
      `/v1/contractors/${contractorId}/delegations/${PORTAL_B}/revoke`,
      {
        token: own,
        headers: { 'if-match': '"1"' },
        body: { reason: '合作结束' },
      },
    );
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.json.status).toBe('revoked');
    const afterRevocation = await eligibility(tokens.b, contractorId);
    expect(afterRevocation.status).toBe(403);
    expect(afterRevocation.json.detail).toMatch(/revoked its delegation to this portal at/);

    // The 3 s grant lapses: from then on the portal is refused, the record stays (listed as expired).
    await waitFor(async () => (await eligibility(tokens.a, contractorId)).status === 403, {
      timeoutMs: 10_000,
      intervalMs: 250,
    });
    const afterLapse = await eligibility(tokens.a, contractorId);
    expect(afterLapse.json.detail).toMatch(/expired at/);
    const listed = await api<{ items: Delegation[] }>('GET', `/v1/contractors/${contractorId}/delegations`, {
      token: own,
    });
    expect(Object.fromEntries(listed.json.items.map((d) => [d.portalId, d.status]))).toEqual({
      [PORTAL_A]: 'expired',
      [PORTAL_B]: 'revoked',
    });
  });

  it('names the portal and the contractor in the audit entry of a delegated write (R-SUP-2)', async () => {
    const declared = await declareEvidence(tokens.b, contractorB);
    expect(declared.status).toBe(201);
    const trail = await api<{ entries: { action: string; actor: unknown }[]; chain: { verified: boolean } }>(
      'GET',
      `/v1/audit/document/${declared.json.documentId}`,
      { token: tokens.auditor },
    );
    expect(trail.status, trail.text).toBe(200);
    expect(trail.json.chain.verified).toBe(true);
    expect(trail.json.entries[0]?.actor).toEqual({
      sub: PORTAL_B,
      role: 'portal',
      onBehalfOf: { contractorId: contractorB, scope: 'documents' },
    });
  });
});
