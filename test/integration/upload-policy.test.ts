/**
 * Issue 12 §5: the embedded stack's S3 enforces an upload form's policy as S3 does (s3rver alone enforces none of
 * it; infra/local/s3-local.ts, upload-policy.ts): an expired form, a file above or below the declared size, another
 * content type, another key, an extra field or a forged signature is refused with S3's error, nothing is stored and
 * the verifier never runs; a good form is stored (204) and verified.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, stackInfo, token, waitFor } from '../support/stack-client';
import { PDF_BYTES, socialOrganization } from '../support/fixtures';

interface Form {
  url: string;
  fields: Record<string, string>;
}
interface Declared {
  documentId: string;
  upload: Form;
}

let contractorId: string;
let own: string;
let s3: S3Client;

beforeAll(async () => {
  const bureau = await token('bureau');
  const { json } = await api<{ id: string }>('POST', '/v1/contractors', {
    token: bureau,
    body: socialOrganization(),
  });
  contractorId = json.id;
  own = await token('contractor', { contractorId });
  const { env } = stackInfo();
  s3 = new S3Client({
    endpoint: stackInfo().s3Endpoint,
    forcePathStyle: true,
    region: env.AWS_REGION ?? 'cn-north-1',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
    },
  });
});

afterAll(() => s3.destroy());

/** A form from the API, for `size` bytes of PDF. */
async function declare(condition: number, size = PDF_BYTES.length): Promise<Declared> {
  const { status, json } = await api<Declared>('POST', `/v1/contractors/${contractorId}/documents`, {
    token: own,
    body: { condition, fileName: 'licence.pdf', contentType: 'application/pdf', size },
  });
  expect(status).toBe(201);
  return json;
}

/** Posts the form as a browser does: its fields in order, then the file last. */
async function post(form: Form, bytes: Uint8Array, fields: Record<string, string> = form.fields) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', new Blob([bytes], { type: 'application/pdf' }), 'licence.pdf');
  const response = await fetch(form.url, { method: 'POST', body });
  return { status: response.status, text: await response.text() };
}

/** Whether s3rver holds the object (it serves unsigned GETs). */
async function stored(key: string): Promise<boolean> {
  const { s3Endpoint, bucketName } = stackInfo();
  const response = await fetch(`${s3Endpoint}/${bucketName}/${key}`);
  await response.arrayBuffer();
  return response.status === 200;
}

const errorCode = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
const errorMessage = (xml: string) =>
  /<Message>([^<]*)<\/Message>/
    .exec(xml)?.[1]
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

async function documentStatus(documentId: string): Promise<string> {
  const { json } = await api<{ status: string }>(
    'GET',
    `/v1/contractors/${contractorId}/documents/${documentId}`,
    { token: own },
  );
  return json.status;
}

