import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkEvidence } from '#shared/domain/evidence-check';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const ofd = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....OFD.xml....')]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('checking an uploaded evidence object', () => {
  it.each([
    ['application/pdf', pdf],
    ['image/png', png],
    ['image/jpeg', jpeg],
    ['application/ofd', ofd],
  ] as const)('accepts real %s bytes of the declared size', (contentType, bytes) => {
    expect(checkEvidence({ contentType, size: bytes.length }, bytes)).toEqual({ ok: true });
  });

  it('rejects a text file sent as application/pdf', () => {
    const text = Buffer.from('just some text, not a pdf');
    expect(checkEvidence({ contentType: 'application/pdf', size: text.length }, text)).toEqual({
      ok: false,
      reason: expect.stringContaining('not application/pdf'),
    });
  });

  it('rejects a ZIP that is not an OFD package', () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')]);
    expect(checkEvidence({ contentType: 'application/ofd', size: zip.length }, zip).ok).toBe(false);
  });

  it('rejects a size other than the declared one', () => {
    expect(checkEvidence({ contentType: 'application/pdf', size: pdf.length + 1 }, pdf)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('declared'),
    });
  });

  it('checks sha256 when declared', () => {
    expect(
      checkEvidence({ contentType: 'application/pdf', size: pdf.length, sha256: sha(pdf) }, pdf),
    ).toEqual({ ok: true });
    expect(
      checkEvidence({ contentType: 'application/pdf', size: pdf.length, sha256: sha(png) }, pdf),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('sha256') });
  });
});
