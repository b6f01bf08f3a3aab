/**
 * What the verifier checks on the real uploaded object (issue 2 §5). The presigned POST's policy is
 * not enforced by every S3 implementation (s3rver ignores it), so this check is the real guarantee.
 */
import { createHash } from 'node:crypto';
import type { EvidenceDocument } from './contractor';

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((b, i) => bytes[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OFD_ROOT = Buffer.from('OFD.xml');

/** OFD (GB/T 33190) is a ZIP package whose root holds OFD.xml. */
const looksLikeOfd = (bytes: Uint8Array) => startsWith(bytes, ZIP) && Buffer.from(bytes).includes(OFD_ROOT);

const MATCHES: Record<EvidenceDocument['contentType'], (bytes: Uint8Array) => boolean> = {
  'application/pdf': (b) => startsWith(b, PDF),
  'image/png': (b) => startsWith(b, PNG),
  'image/jpeg': (b) => startsWith(b, JPEG),
  'application/ofd': looksLikeOfd,
};

export type EvidenceVerdict = { ok: true } | { ok: false; reason: string };

export function checkEvidence(
  declared: Pick<EvidenceDocument, 'contentType' | 'size' | 'sha256'>,
  bytes: Uint8Array,
): EvidenceVerdict {
  if (bytes.byteLength !== declared.size) {
    return { ok: false, reason: `size is ${bytes.byteLength} bytes, ${declared.size} were declared` };
  }
  if (!MATCHES[declared.contentType](bytes)) {
    return { ok: false, reason: `content is not ${declared.contentType} (its leading bytes do not match)` };
  }
  if (declared.sha256 !== undefined) {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== declared.sha256) return { ok: false, reason: 'sha256 does not match the declared value' };
  }
  return { ok: true };
}
