/**
 * The S3 adapter's side of issue 11 §4 (R-QUAL-2 evidence, R-PROC-5 bid documents): a download's
 * `Content-Disposition` is safe whatever name is stored (names declared before the schema refused control and bidi
 * characters are still in the table), a download is pinned to the verified version, and an upload form lives at most
 * 5 minutes and never past the deadline it is given.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contentDisposition, presignDownload, presignUpload } from '#shared/adapters/s3/document-storage';

const s3Mock = mockClient(S3Client);
const NOW = new Date('2026-11-24T03:59:50.000Z');

beforeAll(() => {
  // Presigning signs locally with whatever credentials the client resolves; no request is sent.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
});
beforeEach(() => {
  s3Mock.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Every character class the file-name rule names (shared/schemas/common.schema.ts). */
const CLASSES = {
  CR: '\r',
  LF: '\n',
  TAB: '\t',
  BEL: '\u0007',
  ESC: '\u001B',
  NUL: '\u0000',
  DEL: '\u007F',
  'NEL U+0085': '\u0085',
  'LINE SEPARATOR U+2028': '\u2028',
  'PARAGRAPH SEPARATOR U+2029': '\u2029',
  'LRE U+202A': '\u202A',
  'RLO U+202E': '\u202E',
  'LRI U+2066': '\u2066',
  'PDI U+2069': '\u2069',
  'RLM U+200F': '\u200F',
  'a lone surrogate': '\uD800',
};

const BID_OBJECT = 'contractors/bids/0123456789abcdef0123456789abcdef';
const EVIDENCE_OBJECT = 'contractors/ctr-000001/conditions/1/doc-000001';
const SEAL_KEY = 'arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** The policy of a presigned POST: its expiration and conditions. */
const policyOf = (fields: Record<string, string>) =>
  JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8')) as {
    expiration: string;
    conditions: unknown[];
  };

/** The `Content-Disposition` an upload form stores on the object, and that its policy holds it to. */
async function dispositionOf(fileName: string) {
  const { fields } = await presignUpload(EVIDENCE_OBJECT, 'application/pdf', 10, NOW, undefined, {
    fileName,
  });
  const header = fields['Content-Disposition'] ?? '';
  expect(policyOf(fields).conditions).toContainEqual(['eq', '$Content-Disposition', header]);
  return { header };
}

/** A presigned download's URL and the version it names. */
async function downloadOf(versionId?: string) {
  const { url } = await presignDownload(BID_OBJECT, NOW, versionId);
  return { url, versionId: new URL(url).searchParams.get('versionId') };
}

/** RFC 8187: the ext-value of `filename*`, decoded. */
const extName = (header: string) => {
  const match = /filename\*=UTF-8''([^;\s]*)/.exec(header);
  expect(match, header).not.toBeNull();
  return decodeURIComponent(match?.[1] ?? '');
};

describe('Content-Disposition of a download (RFC 6266, RFC 8187)', () => {
  for (const [label, character] of Object.entries(CLASSES)) {
    it(`a stored name with ${label} gives a header of printable ASCII whose name holds no such character`, async () => {
      const { header } = await dispositionOf(`invoice${character}fdp.exe`);
      expect(header).toMatch(/^[\x20-\x7E]+$/);
      expect(extName(header)).toBe('invoice_fdp.exe');
      expect(contentDisposition(`invoice${character}fdp.exe`)).toBe(header);
    });
  }

  it('keeps a Chinese name in filename* and gives old clients an ASCII fallback', () => {
    const header = contentDisposition('登记证书 2025.pdf');
    expect(header).toBe(
      `attachment; filename="____ 2025.pdf"; filename*=UTF-8''%E7%99%BB%E8%AE%B0%E8%AF%81%E4%B9%A6%202025.pdf`,
    );
    expect(extName(header)).toBe('登记证书 2025.pdf');
  });

  it('no raw quote, backslash or percent sign in the quoted fallback; filename* encodes what is not an attr-char', () => {
    const header = contentDisposition(`O'Brien "final" (1)*100%.pdf`);
    expect(header).toBe(
      `attachment; filename="O'Brien _final_ (1)*100_.pdf"; filename*=UTF-8''O%27Brien%20%22final%22%20%281%29%2A100%25.pdf`,
    );
    // RFC 8187 attr-char only, and %XX.
    expect(/filename\*=UTF-8''(.*)$/.exec(header)?.[1]).toMatch(
      /^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/,
    );
    expect(extName(header)).toBe(`O'Brien "final" (1)*100%.pdf`);
  });

  it('a name made only of refused characters still names a file', () => {
    expect(contentDisposition('\u202E')).toBe(`attachment; filename="_"; filename*=UTF-8''_`);
    expect(contentDisposition('   ')).toBe(`attachment; filename="document"; filename*=UTF-8''document`);
  });
});

