/** Request bodies and files the stack-level tests share. */
import { createHash, randomInt } from 'node:crypto';
import { usccCheckCharacter } from '#shared/domain/credit-code';

/** A fresh, valid unified social credit code for the kind's registration authority (R-QUAL-3). */
export function newCreditCode(authority: '1' | '5' | '9' = '5'): string {
  const orgType = authority === '9' ? '1' : '2';
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const body = Array.from({ length: 9 }, () => charset[randomInt(charset.length)]).join('');
  const first17 = `${authority}${orgType}370402${body}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

export function socialOrganization(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'social_organization',
    name: '示范社会工作服务中心',
    creditCode: newCreditCode('5'),
    nonProfit: true,
    contact: { name: '李明', phone: '13800000000', email: 'li@example.org' },
    ...overrides,
  };
}

/** A small but real PDF. */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Sends a file through the presigned POST the API gave, as a browser form would. */
export async function uploadWithPresignedPost(
  upload: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  contentType: string,
): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), 'evidence');
  const response = await fetch(upload.url, { method: 'POST', body: form });
  await response.arrayBuffer();
  return response.status;
}

/**
 * A bid deadline `seconds` from now, rounded up to the next whole second: the publish route refuses a fraction of
 * a second (R-PROC-1), since S3's creation times are whole seconds and lateness is judged against them.
 */
export function deadlineIn(seconds: number): string {
  return new Date(Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000).toISOString();
}
