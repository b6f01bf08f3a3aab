import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '#shared/domain/audit-chain';
import { GENESIS_HASH, canonicalJson, headOf, nextEntry, verifyChain } from '#shared/domain/audit-chain';

const actor = { sub: 'u-1', role: 'bureau' };

function chainOf(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const head = entries.at(-1);
    entries.push(
      nextEntry(head && headOf(head), {
        recordType: 'contractor',
        recordId: 'ctr_1',
        at: `2026-11-24T10:0${i}:00.000+08:00`,
        actor,
        action: `step.${i}`,
        data: { version: i + 1, name: `n${i}` },
      }),
    );
  }
  return entries;
}

describe('hash-chained audit entries (R-SUP-2)', () => {
  it('links the first entry to the genesis hash and each next one to its predecessor', () => {
    const [a, b] = chainOf(2) as [AuditEntry, AuditEntry];
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(a.seq).toBe(1);
    expect(b.prevHash).toBe(a.hash);
    expect(b.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an untouched chain against the head the record carries', () => {
    const entries = chainOf(3);
    expect(verifyChain(entries, headOf(entries[2] as AuditEntry))).toEqual({ verified: true, length: 3 });
  });

  it('detects an edited entry', () => {
    const entries = chainOf(3);
    entries[1] = { ...(entries[1] as AuditEntry), data: { version: 2, name: 'rewritten' } };
    expect(verifyChain(entries)).toMatchObject({
      verified: false,
      brokenAtSeq: 2,
      problem: 'content does not match its hash',
    });
  });

  it('detects a removed entry in the middle', () => {
    const entries = chainOf(3);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ verified: false, brokenAtSeq: 3 });
  });

  it('detects a removed tail through the record head', () => {
    const entries = chainOf(3);
    const head = headOf(entries[2] as AuditEntry);
    expect(verifyChain(entries.slice(0, 2), head)).toMatchObject({ verified: false, brokenAtSeq: 3 });
  });

  it('detects a re-hashed forgery that does not link', () => {
    const entries = chainOf(2);
    const forged = nextEntry(undefined, { ...(entries[1] as AuditEntry), data: { forged: true } });
    expect(verifyChain([entries[0] as AuditEntry, { ...forged, seq: 2 }]).verified).toBe(false);
  });

  it('hashes content independent of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
  });
});
