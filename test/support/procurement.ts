/** Stack-level steps the procurement tests share: eligible contractors, budget lines and projects over HTTP. */
import { expect } from 'vitest';
import { api, token, waitFor } from './stack-client';
import { enrolEvaluators } from './evaluator-pool';
import { PDF_BYTES, deadlineIn, sha256, socialOrganization, uploadWithPresignedPost } from './fixtures';

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

export interface PublishedProject {
  id: string;
  version: number;
  purchaserId: string;
  status: string;
  tender?: { bidDeadline: string; minimumBids: number };
}

/** What a project's fixture steps sent it through: the project at its version, and who may go on with it. */
export interface PanelledProject {
  id: string;
  version: number;
  /** The purchasing town's clerk who created and submitted it. */
  clerk: string;
  /** The bureau user who approved it (not the clerk: four eyes). */
  approver: string;
}

/** The content of the consultation projects of these fixtures: one quality criterion, `plan`, weighted 80. */
export const projectContent = (fiscalYear: number, estimate: number, budgetLineId: string) => ({
  title: '并发测试照料护理服务',
  catalogCode: 'C-CAREGIVING',
  budgetLineId,
  estimatedAmount: estimate,
  quantity: { value: 100, unit: '小时' },
  term: { start: `${fiscalYear}-03-01`, end: `${fiscalYear}-12-31` },
  procurementMethod: 'competitive_consultation',
  evaluationCriteria: {
    quality: [{ code: 'plan', description: '服务方案', weight: 80 }],
    priceWeight: 20,
  },
});

/**
 * A consultation project of `purchaserId` on a fresh line, submitted by the town's clerk, approved by the
 * bureau (four eyes) and given `evaluatorIds` (3 or more, odd; enrolled in the pool first), not yet published.
 */
export async function panelledProject(options: {
  evaluatorIds: readonly string[];
  purchaserId?: string;
  estimate?: number;
  fiscalYear?: number;
}): Promise<PanelledProject> {
  const purchaserId = options.purchaserId ?? 'pur-town-1';
  const fiscalYear = options.fiscalYear ?? 2034;
  const estimate = options.estimate ?? 1_000_000;
  const [clerk, approver] = await Promise.all([
    token('town', { purchaserId, sub: `clerk-${unique()}` }),
    token('bureau', { sub: `approver-${unique()}` }),
  ]);
  const line = await openBudgetLine(approver, purchaserId, fiscalYear, estimate * 10);
  const created = await api<PublishedProject>('POST', '/v1/projects', {
    token: clerk,
    body: { purchaserId, ...projectContent(fiscalYear, estimate, line.id) },
  });
  expect(created.status, created.text).toBe(201);
  const { id } = created.json;
  const step = async (method: string, path: string, asToken: string, version: number, body?: unknown) => {
    const done = await api<PublishedProject>(method, path, {
      token: asToken,
      headers: { 'if-match': etag(version) },
      body,
    });
    expect(done.status, `${method} ${path}: ${done.text}`).toBeLessThan(300);
    return done.json.version;
  };
  let version = await step('POST', `/v1/projects/${id}/submit`, clerk, created.json.version);
  version = await step('POST', `/v1/projects/${id}/approve`, approver, version);
  // A panel names active pool members only (issue 11 §1, R-PROC-3).
  await enrolEvaluators(options.evaluatorIds);
  version = await step('PUT', `/v1/projects/${id}/evaluators`, clerk, version, {
    evaluatorIds: options.evaluatorIds,
  });
  return { id, version, clerk, approver };
}

/**
 * A `panelledProject` published with the deadline `closesInSeconds` from the publication (at least the test
 * stack's minimum period). Resolves once the workflow has published the notice.
 */
export async function publishedProject(options: {
  evaluatorIds: readonly string[];
  closesInSeconds: number;
  purchaserId?: string;
  estimate?: number;
  fiscalYear?: number;
}): Promise<PublishedProject> {
  const { id, version, clerk, approver } = await panelledProject(options);
  // Counted from the publication itself: the workflow checks the minimum period again when it runs.
  const published = await api('POST', `/v1/projects/${id}/publish`, {
    token: clerk,
    headers: { 'if-match': etag(version) },
    body: { bidDeadline: deadlineIn(options.closesInSeconds) },
  });
  expect(published.status, `POST /v1/projects/${id}/publish: ${published.text}`).toBeLessThan(300);
  return waitFor(
    async () => {
      const project = await api<PublishedProject>('GET', `/v1/projects/${id}`, { token: approver });
      return project.json.status === 'published' ? project.json : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
}