describe('downloads are pinned to the verified version', () => {
  it('with the stored VersionId the presigned GET names it; without one, it names none', async () => {
    await expect(downloadOf('3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY')).resolves.toMatchObject({
      versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY',
    });
    await expect(downloadOf()).resolves.toMatchObject({ versionId: null });
  });
});

describe('the file name stays out of download URLs (review of issue 11: S3 access logs)', () => {
  it('a presigned GET carries no Content-Disposition and no part of the name', async () => {
    const { url } = await downloadOf('3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY');
    const query = new URL(url).searchParams;
    expect(query.get('response-content-disposition')).toBeNull();
    expect([...query.keys()].filter((name) => name.startsWith('response-'))).toEqual([]);
  });

  it('the upload form stores the safe Content-Disposition on the object, fixed by its policy', async () => {
    const { fields } = await presignUpload(EVIDENCE_OBJECT, 'application/pdf', 10, NOW, undefined, {
      fileName: '登记证书 2025.pdf',
    });
    expect(fields['Content-Disposition']).toBe(contentDisposition('登记证书 2025.pdf'));
    expect(policyOf(fields).conditions).toContainEqual([
      'eq',
      '$Content-Disposition',
      contentDisposition('登记证书 2025.pdf'),
    ]);
  });
});

describe('bid documents are sealed under the bid seal key (issue 11 §1, R-PROC-5)', () => {
  it(`a bid document's form sets SSE-KMS and the key id, both fixed by its policy`, async () => {
    vi.stubEnv('BID_SEAL_KEY_ID', SEAL_KEY);
    try {
      const { fields } = await presignUpload(BID_OBJECT, 'application/pdf', 10, NOW, undefined, {
        fileName: 'a.pdf',
      });
      // Keys declared before opaque ones are bid documents too.
      const earlier = await presignUpload(
        'contractors/ctr-000001/bids/prj-000001/bdoc-000001',
        'application/pdf',
        10,
        NOW,
      );
      expect(earlier.fields['x-amz-server-side-encryption-aws-kms-key-id']).toBe(SEAL_KEY);
      expect(fields).toMatchObject({
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': SEAL_KEY,
      });
      const { conditions } = policyOf(fields);
      expect(conditions).toContainEqual(['eq', '$x-amz-server-side-encryption', 'aws:kms']);
      expect(conditions).toContainEqual(['eq', '$x-amz-server-side-encryption-aws-kms-key-id', SEAL_KEY]);
    } finally {
      vi.unstubAllEnvs();
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    }
  });

  it('an evidence form names no KMS key; a bid form on a function not bound to the key fails', async () => {
    const { fields } = await presignUpload('contractors/c/conditions/1/d', 'application/pdf', 10, NOW);
    expect(Object.keys(fields).filter((name) => name.startsWith('x-amz-server-side'))).toEqual([]);
    vi.stubEnv('BID_SEAL_KEY_ID', '');
    await expect(presignUpload(BID_OBJECT, 'application/pdf', 10, NOW)).rejects.toThrow('BID_SEAL_KEY_ID');
  });
});

/** The expiration written in a presigned POST's policy. */
const policyExpiration = (fields: Record<string, string>) => policyOf(fields).expiration;

describe('upload forms (issue 11 §4)', () => {
  it('live 5 minutes, in the policy and in expiresAt', async () => {
    const form = await presignUpload('contractors/c/conditions/1/d', 'application/pdf', 10, NOW);
    expect(form.expiresAt.toISOString()).toBe('2026-11-24T04:04:50.000Z');
    expect(policyExpiration(form.fields)).toBe('2026-11-24T04:04:50Z');
  });

  it('never outlive a deadline inside the 5 minutes, even with less than a second left (R-PROC-1)', async () => {
    const deadline = new Date('2026-11-24T04:00:00.300Z');
    const form = await presignUpload('contractors/bids/x', 'application/pdf', 10, NOW, deadline);
    expect(form.expiresAt.toISOString()).toBe('2026-11-24T04:00:00.000Z');
    expect(policyExpiration(form.fields)).toBe('2026-11-24T04:00:00Z');

    vi.setSystemTime(new Date('2026-11-24T03:59:59.900Z'));
    const late = await presignUpload('contractors/bids/x', 'application/pdf', 10, new Date(), deadline);
    expect(late.expiresAt.getTime()).toBeLessThanOrEqual(deadline.getTime());
    expect(Date.parse(policyExpiration(late.fields))).toBeLessThanOrEqual(deadline.getTime());
  });
});
