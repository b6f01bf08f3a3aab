/**
 * Evidence uploads against s3rver and DynamoDB Local: the verifier checks the real object (issue 2 §5).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, stackInfo, token, waitFor } from '../support/stack-client';
import { PDF_BYTES, sha256, socialOrganization, uploadWithPresignedPost } from '../support/fixtures';

interface Upload {
  documentId: string;
  document: { revision: number; status: string };
  upload: { url: string; fields: Record<string, string>; expiresAt: string };
}
interface Doc {
  documentId: string;
  status: 'pending' | 'verified' | 'rejected';
  reason?: string;
  revision: number;
  download?: { url: string };
}

let contractorId: string;
let own: string;
let bureau: string;

beforeAll(async () => {
  bureau = await token('bureau');
  const { json } = await api<{ id: string }>('POST', '/v1/contractors', {
    token: bureau,
    body: socialOrganization(),
  });
  contractorId = json.id;
  own = await token('contractor', { contractorId });
});

async function declare(body: Record<string, unknown>) {
  return api<Upload>('POST', `/v1/contractors/${contractorId}/documents`, { token: own, body });
}

async function settled(documentId: string): Promise<Doc> {
  return waitFor(async () => {
    const { json } = await api<Doc>('GET', `/v1/contractors/${contractorId}/documents/${documentId}`, {
      token: own,
    });
    return json.status === 'pending' ? undefined : json;
  });
}

describe('evidence documents through presigned POST (R-QUAL-2)', () => {
  it('binds the form to the key, content type, exact size and a short expiry', async () => {
    const { status, json } = await declare({
      condition: 1,
      fileName: 'licence.pdf',
      contentType: 'application/pdf',
      size: PDF_BYTES.length,
    });
    expect(status).toBe(201);
    expect(json.upload.fields.key).toBe(`contractors/${contractorId}/conditions/1/${json.documentId}`);
    expect(json.upload.fields['Content-Type']).toBe('application/pdf');
    const policy = JSON.parse(Buffer.from(json.upload.fields.Policy ?? '', 'base64').toString()) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toContainEqual(['content-length-range', PDF_BYTES.length, PDF_BYTES.length]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'application/pdf']);
    // Issue 11 §4: a form lives at most 5 minutes.
    expect(Date.parse(policy.expiration) - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
  });

  it('verifies a real PDF and offers a short download link to the owner', async () => {
    const { json } = await declare({
      condition: 2,
      fileName: '章程.pdf',
      contentType: 'application/pdf',
      size: PDF_BYTES.length,
      sha256: sha256(PDF_BYTES),
    });
    expect(await uploadWithPresignedPost(json.upload, PDF_BYTES, 'application/pdf')).toBeLessThan(300);
    const doc = await settled(json.documentId);
    expect(doc).toMatchObject({ status: 'verified' });
    const download = await fetch(doc.download?.url ?? '');
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF_BYTES)).toBe(true);
  });

  it('issue 11 §4: the same form posted again with other bytes un-verifies the document (s3rver: by the checked hash)', async () => {
    const { json } = await declare({
      condition: 3,
      fileName: 'invoice.pdf',
      contentType: 'application/pdf',
      size: PDF_BYTES.length,
    });
    expect(await uploadWithPresignedPost(json.upload, PDF_BYTES, 'application/pdf')).toBeLessThan(300);
    const verified = await settled(json.documentId);
    expect(verified).toMatchObject({ status: 'verified' });
    const download = await fetch(verified.download?.url ?? '');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="invoice.pdf"; filename*=UTF-8''invoice.pdf`,
    );

    // Other bytes of the same size and type on the same form: what a reader would now get is not what was checked.
    const other = Buffer.from(PDF_BYTES.toString('latin1').replace('Catalog', 'Catalgo'), 'latin1');
    expect(await uploadWithPresignedPost(json.upload, other, 'application/pdf')).toBeLessThan(300);
    const replaced = await waitFor(async () => {
      const { json: doc } = await api<Doc>(
        'GET',
        `/v1/contractors/${contractorId}/documents/${json.documentId}`,
        {
          token: own,
        },
      );
      return doc.status === 'verified' ? undefined : doc;
    });
    expect(replaced).toMatchObject({ status: 'rejected', reason: expect.stringContaining('replaced') });
    expect(replaced.download).toBeUndefined();
  });

  it('issue 11 §4: a file name with a bidi override is refused at declaration, naming fileName', async () => {
    const { status, json } = await api<{ errors?: { field: string }[] }>(
      'POST',
      `/v1/contractors/${contractorId}/documents`,
      {
        token: own,
        body: { condition: 4, fileName: 'invoice\u202Efdp.exe', contentType: 'application/pdf', size: 100 },
      },
    );
    expect(status).toBe(400);
    expect(json.errors?.map((e) => e.field)).toEqual(['fileName']);
  });

  it('rejects a text file sent as application/pdf', async () => {
    const text = Buffer.from('this is plain text pretending to be a PDF');
    const { json } = await declare({
      condition: 3,
      fileName: 'fake.pdf',
      contentType: 'application/pdf',
      size: text.length,
    });
    await uploadWithPresignedPost(json.upload, text, 'application/pdf');
    const doc = await settled(json.documentId);
    expect(doc).toMatchObject({ status: 'rejected', reason: expect.stringContaining('not application/pdf') });
    expect(doc.download).toBeUndefined();
  });

  it('refuses a file larger than declared at the bucket, as S3 does (issue 12 §5): nothing stored, still pending', async () => {
    const { json } = await declare({
      condition: 4,
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      size: PDF_BYTES.length,
    });
    const bigger = Buffer.concat([PDF_BYTES, Buffer.alloc(4096, 0x20)]);
    // The form's content-length-range is [size, size]: the bucket answers 400 EntityTooLarge before storing a byte.
    expect(await uploadWithPresignedPost(json.upload, bigger, 'application/pdf')).toBe(400);
    // s3rver serves unsigned GETs: the key holds nothing.
    const { s3Endpoint, bucketName } = stackInfo();
    const object = await fetch(`${s3Endpoint}/${bucketName}/${json.upload.fields.key}`);
    await object.arrayBuffer();
    expect(object.status).toBe(404);
    const { status, json: doc } = await api<Doc>(
      'GET',
      `/v1/contractors/${contractorId}/documents/${json.documentId}`,
      { token: own },
    );
    expect(status).toBe(200);
    expect(doc).toMatchObject({ status: 'pending', revision: 1 });
    expect(doc.download).toBeUndefined();
    // The form still takes the declared bytes: the refusal left nothing behind that a verification trips over.
    expect(await uploadWithPresignedPost(json.upload, PDF_BYTES, 'application/pdf')).toBeLessThan(300);
    expect(await settled(json.documentId)).toMatchObject({ status: 'verified' });
  });

  it('refuses to declare a file over 20 MB, naming size', async () => {
    const { status, json } = await api<{ errors: { field: string }[] }>(
      'POST',
      `/v1/contractors/${contractorId}/documents`,
      {
        token: own,
        body: {
          condition: 4,
          fileName: 'big.pdf',
          contentType: 'application/pdf',
          size: 20 * 1024 * 1024 + 1,
        },
      },
    );
    expect(status).toBe(400);
    expect(json.errors[0]?.field).toBe('size');
  });

  it('keeps earlier revisions readable when a condition gets a new upload', async () => {
    const first = await declare({
      condition: 5,
      fileName: 'tax-2025.pdf',
      contentType: 'application/pdf',
      size: PDF_BYTES.length,
    });
    const second = await declare({
      condition: 5,
      fileName: 'tax-2026.pdf',
      contentType: 'application/pdf',
      size: PDF_BYTES.length,
    });
    expect([first.json.document.revision, second.json.document.revision]).toEqual([1, 2]);
    const list = await api<{ items: Doc[] }>('GET', `/v1/contractors/${contractorId}/documents?limit=100`, {
      token: bureau,
    });
    const ids = list.json.items.map((d) => d.documentId);
    expect(ids).toEqual(expect.arrayContaining([first.json.documentId, second.json.documentId]));
    const old = await api<Doc>('GET', `/v1/contractors/${contractorId}/documents/${first.json.documentId}`, {
      token: bureau,
    });
    expect(old.json.revision).toBe(1);
  });

  it("hides a contractor's documents from another contractor (404)", async () => {
    const other = await token('contractor', { contractorId: 'ctr_someoneelse01' });
    const list = await api('GET', `/v1/contractors/${contractorId}/documents`, { token: other });
    expect(list.status).toBe(404);
  });
});