describe('an upload form is held to its policy, as S3 holds it', () => {
  it('a good form is stored (204) and the verifier runs', async () => {
    const { documentId, upload } = await declare(1);
    const answer = await post(upload, PDF_BYTES);
    expect(answer.status).toBe(204);
    expect(await stored(upload.fields.key ?? '')).toBe(true);
    expect(
      await waitFor(async () => ((await documentStatus(documentId)) === 'verified' ? 'verified' : undefined)),
    ).toBe('verified');
  });

  it('an expired form: 403 AccessDenied "Policy expired.", nothing stored', async () => {
    const key = `upload-policy-tests/${contractorId}/expired`;
    // Signed as the handlers sign, with an expiry a minute ago.
    const form = await createPresignedPost(s3, {
      Bucket: stackInfo().bucketName,
      Key: key,
      Conditions: [['content-length-range', PDF_BYTES.length, PDF_BYTES.length]],
      Expires: -60,
    });
    const answer = await post(form, PDF_BYTES);
    expect(answer.status).toBe(403);
    expect(errorCode(answer.text)).toBe('AccessDenied');
    expect(errorMessage(answer.text)).toBe('Invalid according to Policy: Policy expired.');
    expect(await stored(key)).toBe(false);

    // Control: the same form, signed to expire later, is stored.
    const live = await createPresignedPost(s3, {
      Bucket: stackInfo().bucketName,
      Key: key,
      Conditions: [['content-length-range', PDF_BYTES.length, PDF_BYTES.length]],
      Expires: 60,
    });
    expect((await post(live, PDF_BYTES)).status).toBe(204);
    expect(await stored(key)).toBe(true);
  });

  it('a file one byte above or below the declared size: 400 EntityTooLarge / EntityTooSmall, nothing stored', async () => {
    const { documentId, upload } = await declare(2);
    const above = await post(upload, Buffer.concat([PDF_BYTES, Buffer.from(' ')]));
    expect(above.status).toBe(400);
    expect(errorCode(above.text)).toBe('EntityTooLarge');
    expect(above.text).toContain(`<MaxSizeAllowed>${PDF_BYTES.length}</MaxSizeAllowed>`);
    expect(above.text).toContain(`<ProposedSize>${PDF_BYTES.length + 1}</ProposedSize>`);

    const below = await post(upload, PDF_BYTES.subarray(0, PDF_BYTES.length - 1));
    expect(below.status).toBe(400);
    expect(errorCode(below.text)).toBe('EntityTooSmall');
    expect(below.text).toContain(`<MinSizeAllowed>${PDF_BYTES.length}</MinSizeAllowed>`);

    expect(await stored(upload.fields.key ?? '')).toBe(false);
    expect(await documentStatus(documentId)).toBe('pending');
  });

  it('another content type: 403 AccessDenied naming the failed condition', async () => {
    const { upload } = await declare(3);
    const answer = await post(upload, PDF_BYTES, { ...upload.fields, 'Content-Type': 'text/html' });
    expect(answer.status).toBe(403);
    expect(errorCode(answer.text)).toBe('AccessDenied');
    expect(errorMessage(answer.text)).toBe(
      'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "application/pdf"]',
    );
    expect(await stored(upload.fields.key ?? '')).toBe(false);
  });

  it("another key (another contractor's document), an extra field, a forged signature: refused", async () => {
    const { upload } = await declare(4);
    const otherKey = `contractors/ctr_someoneelse01/conditions/4/${'x'.repeat(10)}`;
    const moved = await post(upload, PDF_BYTES, { ...upload.fields, key: otherKey });
    expect(moved.status).toBe(403);
    expect(errorMessage(moved.text)).toBe(
      `Invalid according to Policy: Policy Condition failed: ["eq", "$key", "${upload.fields.key}"]`,
    );
    expect(await stored(otherKey)).toBe(false);

    const extra = await post(upload, PDF_BYTES, { ...upload.fields, 'x-amz-meta-owner': 'someone' });
    expect(extra.status).toBe(403);
    expect(errorMessage(extra.text)).toBe(
      'Invalid according to Policy: Extra input fields: x-amz-meta-owner',
    );

    const signature = upload.fields['X-Amz-Signature'] ?? '';
    const forged = await post(upload, PDF_BYTES, {
      ...upload.fields,
      'X-Amz-Signature': `${signature.startsWith('0') ? '1' : '0'}${signature.slice(1)}`,
    });
    expect(forged.status).toBe(403);
    expect(errorCode(forged.text)).toBe('SignatureDoesNotMatch');

    // A policy rewritten to allow more, with the form's own signature: the signature no longer matches.
    const policy = JSON.parse(Buffer.from(upload.fields.Policy ?? '', 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    policy.conditions = policy.conditions.map((condition) =>
      Array.isArray(condition) && condition[0] === 'content-length-range'
        ? ['content-length-range', 0, 1e9]
        : condition,
    );
    const widened = await post(upload, Buffer.concat([PDF_BYTES, Buffer.alloc(1000)]), {
      ...upload.fields,
      Policy: Buffer.from(JSON.stringify(policy)).toString('base64'),
    });
    expect(widened.status).toBe(403);
    expect(errorCode(widened.text)).toBe('SignatureDoesNotMatch');
    expect(await stored(upload.fields.key ?? '')).toBe(false);
  });

  it('a form posted with a query string, or with its key sent twice, is checked all the same (review of issue 12 §5)', async () => {
    const { upload } = await declare(5);
    const { s3Endpoint, bucketName } = stackInfo();
    const anonymousKey = `upload-policy-tests/${contractorId}/with-query`;
    const withQuery = await post(
      { url: `${s3Endpoint}/${bucketName}?x=1`, fields: { key: anonymousKey } },
      PDF_BYTES,
    );
    expect(withQuery.status).toBe(403);
    expect(await stored(anonymousKey)).toBe(false);

    // The signed key first, another after it: s3rver would store under the last one.
    const otherKey = `contractors/ctr_someoneelse02/conditions/5/${'y'.repeat(10)}`;
    const body = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) body.append(name, value);
    body.append('key', otherKey);
    body.append('file', new Blob([PDF_BYTES], { type: 'application/pdf' }), 'licence.pdf');
    const twice = await fetch(upload.url, { method: 'POST', body });
    const text = await twice.text();
    expect(twice.status).toBe(400);
    expect(errorCode(text)).toBe('InvalidArgument');
    expect(await stored(otherKey)).toBe(false);
    expect(await stored(upload.fields.key ?? '')).toBe(false);
  });

  it('a form without a policy (an anonymous POST to the private bucket): 403 AccessDenied', async () => {
    const { s3Endpoint, bucketName } = stackInfo();
    const key = `upload-policy-tests/${contractorId}/anonymous`;
    const answer = await post({ url: `${s3Endpoint}/${bucketName}`, fields: { key } }, PDF_BYTES);
    expect(answer.status).toBe(403);
    expect(errorCode(answer.text)).toBe('AccessDenied');
    expect(await stored(key)).toBe(false);
  });
});
